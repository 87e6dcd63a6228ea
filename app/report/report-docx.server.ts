import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { reportTexts as t } from "~/i18n/report";
import type { ReportData, ReportGroup } from "./report-data.server";
import { createCounter, orderedListNumbering, tiptapToDocx, type Counter } from "./tiptap-docx";

/** German date of a Berlin day (YYYY-MM-DD) or an instant: "2. Dezember 2026". */
export function germanDate(value: string | number | Date): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(date);
}

/**
 * The report as a Word document: title, portal name and date, then per group
 * a heading (level 1) with its figures, its milestones as a list and its
 * adopted recommendations (level 2/3) with their text as written.
 */
export function reportDocument(report: ReportData): Document {
  const counter = createCounter();
  const adopted = report.groups.reduce((n, g) => n + g.adopted.length, 0);
  return new Document({
    title: t.title,
    creator: report.portalName,
    description: t.subtitle(report.portalName, germanDate(report.day)),
    numbering: { config: [orderedListNumbering()] },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t.title)] }),
          new Paragraph({ children: [new TextRun({ text: t.subtitle(report.portalName, germanDate(report.day)), bold: true })] }),
          new Paragraph(t.createdFor(report.createdFor)),
          new Paragraph(t.summary(report.groups.length, adopted)),
          ...report.groups.flatMap((g) => groupBlocks(g, counter)),
        ],
      },
    ],
  });
}

export async function reportDocx(report: ReportData): Promise<Buffer> {
  return Packer.toBuffer(reportDocument(report));
}

function groupBlocks(group: ReportGroup, counter: Counter) {
  const m = group.milestones;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(group.title)] }),
    fact(t.status, t.groupStatus[group.status]),
    fact(t.loge, group.loge ?? t.noLoge),
    fact(t.members, String(group.members)),
    fact(t.lastActivity, germanDate(group.lastActivityAt)),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${t.milestones} (${t.milestonesDone(m.done, m.total)})`)] }),
    ...(m.items.length
      ? m.items.map((item) => {
          const state = item.doneAt !== null ? t.milestoneState.done : item.overdue ? t.milestoneState.overdue : t.milestoneState.open;
          return new Paragraph({
            bullet: { level: 0 },
            children: [new TextRun({ text: t.milestoneLine(item.title, state, item.dueDate ? germanDate(item.dueDate) : null), bold: item.overdue || undefined })],
          });
        })
      : [new Paragraph(t.noMilestones)]),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(t.recommendations)] }),
    ...(group.adopted.length
      ? group.adopted.flatMap((d) => {
          const text = tiptapToDocx(d.content, counter);
          return [
            new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(d.title)] }),
            new Paragraph({ children: [new TextRun({ text: t.recommendationMeta(t.documentStatus[d.status], germanDate(d.updatedAt)), italics: true })] }),
            ...(text.length ? text : [new Paragraph(t.emptyText)]),
          ];
        })
      : [new Paragraph(t.noRecommendations)]),
  ];
}

function fact(label: string, value: string) {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
}
