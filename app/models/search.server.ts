import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import type { Actor } from "../auth/permissions";
import { highlightExcerpt } from "../search/highlight";
import { likePattern, parseSearchQuery } from "../search/query";
import { SEARCH_KINDS, type SearchKind } from "../search/kinds";
import { readableGroupsWhere } from "./group.server";

/**
 * Full-text search over the FTS5 table search_index (migrations/0006_search_index.sql,
 * kept in step by triggers). Permission is part of the query: a row belongs to a
 * group the actor may read (the same rule as readableGroupsWhere) or to no group
 * (topic proposals, which every signed-in user sees). Ranked by bm25 with titles
 * weighing more than text, within the newest RANK_WINDOW matches.
 */

type SignedIn = NonNullable<Actor>;

export const SEARCH_PAGE_SIZE = 20;

export type SearchOptions = { q: string; kind?: SearchKind; groupId?: number; page?: number };

export type SearchHit = {
  kind: SearchKind;
  id: number;
  title: string;
  /** HTML: escaped excerpt with <mark> around the terms (app/search/highlight.ts). */
  snippet: string;
  group: { id: number; slug: string; title: string } | null;
  /** The thread of a post. */
  threadId: number | null;
};

export type SearchResult =
  | { ok: true; hits: SearchHit[]; page: number; hasNext: boolean; fallback: boolean }
  | { ok: false; reason: "empty" | "too_long" };

type Row = {
  kind: SearchKind;
  ref_id: number;
  group_id: number | null;
  parent_id: number | null;
  raw_title: string;
  raw_body: string;
  slug: string | null;
  group_title: string | null;
};

// Column weights for bm25 in table order: kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body.
const RANK = sql.raw("bm25(search_index, 0, 0, 0, 0, 4.0, 1.0, 0, 0)");
/**
 * How many of the newest matches are ranked per query. rowid = kind code × 2^40 + id
 * (migrations/0006_search_index.sql), so "newest" walks groups, topic proposals,
 * materials and documents first, then posts from the newest. FTS5 stops after this
 * many matches; scoring every match of a common word in a million posts took
 * hundreds of ms (trigram phrases are costly to score), and FTS5 rowid ranges did
 * not help (they seek through the doclists). Older matches beyond the window are
 * not shown; docs/benchmarks.md has the numbers.
 */
export const RANK_WINDOW = 1_000;

export function search(actor: SignedIn, options: SearchOptions): SearchResult {
  const parsed = parseSearchQuery(options.q);
  if (!parsed.ok) return parsed;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const readable = readableGroupsWhere(actor);
  // Filters chosen in the form narrow the window itself, so they never come up empty because of it.
  const windowFilters: SQL[] = [];
  if (options.kind && SEARCH_KINDS.includes(options.kind)) windowFilters.push(sql`s.kind = ${options.kind}`);
  if (options.groupId !== undefined) windowFilters.push(sql`s.group_id = ${options.groupId}`);
  // Terms under 3 characters: the trigram index cannot answer them, LIKE on the folded text can.
  for (const term of parsed.short) {
    const pattern = likePattern(term);
    windowFilters.push(sql`(s.title LIKE ${pattern} ESCAPE '\\' OR s.body LIKE ${pattern} ESCAPE '\\')`);
  }
  const where = sql.join([parsed.match ? sql`search_index MATCH ${parsed.match}` : sql`1`, ...windowFilters], sql` AND `);
  // Only short terms: no ranking, newest first.
  const score = parsed.match ? RANK : sql`0`;
  const rows = getDb().all<Row>(sql`
    SELECT s.kind, s.ref_id, s.group_id, s.parent_id, s.raw_title, s.raw_body, g.slug, g.title AS group_title
    FROM (SELECT s.rowid AS id, ${score} AS score FROM search_index s WHERE ${where} ORDER BY s.rowid DESC LIMIT ${RANK_WINDOW}) c
    JOIN search_index s ON s.rowid = c.id
    LEFT JOIN "groups" g ON g.id = s.group_id
    -- Rows of unreadable (vertraulich) groups never leave the database.
    WHERE ${readable ? sql`(s.group_id IS NULL OR s.group_id IN (SELECT "groups"."id" FROM "groups" WHERE ${readable}))` : sql`1`}
    ORDER BY c.score, c.id DESC
    LIMIT ${SEARCH_PAGE_SIZE + 1} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}`);
  return {
    ok: true,
    hits: rows.slice(0, SEARCH_PAGE_SIZE).map((r) => toHit(r, parsed.terms)),
    page,
    hasNext: rows.length > SEARCH_PAGE_SIZE,
    fallback: parsed.match === null,
  };
}

function toHit(r: Row, terms: string[]): SearchHit {
  // A group's own row has no separate group line; posts show their text, not the thread title, as excerpt.
  const text = r.raw_body.trim() || r.raw_title;
  return {
    kind: r.kind,
    id: r.ref_id,
    title: r.raw_title,
    snippet: highlightExcerpt(text, terms),
    group: r.group_id !== null && r.slug ? { id: r.group_id, slug: r.slug, title: r.group_title ?? "" } : null,
    threadId: r.parent_id,
  };
}
