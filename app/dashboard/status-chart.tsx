import { documentStatuses, type DocumentStatus } from "../../db/schema";
import type { DashboardWeek, StatusCounts } from "./figures";
import { formatDay, formatShortDay } from "./format";
import { dashboardTexts as t } from "~/i18n/dashboard";
import { documentTexts } from "~/i18n/documents";

/**
 * Recommendations by status over time as stacked bars, drawn on the server.
 * Colour is not the only carrier: every status has its own fill pattern, the
 * legend shows the same patterns with the names, each bar carries its total,
 * and the same numbers are in the table below.
 */
const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 24, right: 8, bottom: 40, left: 36 };

export const statusPattern: Record<DocumentStatus, string> = {
  entwurf: "muster-entwurf",
  in_konsultation: "muster-konsultation",
  beschlossen: "muster-beschlossen",
  uebergeben: "muster-uebergeben",
  zurueckgezogen: "muster-zurueckgezogen",
};

/** The fill patterns, once per page (ids must be unique). */
export function StatusPatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" className="dashboard-defs">
      <defs>
        <pattern id="muster-entwurf" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#d9dde3" />
        </pattern>
        <pattern id="muster-konsultation" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#7fa7d9" />
          <rect width="3" height="8" fill="#1d4f91" />
        </pattern>
        <pattern id="muster-beschlossen" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#2e7d32" />
        </pattern>
        <pattern id="muster-uebergeben" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#0b4d2c" />
          <circle cx="4" cy="4" r="1.8" fill="#ffffff" />
        </pattern>
        <pattern id="muster-zurueckgezogen" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#f3c9c4" />
          <path d="M0 0L8 8M8 0L0 8" stroke="#a4281c" strokeWidth="1.5" />
        </pattern>
      </defs>
    </svg>
  );
}

export function StatusChart({ weeks, series, today }: { weeks: DashboardWeek[]; series: StatusCounts[]; today: string }) {
  const totals = series.map((c) => documentStatuses.reduce((n, s) => n + c[s], 0));
  const maxTotal = Math.max(1, ...totals);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / weeks.length;
  const barW = slot * 0.7;
  const y = (n: number) => PAD.top + innerH - (n / maxTotal) * innerH;
  const ticks = niceTicks(maxTotal);
  return (
    <figure className="dashboard-figure">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="status-chart-title status-chart-desc" className="dashboard-chart">
        <title id="status-chart-title">{t.statusTitle}</title>
        <desc id="status-chart-desc">
          {t.statusDesc(formatDay(weeks[0].monday), formatDay(weeks[weeks.length - 1].sunday), formatDay(today))}{" "}
          {weeks.map((w, i) => `${t.weekLabel(w.week)}: ${documentStatuses.map((s) => `${documentTexts.status[s]} ${series[i][s]}`).join(", ")}.`).join(" ")}
        </desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#c4c9d1" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="dashboard-chart__axis">
              {v}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => {
          let base = 0;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={w.key}>
              {documentStatuses.map((s) => {
                const n = series[i][s];
                if (!n) return null;
                const top = y(base + n);
                const rect = <rect key={s} x={x} y={top} width={barW} height={y(base) - top} fill={`url(#${statusPattern[s]})`} stroke="#ffffff" strokeWidth="1" />;
                base += n;
                return rect;
              })}
              {totals[i] ? (
                <text x={x + barW / 2} y={y(totals[i]) - 5} textAnchor="middle" className="dashboard-chart__value">
                  {totals[i]}
                </text>
              ) : null}
              <text x={x + barW / 2} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" className="dashboard-chart__axis">
                {t.weekLabel(w.week)}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#1b1f24" strokeWidth="1" />
      </svg>
      <figcaption>
        <span className="kern-sr-only">{t.legend}: </span>
        <ul className="dashboard-legend" role="list">
          {documentStatuses.map((s) => (
            <li key={s}>
              <svg width="16" height="16" aria-hidden="true" focusable="false">
                <rect width="16" height="16" fill={`url(#${statusPattern[s]})`} stroke="#1b1f24" strokeWidth="1" />
              </svg>
              {documentTexts.status[s]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export function StatusTable({ weeks, series }: { weeks: DashboardWeek[]; series: StatusCounts[] }) {
  return (
    <div className="dashboard-table-scroll" role="region" aria-label={t.statusTitle} tabIndex={0}>
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{t.statusTitle}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{t.tableWeek}</th>
            {documentStatuses.map((s) => (
              <th key={s} scope="col" className="kern-table__header kern-table__header--numeric">{documentTexts.status[s]}</th>
            ))}
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t.tableTotal}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {weeks.map((w, i) => (
            <tr key={w.key} className="kern-table__row">
              <th scope="row" className="kern-table__header">{t.weekRange(w.week, formatShortDay(w.monday), formatShortDay(w.sunday))}</th>
              {documentStatuses.map((s) => (
                <td key={s} className="kern-table__cell kern-table__cell--numeric">{series[i][s]}</td>
              ))}
              <td className="kern-table__cell kern-table__cell--numeric">{documentStatuses.reduce((n, s) => n + series[i][s], 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whole-number grid lines: about four of them, never fractions of a recommendation. */
function niceTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return ticks;
}
