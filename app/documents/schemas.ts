import { z } from "zod";
import { documentKinds, documentStatuses } from "../../db/schema";
import { de } from "~/i18n/de";
import { documentTexts } from "~/i18n/documents";

const title = z
  .string({ error: de.validation.required("einen Titel") })
  .trim()
  .min(3, de.validation.required("einen Titel mit mindestens 3 Zeichen"))
  .max(200, de.validation.tooLong(200));

export const createDocumentSchema = z.object({
  intent: z.literal("create"),
  title,
  kind: z.enum(documentKinds, { error: de.validation.required("die Art des Dokuments") }),
});
export const renameDocumentSchema = z.object({ intent: z.literal("rename"), title });
/** Why the status changes: required, so the Verlauf always says who, when and why. */
const comment = z
  .string({ error: documentTexts.commentRequired })
  .trim()
  .min(3, documentTexts.commentTooShort)
  .max(1000, documentTexts.commentTooLong);
export const setStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(documentStatuses, { error: documentTexts.statusRequired }),
  comment,
});
export const deleteDocumentSchema = z.object({ intent: z.literal("delete") });
export const documentActionSchema = z.discriminatedUnion("intent", [renameDocumentSchema, setStatusSchema, deleteDocumentSchema]);
