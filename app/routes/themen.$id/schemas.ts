import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { proposalStatuses } from "../../../db/schema";
import { topicTexts as t } from "~/i18n/topics";
import { checkTransitionInput } from "~/topics/state-machine";

/** "Unterstützen" with the offer to take part; pressing again takes the support back. */
export const supportSchema = z.object({
  intent: z.literal("support"),
  wantsToParticipate: z.boolean().default(false),
});

export const commentSchema = z.object({
  intent: z.literal("comment"),
  body: z.string({ error: t.commentRequired }).trim().min(1, t.commentRequired).max(2000, t.commentTooLong),
});

/**
 * The moderation's forms (one per target status, the same fields). What a
 * target needs (a reason, a group) comes from the state machine, so browser
 * and server check the same rule; whether the step is allowed from the
 * current status is checked again when it is saved.
 */
export const triageSchema = z
  .object({
    intent: z.literal("triage"),
    to: z.enum(proposalStatuses),
    reason: z.string().trim().max(1000, t.reasonTooLong).optional(),
    // The select's text; "" (nothing chosen) is undefined.
    groupId: recordId(t.groupRequired).optional(),
  })
  .superRefine((value, ctx) => {
    const check = checkTransitionInput(value.to, value);
    if (!check.ok) ctx.addIssue({ code: "custom", path: [check.field], message: check.error });
  });
