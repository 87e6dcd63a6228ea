import { reportTexts as t } from "~/i18n/report";
import { toCsv } from "./csv";
import type { ReportData } from "./report-data.server";
import { germanDate } from "./report-docx.server";

/**
 * The report as CSV: one row per group (the unit the ministry compares), with
 * the recommendation counts per status and the adopted titles in one cell.
 * The texts themselves are in the DOCX; a spreadsheet cell is no place for them.
 */
export function reportCsv(report: ReportData): string {
  const c = t.csv;
  const header = [
    c.group, c.loge, c.status, c.visibility, c.members, c.milestonesDone, c.milestonesTotal, c.milestonesOverdue,
    c.nextMilestone, c.nextDue, c.draft, c.consultation, c.adopted, c.handedOver, c.adoptedTitles, c.lastActivity, c.link,
  ];
  const rows = report.groups.map((g) => [
    g.title,
    g.loge ?? "",
    t.groupStatus[g.status],
    t.visibility[g.visibility],
    g.members,
    g.milestones.done,
    g.milestones.total,
    g.milestones.overdue.length,
    g.milestones.nextDue?.title ?? "",
    g.milestones.nextDue ? germanDate(g.milestones.nextDue.dueDate) : "",
    g.recommendations.entwurf,
    g.recommendations.in_konsultation,
    g.recommendations.beschlossen,
    g.recommendations.uebergeben,
    g.adopted.map((d) => d.title).join(" | "),
    germanDate(g.lastActivityAt),
    `${report.origin}/gruppen/${g.slug}`,
  ]);
  return toCsv(header, rows);
}
