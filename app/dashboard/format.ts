import { daysBetween } from "./figures";
import { dashboardTexts as t } from "~/i18n/dashboard";

const dayFormat = new Intl.DateTimeFormat("de-DE", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDayFormat = new Intl.DateTimeFormat("de-DE", { day: "2-digit", month: "2-digit", timeZone: "UTC" });

/** A calendar day (YYYY-MM-DD) as "2. Dez. 2026"; a day has no time zone, so it is formatted as UTC. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return dayFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

/** "30.11." for the axis of a chart. */
export function formatShortDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return shortDayFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

/** "vor 3 Tagen", counted in Berlin days. */
export function relativeDay(day: string, today: string): string {
  return t.relative(daysBetween(day, today));
}
