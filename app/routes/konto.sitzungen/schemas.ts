import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { feedTexts } from "~/i18n/feeds";

export const endSessionSchema = z.object({
  intent: z.literal("end"),
  sessionId: z.string().regex(/^[a-z2-9]{24}$/),
});

export const endOthersSchema = z.object({ intent: z.literal("end-others") });

// Feed tokens ("Feeds und Datenzugang"): German errors, since the label is typed by the user.
export const createFeedTokenSchema = z.object({
  intent: z.literal("create-feed-token"),
  label: z
    .string({ error: feedTexts.errors.labelRequired })
    .trim()
    .min(1, feedTexts.errors.labelRequired)
    .max(80, feedTexts.errors.labelTooLong),
});

export const revokeFeedTokenSchema = z.object({
  intent: z.literal("revoke-feed-token"),
  tokenId: recordId(),
});
