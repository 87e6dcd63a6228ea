import type { DashboardWeek } from "./figures";
import { formatDay } from "./format";
import { dashboardTexts as t } from "~/i18n/dashboard";

/**
 * Activity per week of one group as a sparkline of bars (small multiples: one
 * per group row, all on the same scale so groups compare). The total and the
 * highest week are written beside it, so the picture is never the only carrier;
 * every number is also in ActivityTable.
 */
const W = 120;
const H = 28;

export function ActivitySparkline({ id, title, counts, weeks, scaleMax }: { id: string; title: string; counts: number[]; weeks: DashboardWeek[]; scaleMax: number }) {
  const slot = W / counts.length;
  const max = Math.max(1, scaleMax);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <span className="dashboard-spark">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-labelledby={`${id}-t ${id}-d`} className="dashboard-spark__svg">
        <title id={`${id}-t`}>{`${t.activityTitle}: ${title}`}</title>
        <desc id={`${id}-d`}>{t.sparkDesc(total, Math.max(...counts), counts[counts.length - 1])}</desc>
        <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} stroke="#6b7280" strokeWidth="1" />
        {counts.map((n, i) =>
          n ? <rect key={weeks[i].key} x={round(i * slot + 1)} y={round(H - 1 - (n / max) * (H - 2))} width={round(slot - 2)} height={round((n / max) * (H - 2))} fill="#1d4f91" /> : null,
        )}
      </svg>
      <span className="dashboard-spark__label">{t.activitySum(total)}</span>
    </span>
  );
}

export function ActivityTable({ weeks, rows }: { weeks: DashboardWeek[]; rows: { id: number; title: string; counts: number[] }[] }) {
  return (
    <div className="dashboard-table-scroll" role="region" aria-label={t.activityTitle} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{t.activityTitle}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{t.tableGroup}</th>
            {weeks.map((w) => (
              <th key={w.key} scope="col" className="kern-table__header kern-table__header--numeric">
                <abbr title={t.weekRange(w.week, formatDay(w.monday), formatDay(w.sunday))}>{t.weekLabel(w.week)}</abbr>
              </th>
            ))}
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t.tableTotal}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">{r.title}</th>
              {r.counts.map((n, i) => (
                <td key={weeks[i].key} className="kern-table__cell kern-table__cell--numeric">{n}</td>
              ))}
              <td className="kern-table__cell kern-table__cell--numeric">{r.counts.reduce((a, b) => a + b, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One decimal is plenty for a 120-pixel chart and keeps a page of 30 of them small. */
const round = (v: number) => Math.round(v * 10) / 10;
