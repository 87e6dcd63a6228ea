import { documentStatuses, type DocumentStatus } from "../../db/schema";

/**
 * The dashboard's figures as pure functions: the model only fetches rows, these
 * turn them into what the page and the JSON endpoint show. No database and no
 * clock in here (today and the weeks come in), so tests can check them from a
 * known fixture.
 */

/** The portal's users live in Thuringia: "today", "overdue" and the weeks are Berlin days. */
export const DASHBOARD_TIME_ZONE = "Europe/Berlin";

const DAY_MS = 24 * 60 * 60 * 1000;

const berlinParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: DASHBOARD_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function partsOf(ms: number) {
  const p: Record<string, number> = {};
  for (const part of berlinParts.formatToParts(new Date(ms))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The calendar day (YYYY-MM-DD) in Berlin at a moment. */
export function berlinDay(at: Date | number): string {
  const p = partsOf(typeof at === "number" ? at : at.getTime());
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The moment a Berlin day begins (00:00 local time), in unix milliseconds. */
export function berlinMidnightMs(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Berlin is UTC+1 or UTC+2: guess, then correct by the offset seen at the guess.
  let guess = utcMidnight - 60 * 60 * 1000;
  for (let i = 0; i < 2; i++) {
    const p = partsOf(guess);
    const shownAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += utcMidnight - shownAsUtc;
  }
  return guess;
}

/** Adds days to a calendar day (no time zone involved: pure calendar arithmetic). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 week of a calendar day: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): { year: number; week: number; monday: string } {
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(day, -weekday);
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = 1 + Math.round((thursday.getTime() - 3 * DAY_MS - firstMonday) / (7 * DAY_MS));
  return { year, week, monday };
}

export type DashboardWeek = {
  /** "2026-W49" */
  key: string;
  /** ISO week number, for the label "KW 49". */
  week: number;
  year: number;
  /** Monday and Sunday of the week (Berlin calendar days). */
  monday: string;
  sunday: string;
  /** [startMs, endMs): Monday 00:00 to next Monday 00:00, Berlin time. */
  startMs: number;
  endMs: number;
};

/** The last `count` ISO weeks up to and including the one holding `today`, oldest first. */
export function lastIsoWeeks(today: string, count = 12): DashboardWeek[] {
  const current = isoWeekOf(today).monday;
  const weeks: DashboardWeek[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const monday = addDays(current, -7 * i);
    const { year, week } = isoWeekOf(monday);
    weeks.push({
      key: `${year}-W${String(week).padStart(2, "0")}`,
      week,
      year,
      monday,
      sunday: addDays(monday, 6),
      startMs: berlinMidnightMs(monday),
      endMs: berlinMidnightMs(addDays(monday, 7)),
    });
  }
  return weeks;
}

/** Index of the week a moment falls in, or -1 outside the weeks. */
export function weekIndexOf(ms: number, weeks: DashboardWeek[]): number {
  for (let i = 0; i < weeks.length; i++) {
    if (ms >= weeks[i].startMs && ms < weeks[i].endMs) return i;
  }
  return -1;
}

/** Counts per week for each group, from (groupId, moment) rows; every given group gets a series, empty ones all zeros. */
export function weeklyCounts(
  rows: { groupId: number; at: number; n?: number }[],
  groupIds: number[],
  weeks: DashboardWeek[],
): Map<number, number[]> {
  const series = new Map<number, number[]>(groupIds.map((id) => [id, weeks.map(() => 0)]));
  for (const row of rows) {
    const i = weekIndexOf(row.at, weeks);
    const s = series.get(row.groupId);
    if (i >= 0 && s) s[i] += row.n ?? 1;
  }
  return series;
}

export type MilestoneRow = { id: number; title: string; dueDate: string | null; doneAt: number | null };
export type MilestoneRef = { id: number; title: string; dueDate: string };

export type MilestoneProgress = {
  done: number;
  total: number;
  /** The earliest open milestone with a due date (today or later, or overdue if all are). */
  nextDue: MilestoneRef | null;
  /** Open and due before today, earliest first. */
  overdue: MilestoneRef[];
};

/** Done of total, the next one due and the overdue ones, at a given Berlin day. */
export function milestoneProgress(milestones: MilestoneRow[], today: string): MilestoneProgress {
  const open = milestones
    .filter((m): m is MilestoneRow & { dueDate: string } => m.doneAt === null && m.dueDate !== null)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id)
    .map(({ id, title, dueDate }) => ({ id, title, dueDate }));
  const overdue = open.filter((m) => m.dueDate < today);
  const upcoming = open.filter((m) => m.dueDate >= today);
  return {
    done: milestones.filter((m) => m.doneAt !== null).length,
    total: milestones.length,
    nextDue: upcoming[0] ?? null,
    overdue,
  };
}

export type StatusCounts = Record<DocumentStatus, number>;

export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(documentStatuses.map((s) => [s, 0])) as StatusCounts;
}

/** Recommendations counted by status. */
export function countByStatus(rows: { status: DocumentStatus; n?: number }[]): StatusCounts {
  const counts = emptyStatusCounts();
  for (const row of rows) counts[row.status] += row.n ?? 1;
  return counts;
}

/** Adopted = the group decided it (beschlossen) or handed it over (übergeben). */
export function adoptedCount(counts: StatusCounts): number {
  return counts.beschlossen + counts.uebergeben;
}

export type RecommendationHistory = {
  createdAt: number;
  /** The status now. */
  status: DocumentStatus;
  /** Its status changes, any order. */
  changes: { at: number; from: DocumentStatus; to: DocumentStatus }[];
};

/** The status a recommendation had at a moment, or null if it did not exist yet. */
export function statusAt(doc: RecommendationHistory, ms: number): DocumentStatus | null {
  if (doc.createdAt >= ms) return null;
  const changes = [...doc.changes].sort((a, b) => a.at - b.at);
  // Before its first change it had the status that change started from; without changes, the one it has now.
  let status = changes.length ? changes[0].from : doc.status;
  for (const c of changes) {
    if (c.at < ms) status = c.to;
    else break;
  }
  return status;
}

/** How many recommendations were in each status at the end of each week. */
export function statusOverTime(docs: RecommendationHistory[], weeks: DashboardWeek[]): StatusCounts[] {
  return weeks.map((w) => {
    const counts = emptyStatusCounts();
    for (const doc of docs) {
      const s = statusAt(doc, w.endMs);
      if (s) counts[s] += 1;
    }
    return counts;
  });
}

/** Whole days between two Berlin days (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split("-").map(Number);
  const [by, bm, bd] = b.split("-").map(Number);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY_MS);
}
