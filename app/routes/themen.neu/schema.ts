import { z } from "zod";
import { loges } from "~/groups/loges";
import { topicTexts as t } from "~/i18n/topics";

/** "Thema vorschlagen": the one form of /themen/neu. */
export const proposalSchema = z.object({
  title: z.string({ error: t.titleRequired }).trim().min(3, t.titleTooShort).max(150, t.titleTooLong),
  description: z
    .string({ error: t.descriptionRequired })
    .trim()
    .min(10, t.descriptionTooShort)
    .max(4000, t.descriptionTooLong),
  loge: z.enum(loges, { error: t.logeInvalid }).optional(),
  wantsToParticipate: z.boolean().default(false),
});
