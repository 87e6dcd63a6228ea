import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type Db } from "../../db/client.server";
import { posts, postVersions, threads, users } from "../../db/schema";
import { announce, type PostContent } from "./thread.server";
import { markRead } from "./thread-read.server";
import { recordActivity } from "./activity.server";

/**
 * Posts of a thread. A post is found only through its thread and the thread
 * through its group (ids from another group's URL find nothing). Posts are
 * never removed: deleting and hiding mark them, edits keep the earlier text
 * in post_versions for the group moderation.
 */

export const POSTS_PER_PAGE = 30;
/** How much of the quoted post a quote block shows. */
export const QUOTE_EXCERPT_CHARS = 240;

/** A quote's excerpt: at most QUOTE_EXCERPT_CHARS, cut text marked with "…". */
export function shortenExcerpt(text: string): string {
  return text.length > QUOTE_EXCERPT_CHARS ? `${text.slice(0, QUOTE_EXCERPT_CHARS).trimEnd()} …` : text;
}

const author = alias(users, "author");
const hider = alias(users, "hider");
const quoted = alias(posts, "quoted");
const quotedAuthor = alias(users, "quoted_author");

export type PostCursor = { after?: number; before?: number };

/**
 * One page of posts in thread order: from the start, after a post id
 * (`?nach=`) or the page before a post id (`?vor=`).
 */
export function listPostsPage(threadId: number, cursor: PostCursor = {}, limit = POSTS_PER_PAGE) {
  const db = getDb();
  const base = db
    .select({
      id: posts.id,
      authorId: posts.authorId,
      authorName: author.displayName,
      body: posts.body,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      hiddenByName: hider.displayName,
      quotedPostId: posts.quotedPostId,
      quotedAuthorName: quotedAuthor.displayName,
      // One character more than shown, so shortenExcerpt knows the text was cut.
      quotedExcerpt: sql<string | null>`substr(${quoted.bodyText}, 1, ${QUOTE_EXCERPT_CHARS + 1})`,
      quotedGone: sql<boolean>`(${quoted.id} is null or ${quoted.deletedAt} is not null or ${quoted.hiddenAt} is not null)`.mapWith(Boolean),
      versionCount: sql<number>`(select count(*) from ${postVersions} where ${postVersions.postId} = ${sql.raw(`"posts"."id"`)})`,
    })
    .from(posts)
    .leftJoin(author, eq(author.id, posts.authorId))
    .leftJoin(hider, eq(hider.id, posts.hiddenBy))
    // The quoted post must be in the same thread; anything else shows as gone.
    .leftJoin(quoted, and(eq(quoted.id, posts.quotedPostId), eq(quoted.threadId, threadId)))
    .leftJoin(quotedAuthor, eq(quotedAuthor.id, quoted.authorId));
  const rows =
    cursor.before !== undefined
      ? base
          .where(and(eq(posts.threadId, threadId), lt(posts.id, cursor.before)))
          .orderBy(desc(posts.id))
          .limit(limit)
          .all()
          .reverse()
      : base
          .where(and(eq(posts.threadId, threadId), cursor.after !== undefined ? gt(posts.id, cursor.after) : undefined))
          .orderBy(asc(posts.id))
          .limit(limit)
          .all();
  const first = rows[0]?.id;
  const last = rows.at(-1)?.id;
  const exists = (cond: ReturnType<typeof gt>) =>
    Boolean(db.select({ id: posts.id }).from(posts).where(and(eq(posts.threadId, threadId), cond)).limit(1).get());
  return {
    posts: rows,
    hasEarlier: first !== undefined ? exists(lt(posts.id, first)) : false,
    hasLater: last !== undefined ? exists(gt(posts.id, last)) : false,
  };
}

/** One post of a thread of this group, with what the permission rules and actions need. */
export function getPost(groupId: number, threadId: number, postId: number) {
  return getDb()
    .select({
      id: posts.id,
      threadId: posts.threadId,
      authorId: posts.authorId,
      authorName: author.displayName,
      body: posts.body,
      bodyText: posts.bodyText,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(author, eq(author.id, posts.authorId))
    .where(and(eq(posts.id, postId), eq(posts.threadId, threadId), eq(threads.groupId, groupId)))
    .get();
}

/** A reply (optionally quoting a post of the same thread); the thread's activity moves, the author has read up to it. */
export function createReply(
  groupId: number,
  threadId: number,
  authorId: number,
  input: { body: PostContent; quotedPostId: number | null },
  db: Db = getDb(),
): { postId: number } | null {
  const created = db.transaction(() => {
    const thread = db.select({ id: threads.id, title: threads.title }).from(threads).where(and(eq(threads.id, threadId), eq(threads.groupId, groupId))).get();
    if (!thread) return null;
    const now = new Date();
    const post = db
      .insert(posts)
      .values({ threadId, authorId, body: input.body.json, bodyText: input.body.text, quotedPostId: input.quotedPostId, createdAt: now })
      .returning({ id: posts.id })
      .get();
    db.update(threads).set({ lastPostAt: now }).where(eq(threads.id, threadId)).run();
    markRead(threadId, authorId, post.id, db);
    recordActivity(
      { groupId, actorId: authorId, kind: "post_created", subjectId: post.id, title: thread.title, link: `diskussion/${threadId}#beitrag-${post.id}`, at: now },
      db,
    );
    return { postId: post.id };
  });
  if (created) announce(groupId, threadId, "post_created", authorId, created.postId);
  return created;
}

/** An edit by the author: the text before goes into post_versions, the post gets an edit marker. */
export function editPost(groupId: number, threadId: number, postId: number, body: PostContent, actorId: number, db: Db = getDb()): boolean {
  const done = db.transaction(() => {
    const post = getPost(groupId, threadId, postId);
    if (!post || post.deletedAt) return false;
    const now = new Date();
    db.insert(postVersions)
      .values({ postId, body: post.body, bodyText: post.bodyText, writtenAt: post.editedAt ?? post.createdAt, replacedAt: now })
      .run();
    db.update(posts).set({ body: body.json, bodyText: body.text, editedAt: now }).where(eq(posts.id, postId)).run();
    return true;
  });
  if (done) announce(groupId, threadId, "post_edited", actorId, postId);
  return done;
}

/** Deleted by its author: the row stays, the page shows "Beitrag gelöscht". */
export function deletePost(groupId: number, threadId: number, postId: number, actorId: number): boolean {
  if (!getPost(groupId, threadId, postId)) return false;
  const done =
    getDb()
      .update(posts)
      .set({ deletedAt: new Date() })
      .where(and(eq(posts.id, postId), eq(posts.threadId, threadId), isNull(posts.deletedAt)))
      .run().changes > 0;
  if (done) announce(groupId, threadId, "post_deleted", actorId, postId);
  return done;
}

/** Hidden by the group moderation with a reason (shown instead of the text). */
export function hidePost(groupId: number, threadId: number, postId: number, reason: string, actorId: number, db: Db = getDb()): boolean {
  if (!getPost(groupId, threadId, postId)) return false;
  const done =
    db
      .update(posts)
      .set({ hiddenAt: new Date(), hiddenBy: actorId, hiddenReason: reason })
      .where(and(eq(posts.id, postId), eq(posts.threadId, threadId)))
      .run().changes > 0;
  if (done) announce(groupId, threadId, "post_hidden", actorId, postId);
  return done;
}

/** Earlier versions of these posts, newest first (for the group moderation only). */
export function listVersions(postIds: number[]) {
  if (postIds.length === 0) return [];
  return getDb()
    .select({ id: postVersions.id, postId: postVersions.postId, body: postVersions.body, writtenAt: postVersions.writtenAt })
    .from(postVersions)
    .where(inArray(postVersions.postId, postIds))
    .orderBy(desc(postVersions.id))
    .all();
}

/**
 * The cursor of the page that holds a post, with pages counted from the
 * thread's start (so links to a post land on the same pages the "Weitere
 * Beiträge" links show): undefined for the first page, else `after` = the
 * last post id of the page before.
 */
export function pageCursorFor(threadId: number, postId: number, perPage = POSTS_PER_PAGE): PostCursor {
  const db = getDb();
  const [{ before }] = db
    .select({ before: sql<number>`count(*)` })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), lt(posts.id, postId)))
    .all();
  const start = Math.floor(before / perPage) * perPage;
  if (start === 0) return {};
  const prev = db
    .select({ id: posts.id })
    .from(posts)
    .where(eq(posts.threadId, threadId))
    .orderBy(asc(posts.id))
    .limit(1)
    .offset(start - 1)
    .get();
  return prev ? { after: prev.id } : {};
}
