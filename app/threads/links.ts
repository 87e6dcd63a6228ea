/** Addresses inside the Diskussion tab, in one place (routes, components and the document side use them). */

export const discussionHref = (slug: string) => `/gruppen/${slug}/diskussion`;

export const postAnchor = (postId: number) => `beitrag-${postId}`;

/** A thread page, optionally at a cursor (`nach`/`vor`) and a post. */
export function threadHref(slug: string, threadId: number, at: { after?: number; before?: number; postId?: number } = {}): string {
  const params = new URLSearchParams();
  if (at.after !== undefined) params.set("nach", String(at.after));
  if (at.before !== undefined) params.set("vor", String(at.before));
  const query = params.toString();
  return `${discussionHref(slug)}/${threadId}${query ? `?${query}` : ""}${at.postId !== undefined ? `#${postAnchor(at.postId)}` : ""}`;
}

/** The new-thread form, pre-filled with a document (and a heading of it). */
export function newThreadHref(slug: string, documentId?: number, headingAnchor?: string): string {
  const params = new URLSearchParams();
  if (documentId !== undefined) params.set("dokument", String(documentId));
  if (headingAnchor) params.set("abschnitt", headingAnchor);
  const query = params.toString();
  return `${discussionHref(slug)}/neu${query ? `?${query}` : ""}`;
}

/** Reads a positive integer from a search parameter; anything else is "not given". */
export function positiveIntParam(value: string | null): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}
