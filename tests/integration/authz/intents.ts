import { z } from "zod";
import { createDocumentSchema, documentActionSchema } from "~/documents/schemas";
import { markAllReadSchema, queueActionSchemas, threadActionSchemas } from "~/threads/schemas";
import { readAllSchema, readOneSchema } from "~/routes/benachrichtigungen._index/schemas";
import { inviteSchema as portalInviteSchema, revokeSchema } from "~/routes/einladungen/schemas";
import { overviewActionSchema } from "~/routes/gruppen.$slug._index/schemas";
import { statusSchema } from "~/routes/gruppen.$slug.bearbeiten/status-schema";
import { deleteSchema } from "~/routes/gruppen.$slug.materialien/schemas";
import { FEED_INTENTS } from "~/routes/konto.sitzungen/feed-tokens.server";
import { endOthersSchema, endSessionSchema } from "~/routes/konto.sitzungen/schemas";
import { commentSchema, supportSchema, triageSchema } from "~/routes/themen.$id/schemas";
import { listSupportSchema } from "~/routes/themen._index/schemas";
import { userActionSchema } from "~/routes/verwaltung.benutzer/schemas";

/** The values a schema's `intent` field accepts (a literal or an enum). */
function intentValues(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodLiteral) return [...schema.values].map(String);
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  throw new Error("an intent field that is neither a literal nor an enum");
}

function intentsOf(...schemas: z.ZodType[]): string[] {
  return schemas.flatMap((schema) => {
    if (schema instanceof z.ZodDiscriminatedUnion) return intentsOf(...(schema.options as z.ZodType[]));
    if (schema instanceof z.ZodPipe) return intentsOf(schema.in as z.ZodType);
    if (schema instanceof z.ZodObject) return intentValues(schema.shape.intent as z.ZodType);
    throw new Error("an action schema of an unknown shape");
  });
}

/**
 * The intents each multiplexing action accepts, read from the app's own
 * form schemas: an intent added there without a case in the table fails
 * the matrix. (Actions whose forms carry no intent field are not listed.)
 */
export function schemaIntents(): Record<string, string[]> {
  return {
    "routes/gruppen.$slug._index": intentsOf(overviewActionSchema),
    "routes/gruppen.$slug.diskussion.$threadId": Object.keys(threadActionSchemas),
    "routes/gruppen.$slug.diskussion.meldungen": Object.keys(queueActionSchemas),
    "routes/gruppen.$slug.dokumente.$docId": intentsOf(documentActionSchema),
    "routes/gruppen.$slug.dokumente._index": intentsOf(createDocumentSchema),
    "routes/gruppen.$slug.diskussion._index": intentsOf(markAllReadSchema),
    "routes/gruppen.$slug.bearbeiten": intentsOf(statusSchema),
    "routes/gruppen.$slug.materialien": intentsOf(deleteSchema),
    "routes/konto.sitzungen": [...intentsOf(endSessionSchema, endOthersSchema), ...FEED_INTENTS],
    "routes/benachrichtigungen._index": intentsOf(readOneSchema, readAllSchema),
    "routes/einladungen": intentsOf(portalInviteSchema, revokeSchema),
    "routes/themen.$id": intentsOf(supportSchema, commentSchema, triageSchema),
    "routes/themen._index": intentsOf(listSupportSchema),
    "routes/verwaltung.benutzer": intentsOf(userActionSchema),
  };
}
