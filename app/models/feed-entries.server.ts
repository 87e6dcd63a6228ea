import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "../../db/client.server";
import { documents, documentVersions, groups, users, type ActivityKind } from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { listGroupActivity } from "./activity.server";
import { readableGroupsWhere } from "./group.server";

type SignedIn = NonNullable<Actor>;

/** How many entries a feed carries: feed readers poll, they do not page. */
export const FEED_ENTRY_LIMIT = 50;

export type GroupFeedEntry = {
  /** Stable per source row, for the entry's tag: URI. */
  key: string;
  kind: ActivityKind;
  title: string;
  detail: string | null;
  /** A path inside the portal. */
  link: string;
  author: string | null;
  at: Date;
};

/**
 * What happened in a group, newest first: the first page of its Aktivität
 * tab, as many entries as a feed carries. The same query decides for both
 * what an entry may show (deleted documents, hidden or deleted posts stay
 * out); the caller has checked that the token's user may read the group.
 */
export function listGroupFeedEntries(groupId: number): GroupFeedEntry[] {
  return listGroupActivity(groupId, { limit: FEED_ENTRY_LIMIT }).entries.map((e) => ({
    key: `activity-${e.id}`,
    kind: e.kind,
    title: e.title,
    detail: e.detail,
    link: e.link,
    author: e.actorName,
    at: e.createdAt,
  }));
}

export type AdoptedRecommendation = {
  id: number;
  title: string;
  status: "beschlossen" | "uebergeben";
  groupSlug: string;
  groupTitle: string;
  author: string | null;
  updatedAt: Date;
  /** The adopted version's HTML (rendered by the portal from the schema), or null when there is none. */
  html: string | null;
};

/**
 * Adopted recommendations (Beschlossen, Übergeben) in the groups the actor
 * may read, newest first; the permission rule is in the where clause. With
 * groupIds, only those groups (still filtered by permission).
 */
export function listAdoptedRecommendations(actor: SignedIn, options: { groupIds?: number[]; limit?: number } = {}): AdoptedRecommendation[] {
  const db = getDb();
  const creator = alias(users, "creator");
  let query = db
    .select({
      id: documents.id,
      title: documents.title,
      status: documents.status,
      groupSlug: groups.slug,
      groupTitle: groups.title,
      author: creator.displayName,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .innerJoin(groups, eq(groups.id, documents.groupId))
    .leftJoin(creator, eq(creator.id, documents.createdBy))
    .where(
      and(
        readableGroupsWhere(actor),
        options.groupIds ? inArray(groups.id, options.groupIds) : undefined,
        eq(documents.kind, "empfehlung"),
        inArray(documents.status, ["beschlossen", "uebergeben"]),
        isNull(documents.deletedAt),
      ),
    )
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .$dynamic();
  if (options.limit) query = query.limit(options.limit);
  const rows = query.all();
  const versions = latestVersions(rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r,
    status: r.status as AdoptedRecommendation["status"],
    html: versions.get(r.id)?.html ?? null,
  }));
}

/** The latest adopted version of each document (Yjs state and HTML), by document id. */
export function latestVersions(documentIds: number[]): Map<number, { html: string; state: Uint8Array }> {
  const out = new Map<number, { html: string; state: Uint8Array }>();
  if (documentIds.length === 0) return out;
  const rows = getDb()
    .select({ documentId: documentVersions.documentId, html: documentVersions.html, state: documentVersions.state })
    .from(documentVersions)
    .where(inArray(documentVersions.documentId, documentIds))
    .orderBy(desc(documentVersions.createdAt), desc(documentVersions.id))
    .all();
  // Newest first: the first row per document wins.
  for (const r of rows) if (!out.has(r.documentId)) out.set(r.documentId, { html: r.html, state: new Uint8Array(r.state) });
  return out;
}
