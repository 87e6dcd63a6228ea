import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "../../db/client.server";
import { activities, documents, documentVersions, groups, threads, users, type ActivityKind } from "../../db/schema";
import type { Actor } from "../auth/permissions";
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
 * What happened in a group, newest first: the activities table, or — while
 * it is still empty (a database from before activities were recorded) — the
 * group's documents and threads, so a new feed is never blank.
 */
export function listGroupFeedEntries(group: { id: number; slug: string }): GroupFeedEntry[] {
  const db = getDb();
  const rows = db
    .select({
      id: activities.id,
      kind: activities.kind,
      title: activities.title,
      detail: activities.detail,
      link: activities.link,
      author: users.displayName,
      at: activities.createdAt,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .where(eq(activities.groupId, group.id))
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(FEED_ENTRY_LIMIT)
    .all();
  if (rows.length > 0) return rows.map(({ id, ...r }) => ({ key: `activity-${id}`, ...r }));

  const docs = db
    .select({ id: documents.id, title: documents.title, author: users.displayName, at: documents.createdAt })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(and(eq(documents.groupId, group.id), isNull(documents.deletedAt)))
    .orderBy(desc(documents.createdAt))
    .limit(FEED_ENTRY_LIMIT)
    .all()
    .map((d) => ({
      key: `document-${d.id}`,
      kind: "document_created" as const,
      title: d.title,
      detail: null,
      link: `/gruppen/${group.slug}/dokumente/${d.id}`,
      author: d.author,
      at: d.at,
    }));
  const discussions = db
    .select({ id: threads.id, title: threads.title, author: users.displayName, at: threads.createdAt })
    .from(threads)
    .leftJoin(users, eq(users.id, threads.authorId))
    .where(eq(threads.groupId, group.id))
    .orderBy(desc(threads.createdAt))
    .limit(FEED_ENTRY_LIMIT)
    .all()
    .map((t) => ({
      key: `thread-${t.id}`,
      kind: "thread_created" as const,
      title: t.title,
      detail: null,
      link: `/gruppen/${group.slug}/diskussion/${t.id}`,
      author: t.author,
      at: t.at,
    }));
  return [...docs, ...discussions].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, FEED_ENTRY_LIMIT);
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
