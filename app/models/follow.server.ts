import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { groupFollows, groups } from "../../db/schema";
import type { Actor } from "../auth/permissions";

/**
 * Who follows a group. Implicitly: its members, and observers every intern
 * group and every vertraulich group they are granted. Explicitly: a row in
 * group_follows, following=true (anyone who may read the group) or
 * following=false (an opt-out, which beats the implicit rule).
 * Reading the group is always required as well; callers add
 * readableGroupsWhere or check can("follow:group").
 */

type SignedIn = NonNullable<Actor>;

const isMemberOf = (userId: SQL | number, groupId: SQL) =>
  sql`exists (select 1 from group_members gm where gm.group_id = ${groupId} and gm.user_id = ${userId})`;
const isGrantedTo = (userId: SQL | number, groupId: SQL) =>
  sql`exists (select 1 from group_observer_grants og where og.group_id = ${groupId} and og.user_id = ${userId})`;

/** The implicit rule for one user, as SQL over the outer `groups` row. */
function implicitFollowSql(user: SignedIn): SQL {
  const member = isMemberOf(user.id, sql`${groups.id}`);
  if (user.role !== "observer") return member;
  return sql`(${member} or ${groups.visibility} = 'intern' or ${isGrantedTo(user.id, sql`${groups.id}`)})`;
}

/** Groups the user follows, as a where clause over `groups` (combine with readableGroupsWhere). */
export function followedGroupsWhere(user: SignedIn): SQL {
  const explicit = sql`(select gf.following from group_follows gf where gf.group_id = ${groups.id} and gf.user_id = ${user.id})`;
  return sql`coalesce(${explicit}, ${implicitFollowSql(user)}) = 1`;
}

/** Does this user follow this group? The caller has checked that the user may read it. */
export function isFollowing(user: SignedIn, groupId: number, db: Db = getDb()): boolean {
  const row = db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.id, groupId), followedGroupsWhere(user)))
    .get();
  return Boolean(row);
}

/**
 * Follow or unfollow: always an explicit row, so an unfollowing member or
 * observer stays unfollowed (and a follower stays one after leaving).
 */
export function setFollowing(userId: number, groupId: number, following: boolean, db: Db = getDb()): void {
  const now = new Date();
  db.insert(groupFollows)
    .values({ groupId, userId, following, updatedAt: now })
    .onConflictDoUpdate({ target: [groupFollows.groupId, groupFollows.userId], set: { following, updatedAt: now } })
    .run();
}

export const follow = (userId: number, groupId: number, db?: Db) => setFollowing(userId, groupId, true, db);
export const unfollow = (userId: number, groupId: number, db?: Db) => setFollowing(userId, groupId, false, db);

/**
 * Everyone who follows a group: members, observers (intern groups, or
 * granted vertraulich ones) and explicit followers, minus opt-outs; only
 * active users who may read the group (the "read:group" rule written for SQL,
 * as in readableGroupsWhere). The notifications' group audience.
 */
export function followersOf(groupId: number, db: Db = getDb()): number[] {
  const g = sql`${groupId}`;
  const member = isMemberOf(sql`u.id`, g);
  const granted = isGrantedTo(sql`u.id`, g);
  const rows = db.all<{ id: number }>(sql`
    select u.id as id
    from users u
    join groups gr on gr.id = ${groupId}
    left join group_follows gf on gf.group_id = ${groupId} and gf.user_id = u.id
    where u.deactivated_at is null
      and (gr.visibility = 'intern' or u.role = 'admin' or ${member} or (u.role = 'observer' and ${granted}))
      and coalesce(gf.following, ${member} or (u.role = 'observer' and (gr.visibility = 'intern' or ${granted}))) = 1
    order by u.id`);
  return rows.map((r) => r.id);
}
