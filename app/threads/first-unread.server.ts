import { pageCursorFor } from "~/models/post.server";
import { firstUnreadPostId } from "~/models/thread-read.server";
import { threadHref } from "./links";

/**
 * A person's first unread post in a thread and the address that shows it:
 * the cursor page that holds it plus its #beitrag-<id> anchor. The one place
 * for this, used by the thread page ("Zum ersten ungelesenen Beitrag") and
 * the thread list (a thread with unread posts opens there).
 */
export function firstUnreadIn(slug: string, threadId: number, userId: number): { id: number; href: string } | null {
  const id = firstUnreadPostId(threadId, userId);
  if (id === null) return null;
  return { id, href: threadHref(slug, threadId, { ...pageCursorFor(threadId, id), postId: id }) };
}
