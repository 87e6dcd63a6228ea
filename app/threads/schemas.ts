import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { discussionTexts as t } from "~/i18n/discussion";

/**
 * One zod schema per form of the Diskussion tab, shared by conform in the
 * browser and parseWithZod on the server. The post text itself ("body" from
 * the textarea, "bodyJson" from the editor) is optional here: the server
 * checks it with parsePostBody (app/threads/post-body.server.ts), which knows
 * the post schema and the limits, and answers with a field error on "body".
 */

const id = recordId();
const postText = { body: z.string().optional(), bodyJson: z.string().optional() };
const reason = z.string({ error: t.errors.reasonRequired }).trim().min(1, t.errors.reasonRequired).max(500, t.errors.reasonLong);

export const newThreadSchema = z.object({
  title: z.string({ error: t.errors.titleRequired }).trim().min(3, t.errors.titleShort).max(200, t.errors.titleLong),
  ...postText,
  // Typed as text on the way in, for conform's select field.
  documentId: recordId().optional(),
  heading: z.string().trim().max(300).optional(),
});

export const threadActionSchemas = {
  reply: z.object({ intent: z.literal("reply"), ...postText, quotedPostId: id.optional() }),
  edit: z.object({ intent: z.literal("edit"), postId: id, ...postText }),
  delete: z.object({ intent: z.literal("delete"), postId: id }),
  report: z.object({ intent: z.literal("report"), postId: id, reason }),
  hide: z.object({ intent: z.literal("hide"), postId: id, reason }),
  pin: z.object({ intent: z.literal("pin") }),
  unpin: z.object({ intent: z.literal("unpin") }),
  lock: z.object({ intent: z.literal("lock") }),
  unlock: z.object({ intent: z.literal("unlock") }),
} as const;
export type ThreadIntent = keyof typeof threadActionSchemas;
export const isThreadIntent = (v: unknown): v is ThreadIntent => typeof v === "string" && Object.hasOwn(threadActionSchemas, v);

export const markAllReadSchema = z.object({ intent: z.literal("mark-all-read") });

export const queueActionSchemas = {
  "hide-reported": z.object({ intent: z.literal("hide-reported"), reportId: id, reason }),
  dismiss: z.object({ intent: z.literal("dismiss"), reportId: id }),
} as const;
export type QueueIntent = keyof typeof queueActionSchemas;
export const isQueueIntent = (v: unknown): v is QueueIntent => typeof v === "string" && Object.hasOwn(queueActionSchemas, v);
