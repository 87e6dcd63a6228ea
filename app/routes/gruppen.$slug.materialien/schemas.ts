import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { loges } from "~/groups/loges";
import { materialTexts as t } from "~/i18n/materials";

const optionalText = (max: number) => z.string().trim().max(max, t.errors.tooLong(max)).optional();

/** The fields of the upload form besides the file; the server checks the file itself (storage.server.ts). */
export const materialSchema = z.object({
  title: z
    .string({ error: t.errors.titleRequired })
    .trim()
    .min(1, t.errors.titleRequired)
    .max(200, t.errors.tooLong(200)),
  description: optionalText(2000),
  speaker: optionalText(200),
  loge: z.enum(loges, { error: t.errors.loge }).optional(),
});
export type MaterialFields = z.infer<typeof materialSchema>;

/**
 * In the browser the file is checked early too (chosen, not empty, not too
 * large), only to spare a long upload; the server decides again.
 */
export function uploadFormSchema(maxBytes: number) {
  return materialSchema.extend({
    file: z
      .file({ error: t.errors.fileMissing })
      .min(1, t.errors.fileEmpty)
      .max(maxBytes, t.errors.tooLarge(t.size(maxBytes))),
  });
}

export const deleteSchema = z.object({
  intent: z.literal("delete"),
  materialId: recordId(),
});
