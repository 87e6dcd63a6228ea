/**
 * The document writer thread (docs/decisions/009-document-writer-thread.md):
 * its own SQLite connection writes the Yjs update log and its snapshots, so
 * the commit's fsync (synchronous=FULL) waits here and not on the event loop
 * that relays keystrokes; so does deriving a document's JSON, text and HTML.
 * It runs the same model functions as everything else
 * (app/models/doc-state.server.ts); one message at a time, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { closeDb, getDb } from "../../db/client.server";
import { deriveContent, saveDocumentContent, type DerivedContent } from "../models/document-content.server";
import { appendUpdates, compactDocState, trimCompactedLog } from "../models/doc-state.server";
import { logger } from "../server/logger.server";
import type { WriterOp, WriterReply, WriterResult } from "./doc-writer-protocol";

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
  const client = getDb().$client;
  if (ops.every((op) => op.kind === "derive")) return derive(ops as DeriveOp[]);
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
        if (op.kind === "derive") {
          results.push(...derive([op]));
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

type DeriveOp = Extract<WriterOp, { kind: "derive" }>;

/**
 * Derivations: rendered first (milliseconds each; here, not on the loop that
 * relays keystrokes), then saved one document per transaction. Saving fires
 * the search index's triggers, about 0.4 ms per document (6 ms for 16): one
 * transaction for all would hold the write lock that long, and every commit
 * of the writer thread, so every acknowledgement, would wait for it.
 * IMMEDIATE takes the lock before the save reads, so a commit of the writer in
 * between makes it wait (busy timeout) instead of failing.
 */
function derive(derives: DeriveOp[]): WriterResult[] {
  const client = getDb().$client;
  const save = client.transaction((documentId: number, content: DerivedContent) => saveDocumentContent(documentId, content));
  return derives.map((d) => {
    let content: DerivedContent;
    try {
      content = deriveContent(d.state);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    return attempt(() => (save.immediate(d.documentId, content), []));
  });
}

function attempt(write: () => number[]): WriterResult {
  try {
    return { ok: true, ids: write() };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

// Opening the connection now makes the first write as quick as the later ones.
const db = getDb();
// The deriver's writes are a cache of the document state (JSON, text, HTML): what a power loss
// takes from it, the start re-derives (documents whose derived content is older than their
// state). So its commits skip the fsync: they hold the write lock, which the writer thread's
// durable commits need, for microseconds instead of a millisecond (decision 009).
if (workerData?.role === "deriver") db.$client.pragma("synchronous = NORMAL");
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

parentPort!.on("message", (message: { id: number; ops: WriterOp[] } | { close: true }) => {
  if ("close" in message) {
    if (workerData?.role === "writer") while (trimDue) trimIfDue(true);
    closeDb();
    parentPort!.close();
    return;
  }
  const reply: WriterReply = { id: message.id, results: run(message.ops) };
  parentPort!.postMessage(reply);
  if (workerData?.role === "writer") trimIfDue();
});
