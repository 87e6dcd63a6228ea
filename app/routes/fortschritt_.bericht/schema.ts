import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { reportTexts as t } from "~/i18n/report";

export const reportFormats = ["docx", "csv"] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The report form and the download URL's query: one schema for both. */
export const reportSchema = z
  .object({
    umfang: z.enum(["alle", "auswahl"], { error: t.errors.scope }),
    gruppen: z.array(recordId(t.errors.badGroup)).max(500).optional(),
    format: z.enum(reportFormats, { error: t.errors.format }),
  })
  .superRefine((value, ctx) => {
    if (value.umfang === "auswahl" && !value.gruppen?.length) {
      ctx.addIssue({ code: "custom", path: ["gruppen"], message: t.errors.groupsRequired });
    }
  });

/** The download's address for a valid choice. */
export function reportFileUrl(value: z.output<typeof reportSchema>): string {
  const query = new URLSearchParams({ umfang: value.umfang, format: value.format });
  if (value.umfang === "auswahl") for (const id of value.gruppen ?? []) query.append("gruppen", String(id));
  return `/fortschritt/bericht/datei?${query}`;
}
