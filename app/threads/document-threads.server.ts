import { can, type Actor, type GroupAccess } from "~/auth/permissions";
import { listThreadsForDocument } from "~/models/thread.server";
import type { DocumentThread } from "./document-threads";

/** What the document page's "Diskussionen zu diesem Dokument" section needs; the caller has checked read access. */
export function documentDiscussion(user: Actor, group: { id: number; slug: string }, access: GroupAccess, documentId: number) {
  const threads: DocumentThread[] = listThreadsForDocument(group.id, documentId).map((th) => ({
    id: th.id,
    title: th.title,
    headingText: th.headingText,
    lastPostAt: th.lastPostAt.toISOString(),
    postCount: th.postCount,
    locked: th.locked,
  }));
  return { slug: group.slug, documentId, threads, mayStart: can(user, "create:thread", access) };
}
