import { Link } from "@remix-run/react";
import { documentStatuses, type DocumentStatus } from "../../db/schema";
import { ActivitySparkline } from "./activity-chart";
import { berlinDay, type DashboardWeek } from "./figures";
import { formatDay, relativeDay } from "./format";
import type { DashboardGroup } from "~/models/dashboard.server";
import { dashboardTexts as t } from "~/i18n/dashboard";
import { documentTexts } from "~/i18n/documents";
import { groupTexts } from "~/i18n/groups";

type Group = Omit<DashboardGroup, "adopted" | "milestones"> & { milestones: Omit<DashboardGroup["milestones"], "items"> };

const statusVariant = { aktiv: "success", abgeschlossen: "info", archiviert: "warning" } as const;
const recVariant: Record<DocumentStatus, string> = {
  entwurf: "info",
  in_konsultation: "warning",
  beschlossen: "success",
  uebergeben: "success",
  zurueckgezogen: "danger",
};

/** One row per group: what an observer needs to see where it stands, in one line. */
export function GroupTable({ groups, activity, activityMax, weeks, today }: { groups: Group[]; activity: Map<number, number[]>; activityMax: number; weeks: DashboardWeek[]; today: string }) {
  return (
    <div className="dashboard-table-scroll" role="region" aria-label={t.groupsTitle} tabIndex={0}>
      <table className="kern-table dashboard-groups">
        <caption className="kern-sr-only">{t.groupsTitle}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{t.tableGroup}</th>
            <th scope="col" className="kern-table__header">{t.status}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t.membersLabel}</th>
            <th scope="col" className="kern-table__header">{t.lastActivity}</th>
            <th scope="col" className="kern-table__header">{t.milestones}</th>
            <th scope="col" className="kern-table__header">{t.recommendations}</th>
            <th scope="col" className="kern-table__header">{t.activityColumn}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {groups.map((g) => {
            const lastDay = berlinDay(g.lastActivityAt);
            const m = g.milestones;
            return (
              <tr key={g.id} className="kern-table__row" data-group={g.slug}>
                <th scope="row" className="kern-table__header dashboard-groups__title">
                  <Link className="kern-link" to={`/gruppen/${g.slug}`}>{g.title}</Link>
                  {/* Most groups are named after their Loge: say it only when it adds something. */}
                  {g.loge !== g.title ? <span className="dashboard-groups__loge">{t.logeLine(g.loge ?? t.noLoge)}</span> : null}
                  {g.visibility === "vertraulich" ? (
                    <span className="kern-badge kern-badge--danger"><span className="kern-label">{groupTexts.visibility.vertraulich}</span></span>
                  ) : null}
                </th>
                <td className="kern-table__cell" data-label={t.status}>
                  <span className={`kern-badge kern-badge--${statusVariant[g.status]}`}><span className="kern-label">{groupTexts.status[g.status]}</span></span>
                </td>
                <td className="kern-table__cell kern-table__cell--numeric" data-label={t.membersLabel}>{g.members}</td>
                <td className="kern-table__cell" data-label={t.lastActivity}>
                  {relativeDay(lastDay, today)}
                  <br />
                  <time className="dashboard-muted" dateTime={new Date(g.lastActivityAt).toISOString()}>{formatDay(lastDay)}</time>
                </td>
                <td className="kern-table__cell dashboard-groups__milestones" data-label={t.milestones}>
                  {m.total ? (
                    <>
                      <span className="dashboard-progress">
                        <progress max={m.total} value={m.done} aria-label={t.milestonesProgressLabel(g.title)} />
                        <span>{t.milestonesOf(m.done, m.total)}</span>
                      </span>
                      <span className="dashboard-muted">
                        {t.nextDue}: {m.nextDue ? `${m.nextDue.title} (${formatDay(m.nextDue.dueDate)})` : t.nextDueNone}
                      </span>
                      {m.overdue.length ? (
                        <span className="dashboard-overdue">
                          <span className="kern-icon kern-icon--warning" aria-hidden="true" />
                          <strong>{t.overdueMark}</strong> {m.overdue.map((o) => t.overdueItem(o.title, formatDay(o.dueDate))).join("; ")}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="dashboard-muted">{t.noMilestones}</span>
                  )}
                </td>
                <td className="kern-table__cell" data-label={t.recommendations}>
                  <RecommendationBadges counts={g.recommendations} />
                </td>
                <td className="kern-table__cell" data-label={t.activityColumn}>
                  <ActivitySparkline id={`akt-${g.id}`} title={g.title} counts={activity.get(g.id) ?? weeks.map(() => 0)} weeks={weeks} scaleMax={activityMax} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RecommendationBadges({ counts }: { counts: Record<DocumentStatus, number> }) {
  const shown = documentStatuses.filter((s) => counts[s] > 0);
  if (!shown.length) return <span className="dashboard-muted">{t.noRecommendations}</span>;
  return (
    <ul className="dashboard-badges" role="list">
      {shown.map((s) => (
        <li key={s}>
          <span className={`kern-badge kern-badge--${recVariant[s]}`}>
            <span className="kern-label">{`${documentTexts.status[s]}: ${counts[s]}`}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
