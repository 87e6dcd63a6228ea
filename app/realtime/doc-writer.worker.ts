/**
 * The document threads (docs/decisions/009-document-writer-thread.md), one
 * code, two roles. The writer's own SQLite connection writes the Yjs update
 * log and its snapshots, so the commit's fsync (synchronous=FULL) waits here
 * and not on the event loop that relays keystrokes; after answering, it also
 * stores the derived content and indexes it for search. The deriver renders
 * a document's JSON, text and HTML from its own copy of the document, which
 * the loop brings up to date with differences (doc-derive-cache.server.ts),
 * and has no connection: only the writer writes, so no write waits for
 * another thread's lock (see runLater). Both run the same model functions
 * as everything else (app/models/doc-state.server.ts); one message at a
 * time, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { closeDb, getDb } from "../../db/client.server";
import { saveDocumentContent } from "../models/document-content.server";
import { appendUpdates, compactDocState, trimCompactedLog } from "../models/doc-state.server";
import { indexChangedRows } from "../models/search-index.server";
import { logger } from "../server/logger.server";
import { getEnv } from "../server/env.server";
import { DeriveCache } from "./doc-derive-cache.server";
import type { WriterMessage, WriterOp, WriterReply, WriterResult } from "./doc-writer-protocol";

/**
 * One message is one transaction, so one commit (one fsync) however many
 * appends and compactions it holds: 200 documents that reach their
 * compaction in the same second cost one fsync, not 200. Each group of
 * consecutive appends and each compaction runs in a savepoint of its own, so
 * one that fails fails alone; order is kept, so a compaction up to row N
 * follows the appends that wrote row N.
 */
function run(ops: WriterOp[]): WriterResult[] {
  const results: WriterResult[] = [];
  if (ops.length === 0) return results;
  const client = getDb().$client;
  const committed = attempt(() => {
    client.transaction(() => {
      let i = 0;
      while (i < ops.length) {
        const op = ops[i];
        if (op.kind === "compact") {
          trimDue = true;
          results.push(attempt(() => (compactDocState(op.documentId, op.state, op.upToUpdateId), [])));
          i++;
          continue;
        }
        if (op.kind !== "append") {
          results.push({ ok: false, message: `${op.kind} runs after the answer, not with the appends` });
          i++;
          continue;
        }
        // Consecutive appends: one savepoint, one prepared statement.
        let j = i;
        while (j < ops.length && ops[j].kind === "append") j++;
        const appends = ops.slice(i, j) as Extract<WriterOp, { kind: "append" }>[];
        const outcome = attempt(() => appendUpdates(appends.map((a) => a.update)));
        appends.forEach((_, k) => results.push(outcome.ok ? { ok: true, ids: [outcome.ids[k]] } : outcome));
        i = j;
      }
    })();
    return [];
  });
  // The commit failed: nothing of this message is stored, so nothing is acknowledged.
  return committed.ok ? results : ops.map(() => committed);
}

/**
 * After the answer: derivations (deriver) and derived content (writer).
 *
 * Rendering takes milliseconds per document; here no keystroke waits for it.
 * The writer stores what the deriver rendered, all of one message in one
 * transaction, and indexes it for search right away (the search index's
 * triggers mark the rows; indexing computes word parts): before, the deriver
 * stored it over a connection of its own and the loop indexed it. Both then
 * competed with the writer's commits for SQLite's one write lock, and a
 * connection that finds the lock taken sleeps 1, 2, 5, 10 … ms before it
 * tries again: acknowledgements waited for those sleeps (decision 009,
 * point 8). The commit skips the fsync (synchronous=NORMAL): the content is
 * a cache of the stored state, rebuilt at start when it is older, and the
 * writer's next durable commit syncs the log file up to here anyway.
 */
function runLater(ops: WriterOp[]): WriterResult[] {
  const rendered = ops.map((op): WriterResult => {
    if (op.kind !== "derive") return { ok: true, ids: [] };
    try {
      return { ok: true, ids: [], ...derived.derive(op) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  });
  const saves = ops.filter((op) => op.kind === "save-content");
  if (saves.length === 0) return rendered;
  const client = getDb().$client;
  const results = new Map<WriterOp, WriterResult>();
  client.pragma("synchronous = NORMAL");
  try {
    const committed = attempt(() => {
      client.transaction(() => {
        for (const op of saves) results.set(op, attempt(() => (saveDocumentContent(op.documentId, op.content), [])));
        // A failed index leaves the rows marked: the loop's indexer tries again.
        attempt(() => (indexChangedRows(saves.length), []));
      }).immediate();
      return [];
    });
    return ops.map((op, i) => (op.kind !== "save-content" ? rendered[i] : committed.ok ? results.get(op)! : committed));
  } finally {
    client.pragma("synchronous = FULL");
  }
}

function attempt(write: () => number[]): WriterResult {
  try {
    return { ok: true, ids: write() };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

// The writer opens its connection now, so the first write is as quick as the later ones. The deriver has none.
if (workerData?.role === "writer") getDb();

/** The deriver's copies of the documents it renders; those not typed in for DERIVE_COPY_IDLE_MS (a minute) are dropped. */
const idleMs = getEnv().DERIVE_COPY_IDLE_MS;
const derived = new DeriveCache(idleMs);
// Checked twice per idle time: a copy goes between 1 and 1.5 idle times after its last use.
if (workerData?.role === "deriver") setInterval(() => derived.dropIdle(), idleMs / 2).unref();
parentPort!.postMessage({ ready: true });

/**
 * Log rows that a snapshot contains are deleted in bulk (compactDocState):
 * after the reply, so no acknowledgement waits for it, at most once a second
 * and at most TRIM_LIMIT rows at a time (a few milliseconds), more next
 * time if more are left. True at the start: a crash may have left rows.
 */
let trimDue = true;
let lastTrimAt = -Infinity;
const TRIM_GAP_MS = 1_000;
const TRIM_LIMIT = 5_000;

/** With `all` (on close), until nothing is left, without waiting. */
function trimIfDue(all = false): void {
  if (!trimDue || (!all && performance.now() - lastTrimAt < TRIM_GAP_MS)) return;
  lastTrimAt = performance.now();
  try {
    trimDue = trimCompactedLog(TRIM_LIMIT) === TRIM_LIMIT;
  } catch (error) {
    // Nothing is lost: the rows stay ignored and are tried again after the next compaction.
    trimDue = false;
    logger.error({ err: error }, "trimming the document log failed");
  }
}

parentPort!.on("message", (message: WriterMessage | { close: true }) => {
  if ("close" in message) {
    if (workerData?.role === "writer") while (trimDue) trimIfDue(true);
    closeDb();
    parentPort!.close();
    return;
  }
  const reply: WriterReply = { id: message.id, results: run(message.ops) };
  parentPort!.postMessage(reply);
  if (message.later.length > 0) parentPort!.postMessage({ id: message.id, laterResults: runLater(message.later) } satisfies WriterReply);
  if (workerData?.role === "writer") trimIfDue();
});
