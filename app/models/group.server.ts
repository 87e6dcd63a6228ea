import { and, asc, count, desc, eq, exists, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import {
  groupMembers,
  groupMilestones,
  groupObserverGrants,
  groups,
  type GroupStatus,
  type GroupVisibility,
} from "../../db/schema";
import type { Actor, GroupAccess } from "../auth/permissions";
import { portalEvents } from "../server/events.server";
import { recordActivity } from "./activity.server";

type SignedIn = NonNullable<Actor>;

/**
 * Which groups an actor may read, as a where clause: the permission rule
 * "read:group" (app/auth/permissions.ts) written for SQL, so lists never
 * load what they may not show. Keep the two in step; the integration tests
 * check both against the same roles.
 */
export function readableGroupsWhere(actor: SignedIn): SQL | undefined {
  if (actor.role === "admin") return undefined;
  const member = exists(
    getDb()
      .select({ one: sql`1` })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, actor.id))),
  );
  const granted = exists(
    getDb()
      .select({ one: sql`1` })
      .from(groupObserverGrants)
      .where(and(eq(groupObserverGrants.groupId, groups.id), eq(groupObserverGrants.userId, actor.id))),
  );
  return or(eq(groups.visibility, "intern"), member, actor.role === "observer" ? granted : undefined);
}

export type GroupListFilter = { status?: GroupStatus; loge?: string; mine?: boolean };

export const GROUPS_PER_PAGE = 24;
/** What a card shows of the description (line-clamped to three lines). */
const CARD_DESCRIPTION_CHARS = 240;

/**
 * One page of the groups an actor may read: the actor's own groups first,
 * then by status and title, with member and milestone counts for this page only.
 */
export function listGroups(actor: SignedIn, filter: GroupListFilter = {}, page = 1) {
  const db = getDb();
  const mine = db
    .select({ groupId: groupMembers.groupId, role: groupMembers.role })
    .from(groupMembers)
    .where(eq(groupMembers.userId, actor.id))
    .as("mine");
  const where = and(
    readableGroupsWhere(actor),
    filter.status ? eq(groups.status, filter.status) : undefined,
    filter.loge ? eq(groups.loge, filter.loge) : undefined,
    filter.mine ? isNotNull(mine.role) : undefined,
  );
  const [{ total }] = db
    .select({ total: count() })
    .from(groups)
    .leftJoin(mine, eq(mine.groupId, groups.id))
    .where(where)
    .all();
  const pageCount = Math.max(1, Math.ceil(total / GROUPS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select({
      id: groups.id,
      slug: groups.slug,
      title: groups.title,
      loge: groups.loge,
      description: sql<string>`substr(${groups.description}, 1, ${CARD_DESCRIPTION_CHARS})`,
      status: groups.status,
      visibility: groups.visibility,
      myRole: mine.role,
      members: sql<number>`(select count(*) from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`,
      milestonesTotal: sql<number>`(select count(*) from ${groupMilestones} where ${groupMilestones.groupId} = ${groups.id})`,
      milestonesDone: sql<number>`(select count(*) from ${groupMilestones} where ${groupMilestones.groupId} = ${groups.id} and ${groupMilestones.doneAt} is not null)`,
    })
    .from(groups)
    .leftJoin(mine, eq(mine.groupId, groups.id))
    .where(where)
    .orderBy(
      asc(sql`case when ${mine.role} is null then 1 else 0 end`),
      asc(sql`case ${groups.status} when 'aktiv' then 0 when 'abgeschlossen' then 1 else 2 end`),
      asc(groups.title),
    )
    .limit(GROUPS_PER_PAGE)
    .offset((current - 1) * GROUPS_PER_PAGE)
    .all();
  return { groups: rows, total, page: current, pageCount };
}

/** A group by slug with the actor's place in it, for the permission module. */
export function getGroupWithAccess(slug: string, actor: SignedIn) {
  const db = getDb();
  const group = db.select().from(groups).where(eq(groups.slug, slug)).get();
  if (!group) return undefined;
  const access = groupAccessFor(group, actor.id);
  return { group, access };
}

/** A group by id with the actor's place in it: for the live group room (sockets know ids, not slugs). */
export function getGroupAccessById(groupId: number, actor: SignedIn) {
  const group = getDb()
    .select({ id: groups.id, slug: groups.slug, title: groups.title, status: groups.status, visibility: groups.visibility })
    .from(groups)
    .where(eq(groups.id, groupId))
    .get();
  if (!group) return undefined;
  return { group, access: groupAccessFor(group, actor.id) };
}

/** The actor's place in a group (membership, observer grant) with the group's status: what can() needs. */
export function groupAccessFor(group: { id: number; status: GroupStatus; visibility: GroupVisibility }, actorId: number): GroupAccess {
  const db = getDb();
  const membership = db
    .select({ role: groupMembers.role })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, actorId)))
    .get();
  const grant = db
    .select({ userId: groupObserverGrants.userId })
    .from(groupObserverGrants)
    .where(and(eq(groupObserverGrants.groupId, group.id), eq(groupObserverGrants.userId, actorId)))
    .get();
  return { status: group.status, visibility: group.visibility, membership: membership?.role ?? null, observerGrant: Boolean(grant) };
}

export function slugTaken(slug: string, exceptGroupId?: number): boolean {
  const row = getDb().select({ id: groups.id }).from(groups).where(eq(groups.slug, slug)).get();
  return Boolean(row && row.id !== exceptGroupId);
}

export type GroupFields = {
  title: string;
  slug: string;
  loge: string | null;
  description: string;
  goals: string;
  visibility: GroupVisibility;
};

/** Opens a group; whoever opens it becomes its group moderation. */
export function createGroup(fields: GroupFields, creatorId: number, milestones: { title: string; dueDate: string | null }[] = []) {
  const db = getDb();
  return db.transaction(() => {
    const now = new Date();
    const group = db
      .insert(groups)
      .values({ ...fields, createdBy: creatorId, createdAt: now, updatedAt: now })
      .returning()
      .get();
    db.insert(groupMembers).values({ groupId: group.id, userId: creatorId, role: "moderation", joinedAt: now }).run();
    for (const m of milestones) {
      db.insert(groupMilestones).values({ groupId: group.id, title: m.title, dueDate: m.dueDate, createdAt: now }).run();
    }
    recordActivity({ groupId: group.id, actorId: creatorId, kind: "group_created", subjectId: group.id, title: group.title, link: "", at: now }, db);
    return group;
  });
}

/** Changes the given fields only (the edit form holds those the user may change). */
export function updateGroup(groupId: number, fields: Partial<GroupFields>): void {
  getDb().update(groups).set({ ...fields, updatedAt: new Date() }).where(eq(groups.id, groupId)).run();
  // The visibility may have changed: the live room re-checks who may still be in it.
  portalEvents.emit("group:changed", { groupId, reason: "updated" });
}

export function setGroupStatus(groupId: number, status: GroupStatus): void {
  getDb().update(groups).set({ status, updatedAt: new Date() }).where(eq(groups.id, groupId)).run();
  portalEvents.emit("group:changed", { groupId, reason: "status" });
}

export function listMilestones(groupId: number) {
  return getDb()
    .select({ id: groupMilestones.id, title: groupMilestones.title, dueDate: groupMilestones.dueDate, doneAt: groupMilestones.doneAt })
    .from(groupMilestones)
    .where(eq(groupMilestones.groupId, groupId))
    .orderBy(asc(sql`coalesce(${groupMilestones.dueDate}, '9999-12-31')`), asc(groupMilestones.id))
    .all();
}

export function addMilestone(groupId: number, title: string, dueDate: string | null, actorId: number | null = null): void {
  const { id } = getDb().insert(groupMilestones).values({ groupId, title, dueDate, createdAt: new Date() }).returning({ id: groupMilestones.id }).get();
  touch(groupId);
  recordActivity({ groupId, actorId, kind: "milestone_added", subjectId: id, title, detail: dueDate, link: "#meilensteine" });
}

/** Marks done or open; the group id in the where clause keeps milestones of other groups out of reach. */
export function setMilestoneDone(groupId: number, milestoneId: number, done: boolean, actorId: number | null = null): boolean {
  const before = getDb()
    .select({ doneAt: groupMilestones.doneAt })
    .from(groupMilestones)
    .where(and(eq(groupMilestones.id, milestoneId), eq(groupMilestones.groupId, groupId)))
    .get();
  const changed = getDb()
    .update(groupMilestones)
    .set({ doneAt: done ? new Date() : null })
    .where(and(eq(groupMilestones.id, milestoneId), eq(groupMilestones.groupId, groupId)))
    .returning({ title: groupMilestones.title })
    .all();
  if (changed.length) touch(groupId);
  // Marking an already reached milestone again is no news.
  if (changed.length && done && !before?.doneAt) {
    recordActivity({ groupId, actorId, kind: "milestone_done", subjectId: milestoneId, title: changed[0].title, link: "#meilensteine" });
  }
  return changed.length > 0;
}

export function deleteMilestone(groupId: number, milestoneId: number): boolean {
  const changed = getDb()
    .delete(groupMilestones)
    .where(and(eq(groupMilestones.id, milestoneId), eq(groupMilestones.groupId, groupId)))
    .run().changes;
  if (changed) touch(groupId);
  return changed > 0;
}

function touch(groupId: number) {
  getDb().update(groups).set({ updatedAt: new Date() }).where(eq(groups.id, groupId)).run();
}

export function listGroupTitles(actor: SignedIn) {
  return getDb()
    .select({ id: groups.id, slug: groups.slug, title: groups.title })
    .from(groups)
    .where(readableGroupsWhere(actor))
    .orderBy(desc(groups.status), asc(groups.title))
    .all();
}

/** The user's own groups for the start page: one indexed join, no counting. */
export function listMyGroups(userId: number) {
  return getDb()
    .select({ slug: groups.slug, title: groups.title, status: groups.status, myRole: groupMembers.role })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, userId))
    .orderBy(asc(groups.title))
    .all();
}
