import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { groupStatuses } from "../../db/schema";
import { ActivityTable } from "./activity-chart";
import { formatDay } from "./format";
import { GroupTable } from "./group-table";
import type { DashboardPageData } from "./page-data.server";
import { StatusChart, StatusPatterns, StatusTable } from "./status-chart";
import { FilterSelect } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { dashboardTexts as t } from "~/i18n/dashboard";
import { groupTexts } from "~/i18n/groups";

/** The dashboard page body: used by /fortschritt and, for observers, by the start page. */
export function DashboardView({ data, preline }: { data: SerializeFrom<DashboardPageData>; preline?: string }) {
  const { summary, weeks, filter } = data;
  const activity = new Map(data.activityByWeek.map((a) => [a.groupId, a.counts]));
  const filtered = Boolean(filter.loge || filter.status);
  const activityTotal = data.activityByWeek.reduce((n, a) => n + a.counts.reduce((x, y) => x + y, 0), 0);
  const recTotal = summary.recommendations;
  return (
    <div className="kern-stack page-wide dashboard">
      <StatusPatterns />
      <div className="title-row">
        <hgroup className="kern-hgroup">
          {preline ? <p className="kern-preline">{preline}</p> : null}
          <h1 className="kern-heading-large">{t.title}</h1>
          <p className="kern-preline">{t.asOf(formatDay(data.today))}</p>
        </hgroup>
        <Link className="kern-btn kern-btn--secondary" to="/fortschritt/bericht">
          <span className="kern-label">{t.reportLink}</span>
        </Link>
      </div>
      <p className="kern-body page-narrow">{t.intro}</p>

      <section aria-labelledby="zusammenfassung" className="dashboard-summary">
        <h2 id="zusammenfassung" className="kern-sr-only">{t.summaryLabel}</h2>
        <ul role="list" className="dashboard-summary__list">
          <li className="dashboard-summary__item">
            <strong>{t.summaryGroups(summary.groups)}</strong>
            {filtered ? <span className="dashboard-muted"> ({t.filtered})</span> : null}
          </li>
          <li className="dashboard-summary__item">
            <strong>{t.summaryAdopted(summary.adopted)}</strong>
          </li>
          <li className="dashboard-summary__item">
            <strong>{t.summaryMilestones(summary.milestonesDone, summary.milestonesTotal)}</strong>
          </li>
          <li className={`dashboard-summary__item${summary.milestonesOverdue ? " dashboard-summary__item--alert" : ""}`}>
            {summary.milestonesOverdue ? <span className="kern-icon kern-icon--warning" aria-hidden="true" /> : null}
            <strong>{t.summaryOverdue(summary.milestonesOverdue)}</strong>
          </li>
        </ul>
      </section>

      <Form method="get" action="/fortschritt" className="filter-bar" aria-labelledby="filter-titel">
        <h2 id="filter-titel" className="kern-sr-only">{t.filterTitle}</h2>
        <FilterSelect name="loge" label={t.filterLoge} allLabel={t.filterAll} value={filter.loge} options={data.loges.map((l) => ({ value: l, label: l }))} />
        <FilterSelect name="status" label={t.filterStatus} allLabel={t.filterAll} value={filter.status} options={groupStatuses.map((s) => ({ value: s, label: groupTexts.status[s] }))} />
        <div className="filter-bar__actions">
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t.filterApply}</span>
          </button>
          {filtered ? <Link className="kern-link" to="/fortschritt">{t.filterReset}</Link> : null}
        </div>
      </Form>

      <section aria-labelledby="stand" className="kern-stack">
        <h2 id="stand" className="kern-heading-medium">{t.groupsTitle}</h2>
        {data.groups.length ? (
          <>
            <GroupTable groups={data.groups} activity={activity} activityMax={data.activityMax} weeks={weeks} today={data.today} />
            <Pagination page={data.page} pageCount={data.pageCount} label={t.pagesLabel} />
          </>
        ) : (
          <p className="kern-body">{filtered ? t.none : t.noGroupsAtAll}</p>
        )}
      </section>

      {data.groups.length ? (
        <section aria-labelledby="entwicklung" className="kern-stack">
          <h2 id="entwicklung" className="kern-heading-medium">{t.chartsTitle}</h2>
          <div className="dashboard-charts">
            <div className="kern-stack">
              <h3 className="kern-heading-small">{t.statusTitle}</h3>
              {recTotal ? (
                <>
                  <StatusChart weeks={weeks} series={data.recommendationsOverTime} today={data.today} />
                  <details className="dashboard-details">
                    <summary>{t.asTable}</summary>
                    <StatusTable weeks={weeks} series={data.recommendationsOverTime} />
                  </details>
                </>
              ) : (
                <p className="kern-body">{t.statusNone}</p>
              )}
            </div>
            <div className="kern-stack">
              <h3 className="kern-heading-small">{t.activityTitle}</h3>
              <p className="kern-body kern-body--small">
                {activityTotal ? t.activityDesc(data.groups.length, activityTotal, formatDay(weeks[0].monday), formatDay(weeks[weeks.length - 1].sunday)) : t.activityNone}
              </p>
              <details className="dashboard-details">
                <summary>{t.asTable}</summary>
                <ActivityTable weeks={weeks} rows={data.groups.map((g) => ({ id: g.id, title: g.title, counts: activity.get(g.id) ?? [] }))} />
              </details>
            </div>
          </div>
        </section>
      ) : null}
    </div>
  );
}
