import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { posts, threadReads, threads } from "../../db/schema";

/**
 * How far each person has read each thread (thread_reads: the highest post id
 * seen). Unread = above the read mark, written by someone else (posts of former
 * members, author null, count), neither deleted nor hidden. The page divider
 * (app/threads/unread.ts) applies the same rule to a loaded page;
 * tests/unit/unread.test.ts runs these queries against a real database.
 */

/**
 * The outer query's thread id, spelled out: drizzle leaves columns unqualified
 * in single-table queries, and inside a subquery on posts an unqualified "id"
 * would mean the post's id.
 */
export const outerThreadId = sql.raw(`"threads"."id"`);

/** SQL: the number of posts of the thread in `threadIdColumn` unread for this viewer. */
export function unreadCountSql(threadIdColumn: SQL, viewerId: number): SQL<number> {
  return sql<number>`(select count(*) from ${posts} where ${posts.threadId} = ${threadIdColumn}
    and ${posts.id} > coalesce((select ${threadReads.lastReadPostId} from ${threadReads}
      where ${threadReads.threadId} = ${threadIdColumn} and ${threadReads.userId} = ${viewerId}), 0)
    and (${posts.authorId} is null or ${posts.authorId} <> ${viewerId})
    and ${posts.deletedAt} is null and ${posts.hiddenAt} is null)`;
}

/** The read mark of one person in one thread; null when never opened. */
export function getLastRead(threadId: number, userId: number): number | null {
  const row = getDb()
    .select({ id: threadReads.lastReadPostId })
    .from(threadReads)
    .where(and(eq(threadReads.threadId, threadId), eq(threadReads.userId, userId)))
    .get();
  return row?.id ?? null;
}

/** Moves the read mark forward to `upTo` (never back: an older page does not make newer posts unread). */
export function markRead(threadId: number, userId: number, upTo: number, db: Db = getDb()): void {
  db.insert(threadReads)
    .values({ threadId, userId, lastReadPostId: upTo, readAt: new Date() })
    .onConflictDoUpdate({
      target: [threadReads.threadId, threadReads.userId],
      set: { lastReadPostId: sql`max(${threadReads.lastReadPostId}, excluded.last_read_post_id)`, readAt: sql`excluded.read_at` },
    })
    .run();
}

/** "Alle als gelesen markieren": every thread of the group up to its newest post. */
export function markAllRead(groupId: number, userId: number): void {
  const db = getDb();
  db.transaction(() => {
    const rows = db
      .select({ threadId: threads.id, last: sql<number | null>`(select max(${posts.id}) from ${posts} where ${posts.threadId} = ${outerThreadId})` })
      .from(threads)
      .where(eq(threads.groupId, groupId))
      .all();
    for (const r of rows) if (r.last !== null) markRead(r.threadId, userId, r.last, db);
  });
}

/** For the tab "Diskussion (3)": unread posts over all threads of the group. */
export function countUnreadInGroup(groupId: number, userId: number): number {
  const row = getDb()
    .select({ n: sql<number>`coalesce(sum(${unreadCountSql(outerThreadId, userId)}), 0)` })
    .from(threads)
    .where(eq(threads.groupId, groupId))
    .get();
  return Number(row?.n ?? 0);
}

/** The first post of the thread this person has not read, or null. */
export function firstUnreadPostId(threadId: number, userId: number): number | null {
  const lastRead = getLastRead(threadId, userId) ?? 0;
  const row = getDb()
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.threadId, threadId),
        sql`${posts.id} > ${lastRead}`,
        sql`(${posts.authorId} is null or ${posts.authorId} <> ${userId})`,
        sql`${posts.deletedAt} is null and ${posts.hiddenAt} is null`,
      ),
    )
    .orderBy(posts.id)
    .limit(1)
    .get();
  return row?.id ?? null;
}
