import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import type { Actor } from "../auth/permissions";
import { highlightExcerpt } from "../search/highlight";
import { likePattern, matchOf, parseSearchQuery, type ParsedQuery } from "../search/query";
import { planSearch, SAMPLE_ROWS, type SearchPlan } from "../search/plan";
import { SEARCH_KINDS, type SearchKind } from "../search/kinds";
import { readableGroupsWhere } from "./group.server";
import { catchUpSearchIndex } from "./search-index.server";

/**
 * Full-text search: search_fts (FTS5, a word and its suffixes as tokens, so a query
 * term is a prefix query that also finds parts of compound words) over search_docs
 * (folded and original text, kept in step by triggers; migrations/0007_search_suffix_index.sql).
 * Permission is part of the query: a row belongs to a group the actor may read (the
 * same rule as readableGroupsWhere) or to no group (topic proposals, which every
 * signed-in user sees). Ranked by bm25 with titles weighing more than text, within
 * the newest RANK_WINDOW readable matches.
 */

type SignedIn = NonNullable<Actor>;
type ParsedOk = Extract<ParsedQuery, { ok: true }>;

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
  | { ok: true; hits: SearchHit[]; page: number; hasNext: boolean; fallback: boolean; indexing: boolean }
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

// Column weights for bm25 in table order: title, body.
const RANK = sql.raw("bm25(search_fts, 4.0, 1.0)");
/**
 * How many of the newest readable matches are ranked per query. rowid = kind code × 2^40 + id
 * (migrations/0006_search_index.sql), so "newest" walks groups, topic proposals,
 * materials and documents first, then posts from the newest. Scoring every match of
 * a common word in a million posts costs more than the whole query may take; older
 * matches beyond the window are not shown. docs/benchmarks.md has the numbers.
 */
export const RANK_WINDOW = 1_000;

export function search(actor: SignedIn, options: SearchOptions): SearchResult {
  const parsed = parseSearchQuery(options.q);
  if (!parsed.ok) return parsed;
  // What was written a moment ago is found now, not after the background's next tick.
  const { complete } = catchUpSearchIndex();
  return runSearch(actor, options, parsed, planFor(parsed.words), complete);
}

/** rowid = kind code × KIND_STRIDE + id (migrations/0006_search_index.sql); posts have code 1. */
const KIND_STRIDE = 2 ** 40;
const POSTS_END = 2 * KIND_STRIDE;
/** Below this many posts every plan is fast: no sample is taken. */
const PLAN_FROM_ROWS = 50_000;

type PlanStatements = { newestPost: Statement<[], number | null>; others: Statement<[], number>; sample: Map<number, Statement<[Record<string, string | number>], Record<string, number>>> };
const planStatements = new WeakMap<Database.Database, PlanStatements>();

/** Prepared once per connection: planning runs before every search and should cost well under a millisecond. */
function statementsFor(sqlite: Database.Database): PlanStatements {
  let s = planStatements.get(sqlite);
  if (!s) {
    s = {
      newestPost: sqlite.prepare<[], number | null>(`SELECT max(id) FROM search_docs WHERE id < ${POSTS_END}`).pluck(),
      others: sqlite.prepare<[], number>(`SELECT count(*) FROM search_docs WHERE id >= ${POSTS_END}`).pluck(),
      sample: new Map(),
    };
    planStatements.set(sqlite, s);
  }
  return s;
}

const OTHERS_SAMPLE_ROWS = 200;

function sampleStatement(sqlite: Database.Database, s: PlanStatements, wordCount: number) {
  let st = s.sample.get(wordCount);
  if (!st) {
    const has = (i: number) => `(instr(title, @w${i}) > 0 OR instr(body, @w${i}) > 0)`;
    const counts = (prefix: string) =>
      [
        `count(*) AS ${prefix}rows`,
        ...Array.from({ length: wordCount }, (_, i) => `coalesce(sum(${has(i)}), 0) AS ${prefix}w${i}`),
        `coalesce(sum(${Array.from({ length: wordCount }, (_, i) => has(i)).join(" AND ")}), 0) AS ${prefix}all`,
      ].join(", ");
    // Posts spread over all ids, not the newest ones: posts of one thread share its title, so a
    // run of neighbours would make one thread's title look like a common word. Scattered by a
    // multiplicative hash rather than a fixed step, which can fall in step with a pattern.
    // The newest other rows (documents, materials, groups, topics) come first in every window.
    st = sqlite.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${SAMPLE_ROWS - 1})
       SELECT * FROM
         (SELECT ${counts("p_")} FROM search_docs WHERE id IN (SELECT ${KIND_STRIDE} + 1 + (i * 2654435761) % @posts FROM n)),
         (SELECT ${counts("o_")} FROM (SELECT title, body FROM search_docs WHERE id >= ${POSTS_END} ORDER BY id DESC LIMIT ${OTHERS_SAMPLE_ROWS}))`,
    );
    s.sample.set(wordCount, st);
  }
  return st;
}

function planFor(words: string[]): SearchPlan {
  const sqlite = getDb().$client;
  const s = statementsFor(sqlite);
  const newest = s.newestPost.get() ?? null;
  const posts = newest === null ? 0 : newest - KIND_STRIDE;
  if (words.length === 0 || posts < PLAN_FROM_ROWS) return { via: "index", indexed: words, verified: [] };
  const c = sampleStatement(sqlite, s, words.length).get({ posts, ...Object.fromEntries(words.map((w, i) => [`w${i}`, w])) })!;
  const sample = (p: string) => ({ rows: c[`${p}rows`], perWord: words.map((_, i) => c[`${p}w${i}`]), all: c[`${p}all`] });
  return planSearch(words, sample("p_"), { posts, others: s.others.get()! }, RANK_WINDOW, sample("o_"));
}

/** Runs a query by the given plan; exported so tests can check that every plan finds the same. */
export function runSearch(actor: SignedIn, options: SearchOptions, parsed: ParsedOk, plan: SearchPlan, indexComplete = true): SearchResult & { ok: true } {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const readable = readableGroupsWhere(actor);
  // Filters and permission narrow the window itself, so it never comes up empty because of them.
  const filters: SQL[] = [];
  if (readable) filters.push(sql`(d.group_id IS NULL OR d.group_id IN (SELECT "groups"."id" FROM "groups" WHERE ${readable}))`);
  if (options.kind && SEARCH_KINDS.includes(options.kind)) filters.push(sql`d.kind = ${options.kind}`);
  if (options.groupId !== undefined) filters.push(sql`d.group_id = ${options.groupId}`);
  // Terms with a word under 3 characters have no token in the index: LIKE on the folded text answers them.
  for (const term of parsed.short) {
    const pattern = likePattern(term);
    filters.push(sql`(d.title LIKE ${pattern} ESCAPE '\\' OR d.body LIKE ${pattern} ESCAPE '\\')`);
  }
  // Words the plan leaves out of MATCH are checked on the rows found, on the same folded text.
  for (const word of plan.verified) filters.push(sql`(instr(d.title, ${word}) > 0 OR instr(d.body, ${word}) > 0)`);
  const where = sql.join([sql`1`, ...filters], sql` AND `);
  const match = plan.via === "index" ? matchOf(plan.indexed) : null;
  // The index drives the query, newest first. Without it (only short terms, or every word
  // common) search_docs is read newest first, and a word in the title counts four times.
  const presence = plan.verified.length
    ? sql.join(plan.verified.map((w) => sql`4.0 * (instr(d.title, ${w}) > 0) + (instr(d.body, ${w}) > 0)`), sql` + `)
    : sql`0`;
  const window = match
    ? sql`SELECT d.id AS id, ${RANK} AS score FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
          WHERE search_fts MATCH ${match} AND ${where} ORDER BY search_fts.rowid DESC LIMIT ${RANK_WINDOW}`
    : sql`SELECT d.id AS id, -(${presence}) AS score FROM search_docs d WHERE ${where} ORDER BY d.id DESC LIMIT ${RANK_WINDOW}`;
  // The page is chosen from ids and scores first: joining the texts before would copy the
  // text of every row in the window into the sorter.
  const rows = getDb().all<Row>(sql`
    SELECT d.kind, d.ref_id, d.group_id, d.parent_id, d.raw_title, d.raw_body, g.slug, g.title AS group_title
    FROM (SELECT id, score FROM (${window}) ORDER BY score, id DESC
          LIMIT ${SEARCH_PAGE_SIZE + 1} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}) c
    JOIN search_docs d ON d.id = c.id
    LEFT JOIN "groups" g ON g.id = d.group_id
    ORDER BY c.score, c.id DESC`);
  return {
    ok: true,
    hits: rows.slice(0, SEARCH_PAGE_SIZE).map((r) => toHit(r, parsed.terms)),
    page,
    hasNext: rows.length > SEARCH_PAGE_SIZE,
    fallback: parsed.match === null,
    indexing: !indexComplete,
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
