import { and, asc, eq, gt } from "drizzle-orm";
import type Database from "better-sqlite3";
import * as Y from "yjs";
import { getDb } from "../../db/client.server";
import { docSnapshots, docUpdates } from "../../db/schema";
import { OPEN_DOCS } from "../realtime/doc-presence.server";
import { singleton } from "../server/singleton.server";

/**
 * The stored Yjs state of documents: a snapshot plus an append-only log of
 * updates written after it. Socket handlers and routes both read and write
 * through here.
 */

/** The document's state as one Yjs update (snapshot and all later updates merged). */
export function loadDocState(documentId: number): { state: Uint8Array; lastUpdateId: number; logLength: number } {
  const { parts, lastUpdateId, logLength } = loadDocParts(documentId);
  return { state: parts.length ? Y.mergeUpdates(parts) : Y.encodeStateAsUpdate(new Y.Doc()), lastUpdateId, logLength };
}

/** The stored pieces of a document's state, in order: its snapshot (if any), then each update logged after it. */
export function loadDocParts(documentId: number): { parts: Uint8Array[]; lastUpdateId: number; logLength: number } {
  const db = getDb();
  const snapshot = db.select().from(docSnapshots).where(eq(docSnapshots.documentId, documentId)).get();
  const after = snapshot?.upToUpdateId ?? 0;
  const rows = db
    .select({ id: docUpdates.id, update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.documentId, documentId), gt(docUpdates.id, after)))
    .orderBy(asc(docUpdates.id))
    .all();
  return {
    parts: [...(snapshot ? [new Uint8Array(snapshot.state)] : []), ...rows.map((r) => new Uint8Array(r.update))],
    lastUpdateId: rows.length ? rows[rows.length - 1].id : after,
    logLength: rows.length,
  };
}

/**
 * Everything the document holds right now: the stored state merged with the
 * open Y.Doc of the realtime layer (doc-registry.server.ts), which already
 * contains updates accepted but still queued for writing. Used to keep the
 * adopted version exactly as it was when the status changed. Reads the
 * registry through its process-wide map: routes and sockets hold separate
 * copies of the modules.
 */
export function currentDocState(documentId: number): Uint8Array {
  const stored = loadDocState(documentId).state;
  const open = singleton(OPEN_DOCS, () => new Map<number, { doc?: Y.Doc }>()).get(documentId);
  if (!open?.doc) return stored;
  return Y.mergeUpdates([stored, Y.encodeStateAsUpdate(open.doc)]);
}

export type PendingUpdate = { documentId: number; update: Uint8Array; userId: number };

// The hottest writes of the portal (every keystroke batch, every compaction): one prepared
// statement per connection instead of building the query each time (drizzle's builder cost
// more than SQLite's work here). Same columns as docUpdates and docSnapshots in db/schema.ts;
// times in ms.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared<P extends unknown[], R = unknown>(client: Database.Database, sql: string): Database.Statement<P, R> {
  let byText = statements.get(client);
  if (!byText) statements.set(client, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = client.prepare(sql)));
  return statement as unknown as Database.Statement<P, R>;
}

/**
 * Up to ROWS_PER_INSERT rows in one INSERT statement. Inside a transaction SQLite keeps a
 * statement journal for every statement that can fail halfway (AUTOINCREMENT updates
 * sqlite_sequence, the foreign keys are checked): each page the statement changes is first
 * copied to a temporary file. Row by row, every row of a batch copied the same pages again
 * (the log's leaf, its index, sqlite_sequence): at 200 documents × 3 editors that copying was
 * 8 % of the writer thread's perf samples. One statement per batch copies each page once.
 * Measured with the writer's batches in isolation (12 rows per commit, synchronous=FULL, one
 * core): 0.57 ms of CPU per commit row by row, 0.37 ms in one statement; one row: the same.
 */
const ROWS_PER_INSERT = 32;
/** The statement for n rows is INSERT_UPDATES[n - 1]. */
const INSERT_UPDATES = Array.from(
  { length: ROWS_PER_INSERT },
  (_, i) => `INSERT INTO doc_updates (document_id, "update", user_id, created_at) VALUES ${Array.from({ length: i + 1 }, () => "(?, ?, ?, ?)").join(", ")}`,
);
const UPSERT_SNAPSHOT =
  "INSERT INTO doc_snapshots (document_id, state, up_to_update_id, updated_at) VALUES (?, ?, ?, ?) " +
  "ON CONFLICT (document_id) DO UPDATE SET state = excluded.state, up_to_update_id = excluded.up_to_update_id, updated_at = excluded.updated_at";
const TRIM_LOG =
  "DELETE FROM doc_updates WHERE id IN (SELECT u.id FROM doc_snapshots s " +
  "JOIN doc_updates u ON u.document_id = s.document_id AND u.id <= s.up_to_update_id LIMIT ?)";

/**
 * Writes a batch of updates in one transaction; returns the id of each row, in order. The
 * rows of one statement get consecutive ids in the order given: AUTOINCREMENT hands out
 * each new id as one more than the last, and no other connection writes inside the
 * transaction (tests/unit/doc-log.test.ts).
 */
export function appendUpdates(batch: PendingUpdate[]): number[] {
  const client = getDb().$client;
  const now = Date.now();
  return client.transaction(() => {
    const ids: number[] = [];
    for (let start = 0; start < batch.length; start += ROWS_PER_INSERT) {
      const rows = batch.slice(start, start + ROWS_PER_INSERT);
      const values = rows.flatMap((u) => [u.documentId, Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength), u.userId, now]);
      const last = Number(prepared<unknown[]>(client, INSERT_UPDATES[rows.length - 1]).run(...values).lastInsertRowid);
      for (let k = 0; k < rows.length; k++) ids.push(last - rows.length + 1 + k);
    }
    return ids;
  })();
}

/**
 * Folds the log up to `upToUpdateId` into the snapshot (`state` must contain
 * all of it). Only the snapshot is written: from then on loadDocParts skips
 * the rows it contains, and trimCompactedLog deletes them in bulk. Deleting
 * them here, per document, dirtied nearly one page per row, since the log
 * interleaves the rows of every open document: with the writer's load at
 * 200 documents × 3 editors, commit p99 was 7 ms that way and 3–4 ms with
 * the bulk trim (decision 009, point 5).
 */
export function compactDocState(documentId: number, state: Uint8Array, upToUpdateId: number): void {
  prepared(getDb().$client, UPSERT_SNAPSHOT).run(documentId, Buffer.from(state.buffer, state.byteOffset, state.byteLength), upToUpdateId, Date.now());
}

/** Deletes up to `limit` log rows that snapshots already contain; returns how many it deleted. */
export function trimCompactedLog(limit = 5_000): number {
  return prepared<[number]>(getDb().$client, TRIM_LOG).run(limit).changes;
}
