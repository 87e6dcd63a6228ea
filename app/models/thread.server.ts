import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type Db } from "../../db/client.server";
import { documents, posts, threads, users } from "../../db/schema";
import { portalEvents, type DiscussionChangeKind } from "../server/events.server";
import { markRead, outerThreadId, unreadCountSql } from "./thread-read.server";
import { recordActivity } from "./activity.server";

/**
 * Discussion threads of a group. Every lookup names the group in its where
 * clause: a thread id from another group's URL finds nothing (404).
 */

export const THREADS_PER_PAGE = 20;

const starter = alias(users, "starter");

/** Pinned threads first, then by last activity; per thread the counts and the viewer's unread posts. */
export function listThreads(groupId: number, viewerId: number, page = 1) {
  const db = getDb();
  const [{ total }] = db.select({ total: count() }).from(threads).where(eq(threads.groupId, groupId)).all();
  const pageCount = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select({
      id: threads.id,
      title: threads.title,
      authorName: starter.displayName,
      createdAt: threads.createdAt,
      lastPostAt: threads.lastPostAt,
      pinned: sql<boolean>`${threads.pinnedAt} is not null`.mapWith(Boolean),
      locked: sql<boolean>`${threads.lockedAt} is not null`.mapWith(Boolean),
      documentId: documents.id,
      documentTitle: documents.title,
      headingText: threads.headingText,
      postCount: sql<number>`(select count(*) from ${posts} where ${posts.threadId} = ${outerThreadId})`,
      lastPostAuthor: sql<string | null>`(select u.display_name from ${posts} left join ${users} u on u.id = ${posts.authorId}
        where ${posts.threadId} = ${outerThreadId} order by ${posts.id} desc limit 1)`,
      unread: unreadCountSql(outerThreadId, viewerId),
    })
    .from(threads)
    .leftJoin(starter, eq(starter.id, threads.authorId))
    // A deleted document is no longer offered as a reference.
    .leftJoin(documents, and(eq(documents.id, threads.documentId), isNull(documents.deletedAt)))
    .where(eq(threads.groupId, groupId))
    .orderBy(desc(sql`${threads.pinnedAt} is not null`), desc(threads.lastPostAt), desc(threads.id))
    .limit(THREADS_PER_PAGE)
    .offset((current - 1) * THREADS_PER_PAGE)
    .all();
  return { threads: rows, total, page: current, pageCount };
}

/** One thread of this group, with what its page needs. */
export function getThread(groupId: number, threadId: number) {
  return getDb()
    .select({
      id: threads.id,
      groupId: threads.groupId,
      title: threads.title,
      authorId: threads.authorId,
      authorName: starter.displayName,
      createdAt: threads.createdAt,
      pinnedAt: threads.pinnedAt,
      lockedAt: threads.lockedAt,
      documentId: documents.id,
      documentTitle: documents.title,
      headingAnchor: threads.headingAnchor,
      headingText: threads.headingText,
    })
    .from(threads)
    .leftJoin(starter, eq(starter.id, threads.authorId))
    .leftJoin(documents, and(eq(documents.id, threads.documentId), eq(documents.groupId, groupId), isNull(documents.deletedAt)))
    .where(and(eq(threads.id, threadId), eq(threads.groupId, groupId)))
    .get();
}

export type ThreadRow = NonNullable<ReturnType<typeof getThread>>;

export type PostContent = { json: string; text: string };
export type NewThread = {
  title: string;
  body: PostContent;
  documentId: number | null;
  heading: { anchor: string; text: string } | null;
};

/** A thread with its first post, in one transaction; the author has read it. */
export function createThread(groupId: number, authorId: number, input: NewThread, db: Db = getDb()) {
  const created = db.transaction(() => {
    const now = new Date();
    const thread = db
      .insert(threads)
      .values({
        groupId,
        title: input.title,
        authorId,
        documentId: input.documentId,
        headingAnchor: input.heading?.anchor ?? null,
        headingText: input.heading?.text ?? null,
        createdAt: now,
        lastPostAt: now,
      })
      .returning({ id: threads.id })
      .get();
    const post = db
      .insert(posts)
      .values({ threadId: thread.id, authorId, body: input.body.json, bodyText: input.body.text, createdAt: now })
      .returning({ id: posts.id })
      .get();
    markRead(thread.id, authorId, post.id, db);
    recordActivity({ groupId, actorId: authorId, kind: "thread_created", subjectId: thread.id, title: input.title, link: `diskussion/${thread.id}`, at: now }, db);
    return { threadId: thread.id, postId: post.id };
  });
  announce(groupId, created.threadId, "thread_created", authorId, created.postId);
  return created;
}

/** Pin or unpin; false when the thread is not in this group. */
export function setPinned(groupId: number, threadId: number, pinned: boolean, actorId: number): boolean {
  const changed =
    getDb()
      .update(threads)
      .set({ pinnedAt: pinned ? new Date() : null })
      .where(and(eq(threads.id, threadId), eq(threads.groupId, groupId)))
      .run().changes > 0;
  if (changed) announce(groupId, threadId, "thread_pinned", actorId);
  return changed;
}

/** Lock or unlock; a locked thread takes replies only from the group moderation. */
export function setLocked(groupId: number, threadId: number, locked: boolean, actorId: number): boolean {
  const changed =
    getDb()
      .update(threads)
      .set(locked ? { lockedAt: new Date(), lockedBy: actorId } : { lockedAt: null, lockedBy: null })
      .where(and(eq(threads.id, threadId), eq(threads.groupId, groupId)))
      .run().changes > 0;
  if (changed) announce(groupId, threadId, "thread_locked", actorId);
  return changed;
}

/** The threads of this group that refer to a document (for the document page). */
export function listThreadsForDocument(groupId: number, documentId: number) {
  return getDb()
    .select({
      id: threads.id,
      title: threads.title,
      headingText: threads.headingText,
      headingAnchor: threads.headingAnchor,
      lastPostAt: threads.lastPostAt,
      locked: sql<boolean>`${threads.lockedAt} is not null`.mapWith(Boolean),
      postCount: sql<number>`(select count(*) from ${posts} where ${posts.threadId} = ${outerThreadId})`,
    })
    .from(threads)
    .where(and(eq(threads.groupId, groupId), eq(threads.documentId, documentId)))
    .orderBy(desc(threads.lastPostAt), desc(threads.id))
    .all();
}

/** For the idempotent demo seed. */
export function threadTitleExists(groupId: number, title: string, db: Db = getDb()): boolean {
  return Boolean(
    db
      .select({ id: threads.id })
      .from(threads)
      .where(and(eq(threads.groupId, groupId), eq(threads.title, title)))
      .get(),
  );
}

/** Tells the live layer (app/realtime) that the group's discussion changed. */
export function announce(groupId: number, threadId: number, kind: DiscussionChangeKind, actorId: number, postId?: number): void {
  portalEvents.emit("discussion:changed", { groupId, threadId, kind, actorId, ...(postId === undefined ? {} : { postId }) });
}
