/**
 * Where the "neu seit Ihrem letzten Besuch" divider goes on a page of posts.
 * The unread counts themselves are SQL (app/models/thread-read.server.ts);
 * this applies the same rule to the one page already loaded:
 * a post is unread for a viewer when its id is above the viewer's
 * lastReadPostId, someone else wrote it, and it is neither deleted nor hidden.
 */

export type UnreadPost = { id: number; authorId: number | null; deleted: boolean; hidden: boolean };

function isUnread(post: UnreadPost, viewerId: number, lastReadPostId: number): boolean {
  return post.id > lastReadPostId && post.authorId !== viewerId && !post.deleted && !post.hidden;
}

/**
 * The id of the first unread post of the page, in thread order — but only for
 * someone who read the thread before (a first visit has no "last visit" to be
 * new since).
 */
export function dividerBeforeId(page: UnreadPost[], viewerId: number, lastReadPostId: number | null): number | null {
  if (lastReadPostId === null) return null;
  let first: number | null = null;
  for (const p of page) if (isUnread(p, viewerId, lastReadPostId) && (first === null || p.id < first)) first = p.id;
  return first;
}
