import type Database from "better-sqlite3";
import { getDb } from "../../db/client.server";
import { wordParts } from "../search/word-parts";
import { logger } from "../server/logger.server";

/**
 * Keeps search_fts in step with search_docs (migrations/0007_search_suffix_index.sql).
 * Triggers mark each changed row in search_dirty; the tokens (a word and its
 * suffixes, app/search/word-parts.ts) can only be made here, in JavaScript. So the
 * index is brought up to date before every search (search.server.ts) and in the
 * background (startSearchIndexer), and a row is removed from search_dirty in the
 * same transaction that indexes it: a crash leaves it marked, never half-indexed.
 */

type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database.Database, Statements>();

function prepare(sqlite: Database.Database) {
  return {
    pick: sqlite.prepare<[number], number>("SELECT id FROM search_dirty LIMIT ?").pluck(),
    doc: sqlite.prepare<[number], { title: string; body: string }>("SELECT title, body FROM search_docs WHERE id = ?"),
    // FTS5 would keep a second entry for a rowid inserted twice: always remove first.
    remove: sqlite.prepare<[number]>("DELETE FROM search_fts WHERE rowid = ?"),
    add: sqlite.prepare<[number, string, string]>("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)"),
    done: sqlite.prepare<[number]>("DELETE FROM search_dirty WHERE id = ?"),
    any: sqlite.prepare<[], number>("SELECT 1 FROM search_dirty LIMIT 1").pluck(),
  };
}

function statements(): { sqlite: Database.Database; s: Statements } {
  const sqlite = getDb().$client;
  let s = prepared.get(sqlite);
  if (!s) prepared.set(sqlite, (s = prepare(sqlite)));
  return { sqlite, s };
}

/** Indexes up to `limit` changed rows in one transaction. True when changed rows are left. */
export function indexChangedRows(limit = 500): boolean {
  const { sqlite, s } = statements();
  // A read first: with nothing to do, no write lock is taken (the background tick runs every second).
  if (s.any.get() === undefined) return false;
  const run = sqlite.transaction(() => {
    const ids = s.pick.all(limit);
    for (const id of ids) {
      s.remove.run(id);
      const doc = s.doc.get(id);
      if (doc) s.add.run(id, wordParts(doc.title), wordParts(doc.body));
      s.done.run(id);
    }
    return ids.length;
  });
  // IMMEDIATE: it reads before it writes (see withImmediateTransactions in db/client.server.ts).
  return run.immediate() === limit && s.any.get() !== undefined;
}

/**
 * Before a search: what was written since the last run, up to `limit` rows, so
 * a post is found right after it was sent. A larger backlog (right after the
 * migration that built this index) is the background's work; the search says so.
 */
export function catchUpSearchIndex(limit = 2_000): { complete: boolean } {
  let left = true;
  for (let done = 0; left && done < limit; done += 500) left = indexChangedRows(Math.min(500, limit - done));
  return { complete: !left };
}

/** Everything at once: scripts and benchmarks that fill the database without a server. */
export function indexAllChangedRows(): void {
  while (indexChangedRows(2_000));
}

const TICK_MS = 1_000;
/** A background slice never blocks the event loop longer than this. */
const SLICE_MS = 20;

/** The background indexer of the server: every second, and without pause while a backlog lasts. */
export function startSearchIndexer(): { stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    let left = false;
    try {
      const until = performance.now() + SLICE_MS;
      do left = indexChangedRows(200);
      while (left && performance.now() < until);
    } catch (error) {
      // The rows stay marked; the next tick tries again.
      logger.error({ err: error }, "search indexing failed");
      left = false;
    }
    timer = setTimeout(tick, left ? 0 : TICK_MS);
    timer.unref();
  };
  timer = setTimeout(tick, 0);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
