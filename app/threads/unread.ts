/**
 * The unread rules of a thread, as pure functions (the models apply the same
 * rules in SQL; tests/unit/unread.test.ts pins them down):
 * - a post is unread for a viewer when its id is above the viewer's
 *   lastReadPostId, someone else wrote it, and it is neither deleted nor hidden;
 * - a thread never read counts every such post;
 * - reading only moves forward: opening an older page never marks newer posts unread again.
 */

export type UnreadPost = { id: number; authorId: number | null; deleted: boolean; hidden: boolean };

export function isUnread(post: UnreadPost, viewerId: number, lastReadPostId: number | null): boolean {
  return post.id > (lastReadPostId ?? 0) && post.authorId !== viewerId && !post.deleted && !post.hidden;
}

export function countUnread(posts: UnreadPost[], viewerId: number, lastReadPostId: number | null): number {
  return posts.filter((p) => isUnread(p, viewerId, lastReadPostId)).length;
}

/** The first unread post in thread order, or null when everything is read. */
export function firstUnreadId(posts: UnreadPost[], viewerId: number, lastReadPostId: number | null): number | null {
  let first: number | null = null;
  for (const p of posts) if (isUnread(p, viewerId, lastReadPostId) && (first === null || p.id < first)) first = p.id;
  return first;
}

/** The new read mark after viewing posts up to `shownUpTo`: never goes back. */
export function nextReadMark(lastReadPostId: number | null, shownUpTo: number | null): number | null {
  if (shownUpTo === null) return lastReadPostId;
  return Math.max(lastReadPostId ?? 0, shownUpTo);
}

/**
 * Where the "neu seit Ihrem letzten Besuch" divider goes on a page of posts:
 * before the first unread one — but only for someone who read the thread
 * before (a first visit has no "last visit" to be new since).
 */
export function dividerBeforeId(
  page: UnreadPost[],
  viewerId: number,
  lastReadPostId: number | null,
): number | null {
  if (lastReadPostId === null) return null;
  return firstUnreadId(page, viewerId, lastReadPostId);
}
