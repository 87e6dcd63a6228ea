import type { ActivityEntry } from "~/models/activity.server";
import type { FeedPageData } from "./feed-page";

/** A model page as the loaders send it: dates as ISO strings, and the loader's "now" for relative times. */
export function feedPageData(page: { entries: ActivityEntry[]; nextBefore: number | null }, query: { category?: string; before?: number }): FeedPageData {
  return {
    entries: page.entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      detail: e.detail,
      link: e.link,
      createdAt: e.createdAt.toISOString(),
      actorName: e.actorName,
      groupTitle: e.groupTitle,
      groupSlug: e.groupSlug,
    })),
    nextBefore: page.nextBefore,
    category: query.category ?? null,
    before: query.before ?? null,
    now: new Date().toISOString(),
  };
}
