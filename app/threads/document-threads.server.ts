import { can, type Actor, type GroupAccess } from "~/auth/permissions";
import { documentHeadings } from "~/documents/headings.server";
import { listThreadsForDocument } from "~/models/thread.server";
import type { DocumentThread } from "./document-threads";

/** What the document page's "Diskussionen zu diesem Dokument" section needs; the caller has checked read access. */
export function documentDiscussion(user: Actor, group: { id: number; slug: string }, access: GroupAccess, documentId: number) {
  const rows = listThreadsForDocument(group.id, documentId);
  const mayStart = can(user, "create:thread", access);
  // The text's headings as the page renders them (same ids): read only when a link or the section choice needs them.
  const headings = mayStart || rows.some((th) => th.headingAnchor) ? documentHeadings(documentId) : [];
  const anchors = new Set(headings.map((h) => h.anchor));
  const threads: DocumentThread[] = rows.map((th) => ({
    id: th.id,
    title: th.title,
    headingText: th.headingText,
    // A heading renamed or removed since has no anchor on the page any more: its name stays, without a link.
    headingAnchor: th.headingAnchor && anchors.has(th.headingAnchor) ? th.headingAnchor : null,
    lastPostAt: th.lastPostAt.toISOString(),
    postCount: th.postCount,
    locked: th.locked,
  }));
  return {
    slug: group.slug,
    documentId,
    threads,
    mayStart,
    headings: mayStart ? headings.map((h) => ({ anchor: h.anchor, text: h.text, level: h.level })) : [],
  };
}
