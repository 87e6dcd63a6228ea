import { and, asc, count, eq, gte, inArray, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb } from "../../db/client.server";
import {
  activities,
  documents,
  documentStatusChanges,
  groupMembers,
  groupMilestones,
  groups,
  threads,
  type DocumentStatus,
  type GroupStatus,
  type GroupVisibility,
} from "../../db/schema";
import type { Actor } from "../auth/permissions";
import {
  adoptedCount,
  berlinDay,
  countByStatus,
  lastIsoWeeks,
  milestoneProgress,
  statusOverTime,
  weeklyCounts,
  type DashboardWeek,
  type MilestoneProgress,
  type RecommendationHistory,
  type StatusCounts,
} from "../dashboard/figures";
import { readableGroupsWhere } from "./group.server";

type SignedIn = NonNullable<Actor>;

export type { DashboardWeek, MilestoneProgress, StatusCounts } from "../dashboard/figures";

export type DashboardFilter = {
  loge?: string;
  status?: GroupStatus;
  /** A chosen set of groups (the progress report); unreadable ids are simply not found. */
  groupIds?: number[];
};

export type DashboardMilestone = { id: number; title: string; dueDate: string | null; doneAt: number | null; overdue: boolean };

export type DashboardGroup = {
  id: number;
  slug: string;
  title: string;
  loge: string | null;
  status: GroupStatus;
  visibility: GroupVisibility;
  members: number;
  /** Unix ms of the last thing that happened in the group (activities; else documents, posts, the group itself). */
  lastActivityAt: number;
  milestones: MilestoneProgress & { items: DashboardMilestone[] };
  /** Recommendations (documents of kind "empfehlung", not deleted) by status. */
  recommendations: StatusCounts;
  /** The adopted ones (beschlossen, übergeben), for the report and the feeds. */
  adopted: { id: number; title: string; status: DocumentStatus; updatedAt: number }[];
};

export type DashboardData = {
  /** The Berlin day the figures are for (YYYY-MM-DD). */
  today: string;
  generatedAt: number;
  filter: { loge?: string; status?: GroupStatus };
  /** The Loges of all groups the user may read, for the filter (independent of the filter). */
  loges: string[];
  summary: { groups: number; members: number; recommendations: number; adopted: number; milestonesOverdue: number; milestonesDone: number; milestonesTotal: number };
  groups: DashboardGroup[];
  /** The last 12 ISO weeks, oldest first. */
  weeks: DashboardWeek[];
  /** Activities per week per group, aligned with `weeks`. */
  activityByWeek: { groupId: number; counts: number[] }[];
  /** Recommendations in each status at the end of each week, aligned with `weeks` (the filtered groups). */
  recommendationsOverTime: StatusCounts[];
};

/**
 * The dashboard "Fortschritt": only groups the user may read (the permission
 * is in the where clause), and a handful of grouped queries for all of them
 * at once, never one query per group.
 */
export function dashboardData(user: SignedIn, filter: DashboardFilter = {}, now: Date = new Date()): DashboardData {
  const db = getDb();
  const readable = readableGroupsWhere(user);
  const today = berlinDay(now);
  const weeks = lastIsoWeeks(today, 12);

  const loges = db
    .selectDistinct({ loge: groups.loge })
    .from(groups)
    .where(and(readable, isNotNull(groups.loge)))
    .orderBy(asc(groups.loge))
    .all()
    .map((r) => r.loge as string);

  const groupRows = db
    .select({
      id: groups.id,
      slug: groups.slug,
      title: groups.title,
      loge: groups.loge,
      status: groups.status,
      visibility: groups.visibility,
      updatedAt: groups.updatedAt,
    })
    .from(groups)
    .where(
      and(
        readable,
        filter.loge ? eq(groups.loge, filter.loge) : undefined,
        filter.status ? eq(groups.status, filter.status) : undefined,
        filter.groupIds ? inArray(groups.id, filter.groupIds.length ? filter.groupIds : [-1]) : undefined,
      ),
    )
    .orderBy(asc(sql`case ${groups.status} when 'aktiv' then 0 when 'abgeschlossen' then 1 else 2 end`), asc(groups.title))
    .all();
  const ids = groupRows.map((g) => g.id);
  const inGroups = (column: AnySQLiteColumn) => inArray(column, ids.length ? ids : [-1]);

  const members = new Map(
    db
      .select({ groupId: groupMembers.groupId, n: count() })
      .from(groupMembers)
      .where(inGroups(groupMembers.groupId))
      .groupBy(groupMembers.groupId)
      .all()
      .map((r) => [r.groupId, r.n]),
  );

  const milestoneRows = db
    .select({
      id: groupMilestones.id,
      groupId: groupMilestones.groupId,
      title: groupMilestones.title,
      dueDate: groupMilestones.dueDate,
      doneAt: groupMilestones.doneAt,
    })
    .from(groupMilestones)
    .where(inGroups(groupMilestones.groupId))
    .orderBy(asc(sql`coalesce(${groupMilestones.dueDate}, '9999-12-31')`), asc(groupMilestones.id))
    .all();

  const recRows = db
    .select({ id: documents.id, groupId: documents.groupId, title: documents.title, status: documents.status, createdAt: documents.createdAt, updatedAt: documents.updatedAt })
    .from(documents)
    .where(and(inGroups(documents.groupId), eq(documents.kind, "empfehlung"), isNull(documents.deletedAt)))
    .orderBy(asc(documents.title))
    .all();

  const changeRows = db
    .select({ documentId: documentStatusChanges.documentId, from: documentStatusChanges.fromStatus, to: documentStatusChanges.toStatus, at: documentStatusChanges.createdAt })
    .from(documentStatusChanges)
    .innerJoin(documents, eq(documents.id, documentStatusChanges.documentId))
    .where(and(inGroups(documents.groupId), eq(documents.kind, "empfehlung"), isNull(documents.deletedAt)))
    .all();

  // Last activity: the activity log first; documents, posts and the group's own changes for what came before it.
  const lastActivity = new Map<number, number>();
  const bump = (rows: { groupId: number; at: Date | number | null }[]) => {
    for (const r of rows) {
      if (r.at === null) continue;
      const at = typeof r.at === "number" ? r.at : r.at.getTime();
      if (at > (lastActivity.get(r.groupId) ?? 0)) lastActivity.set(r.groupId, at);
    }
  };
  bump(db.select({ groupId: activities.groupId, at: max(activities.createdAt) }).from(activities).where(inGroups(activities.groupId)).groupBy(activities.groupId).all());
  bump(db.select({ groupId: documents.groupId, at: max(documents.updatedAt) }).from(documents).where(and(inGroups(documents.groupId), isNull(documents.deletedAt))).groupBy(documents.groupId).all());
  bump(db.select({ groupId: threads.groupId, at: max(threads.lastPostAt) }).from(threads).where(inGroups(threads.groupId)).groupBy(threads.groupId).all());
  bump(groupRows.map((g) => ({ groupId: g.id, at: g.updatedAt })));

  // Activities per week, counted in SQL: the Berlin week boundaries are computed here (SQLite knows no
  // time zones) and passed in as a CASE, so the database returns at most 12 rows per group.
  const weekOf = sql.join(
    [sql`case`, ...weeks.map((w, i) => sql`when ${activities.createdAt} < ${w.endMs} then ${i}`), sql`else -1 end`],
    sql` `,
  );
  const weekRows = db
    .select({ groupId: activities.groupId, week: sql<number>`${weekOf}`, n: count() })
    .from(activities)
    .where(and(inGroups(activities.groupId), gte(activities.createdAt, new Date(weeks[0].startMs))))
    .groupBy(activities.groupId, weekOf)
    .all();
  const weekly = weeklyCounts(
    weekRows.filter((r) => r.week >= 0).map((r) => ({ groupId: r.groupId, at: weeks[r.week].startMs, n: r.n })),
    ids,
    weeks,
  );

  const changesByDoc = new Map<number, RecommendationHistory["changes"]>();
  for (const c of changeRows) {
    const list = changesByDoc.get(c.documentId) ?? [];
    list.push({ at: c.at.getTime(), from: c.from, to: c.to });
    changesByDoc.set(c.documentId, list);
  }
  const history: RecommendationHistory[] = recRows.map((d) => ({ createdAt: d.createdAt.getTime(), status: d.status, changes: changesByDoc.get(d.id) ?? [] }));

  const milestonesByGroup = groupBy(milestoneRows, (m) => m.groupId);
  const recsByGroup = groupBy(recRows, (d) => d.groupId);

  const result: DashboardGroup[] = groupRows.map((g) => {
    const items = (milestonesByGroup.get(g.id) ?? []).map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, doneAt: m.doneAt?.getTime() ?? null }));
    const progress = milestoneProgress(items, today);
    const overdueIds = new Set(progress.overdue.map((m) => m.id));
    const recs = recsByGroup.get(g.id) ?? [];
    return {
      id: g.id,
      slug: g.slug,
      title: g.title,
      loge: g.loge,
      status: g.status,
      visibility: g.visibility,
      members: members.get(g.id) ?? 0,
      lastActivityAt: lastActivity.get(g.id) ?? g.updatedAt.getTime(),
      milestones: { ...progress, items: items.map((m) => ({ ...m, overdue: overdueIds.has(m.id) })) },
      recommendations: countByStatus(recs),
      adopted: recs
        .filter((d) => d.status === "beschlossen" || d.status === "uebergeben")
        .map((d) => ({ id: d.id, title: d.title, status: d.status, updatedAt: d.updatedAt.getTime() })),
    };
  });

  const all = countByStatus(recRows);
  return {
    today,
    generatedAt: now.getTime(),
    filter: { loge: filter.loge, status: filter.status },
    loges,
    summary: {
      groups: result.length,
      members: result.reduce((n, g) => n + g.members, 0),
      recommendations: recRows.length,
      adopted: adoptedCount(all),
      milestonesOverdue: result.reduce((n, g) => n + g.milestones.overdue.length, 0),
      milestonesDone: result.reduce((n, g) => n + g.milestones.done, 0),
      milestonesTotal: result.reduce((n, g) => n + g.milestones.total, 0),
    },
    groups: result,
    weeks,
    activityByWeek: ids.map((id) => ({ groupId: id, counts: weekly.get(id) ?? weeks.map(() => 0) })),
    recommendationsOverTime: statusOverTime(history, weeks),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
