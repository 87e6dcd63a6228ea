import { activityTexts as t } from "~/i18n/activity";

/** The calendar day (YYYY-MM-DD) of an instant in Thuringia, where the portal's users live. */
export function berlinDay(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Europe/Berlin" }).format(d);
}

/** "Heute", "Gestern" or "Montag, 30. November 2026", seen from `now`. */
export function dayHeading(d: Date, now: Date): string {
  const day = berlinDay(d);
  if (day === berlinDay(now)) return t.today;
  // Noon of today minus a day stays on yesterday's date across daylight-saving changes.
  const yesterday = new Date(Date.parse(`${berlinDay(now)}T12:00:00Z`) - 86_400_000);
  if (day === berlinDay(yesterday)) return t.yesterday;
  return t.dayHeading(d);
}

/** Entries (newest first) split into runs of the same day, keeping the order. */
export function groupByDay<T extends { createdAt: string }>(entries: T[], now: Date): { day: string; heading: string; entries: T[] }[] {
  const days: { day: string; heading: string; entries: T[] }[] = [];
  for (const entry of entries) {
    const at = new Date(entry.createdAt);
    const day = berlinDay(at);
    const last = days.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, heading: dayHeading(at, now), entries: [entry] });
  }
  return days;
}
