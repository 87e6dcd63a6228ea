import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { activities, groups, users, type ActivityKind } from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { logger } from "../server/logger.server";
import { followedGroupsWhere } from "./follow.server";
import { readableGroupsWhere } from "./group.server";

/**
 * What happened in a group: written by the models where it happens, read by
 * the group's Aktivität tab, /aktivitaet, the dashboard and the Atom feeds.
 */

export type NewActivity = {
  groupId: number;
  actorId: number | null;
  kind: ActivityKind;
  subjectId: number | null;
  title: string;
  detail?: string | null;
  /** The path inside the group ("dokumente/12", "diskussion/3#beitrag-9", "#mitglieder" on the overview, "" for the overview). */
  link: string;
  /** When it happened; the caller's transaction time keeps activity and event on the same instant. */
  at?: Date;
};

/**
 * Records one activity. A failure is logged and swallowed: the feed is a
 * by-product and must never undo or fail what the user just did (callers may
 * run this inside their transaction; a failed insert rolls back only itself).
 */
export function recordActivity(entry: NewActivity, db: Db = getDb()): void {
  try {
    const group = db.select({ slug: groups.slug }).from(groups).where(eq(groups.id, entry.groupId)).get();
    if (!group) return;
    const link = `/gruppen/${group.slug}${entry.link && !entry.link.startsWith("#") ? "/" : ""}${entry.link}`;
    db.insert(activities)
      .values({
        groupId: entry.groupId,
        actorId: entry.actorId,
        kind: entry.kind,
        subjectId: entry.subjectId,
        title: entry.title,
        detail: entry.detail ?? null,
        link,
        createdAt: entry.at ?? new Date(),
      })
      .run();
  } catch (error) {
    logger.error({ err: error, kind: entry.kind, groupId: entry.groupId }, "recording activity failed");
  }
}

export const ACTIVITIES_PER_PAGE = 30;

/** The filter of the feeds: categories of kinds (a URL value each). */
export const activityCategories = {
  dokumente: ["document_created", "document_status"],
  diskussion: ["thread_created", "post_created"],
  mitglieder: ["member_joined", "member_left"],
  materialien: ["material_added"],
  meilensteine: ["milestone_added", "milestone_done", "group_created"],
} as const satisfies Record<string, readonly ActivityKind[]>;
export type ActivityCategory = keyof typeof activityCategories;

export type FeedQuery = {
  category?: ActivityCategory;
  before?: number;
  /** Entries per page: ACTIVITIES_PER_PAGE on the pages, FEED_ENTRY_LIMIT in the Atom feeds. */
  limit?: number;
};

/**
 * The one rule for what an activity entry may show, for the Aktivität tab,
 * /aktivitaet and the Atom feeds alike (all read through page() below).
 * Hides entries whose subject is gone (deleted documents, deleted or hidden
 * posts, removed materials and milestones): their link would lead nowhere,
 * and hidden posts must not resurface through a feed.
 */
const subjectStillThere = sql`case ${activities.kind}
  when 'document_created' then exists (select 1 from documents d where d.id = ${activities.subjectId} and d.deleted_at is null)
  when 'document_status' then exists (select 1 from documents d where d.id = ${activities.subjectId} and d.deleted_at is null)
  when 'thread_created' then exists (select 1 from threads t where t.id = ${activities.subjectId})
  when 'post_created' then exists (select 1 from posts p where p.id = ${activities.subjectId} and p.deleted_at is null and p.hidden_at is null)
  when 'material_added' then exists (select 1 from materials m where m.id = ${activities.subjectId})
  when 'milestone_added' then exists (select 1 from group_milestones gm where gm.id = ${activities.subjectId})
  when 'milestone_done' then exists (select 1 from group_milestones gm where gm.id = ${activities.subjectId} and gm.done_at is not null)
  else 1 end`;

/** Newest first by time (backfilled rows have later ids than their time suggests), the id breaking ties. */
function cursorWhere(before: number | undefined, db: Db): SQL | undefined {
  if (before === undefined) return undefined;
  const at = db.select({ createdAt: activities.createdAt }).from(activities).where(eq(activities.id, before)).get();
  if (!at) return undefined;
  return or(lt(activities.createdAt, at.createdAt), and(eq(activities.createdAt, at.createdAt), lt(activities.id, before)));
}

function page(where: SQL | undefined, query: FeedQuery, db: Db) {
  const limit = query.limit ?? ACTIVITIES_PER_PAGE;
  const rows = db
    .select({
      id: activities.id,
      groupId: activities.groupId,
      groupSlug: groups.slug,
      groupTitle: groups.title,
      kind: activities.kind,
      title: activities.title,
      detail: activities.detail,
      link: activities.link,
      createdAt: activities.createdAt,
      actorName: users.displayName,
    })
    .from(activities)
    .innerJoin(groups, eq(groups.id, activities.groupId))
    .leftJoin(users, eq(users.id, activities.actorId))
    .where(
      and(
        where,
        query.category ? inArray(activities.kind, [...activityCategories[query.category]]) : undefined,
        cursorWhere(query.before, db),
        subjectStillThere,
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map((r) => ({
    ...r,
    // Links were written with the slug of that time; the group may have a new address since.
    link: r.link.replace(/^\/gruppen\/[^/?#]+/, `/gruppen/${r.groupSlug}`),
  }));
  return { entries, nextBefore: more ? entries.at(-1)!.id : null };
}

export type ActivityEntry = ReturnType<typeof page>["entries"][number];

/** One page of a group's activity (its tab and its Atom feed); the caller has checked that the user may read the group. */
export function listGroupActivity(groupId: number, query: FeedQuery = {}, db: Db = getDb()) {
  return page(eq(activities.groupId, groupId), query, db);
}

/** One page of activity across the groups the user follows and may read (both decided in the query). */
export function listFollowedActivity(user: NonNullable<Actor>, query: FeedQuery = {}, db: Db = getDb()) {
  return page(and(readableGroupsWhere(user), followedGroupsWhere(user)), query, db);
}
