/**
 * The document writer thread (docs/decisions/009-document-writer-thread.md):
 * its own SQLite connection writes the Yjs update log and its snapshots, so
 * the commit's fsync (synchronous=FULL) waits here and not on the event loop
 * that relays keystrokes; so does deriving a document's JSON, text and HTML.
 * It runs the same model functions as everything else
 * (app/models/doc-state.server.ts); one message at a time, in order.
 */
import { parentPort } from "node:worker_threads";
import { closeDb, getDb } from "../../db/client.server";
import { deriveContent, saveDocumentContent } from "../models/document-content.server";
import { appendUpdates, compactDocState } from "../models/doc-state.server";
import type { WriterOp, WriterReply, WriterResult } from "./doc-writer-protocol";

function run(ops: WriterOp[]): WriterResult[] {
  const results: WriterResult[] = [];
  let i = 0;
  while (i < ops.length) {
    const op = ops[i];
    if (op.kind === "compact") {
      results.push(attempt(() => (compactDocState(op.documentId, op.state, op.upToUpdateId), [])));
      i++;
      continue;
    }
    if (op.kind === "derive") {
      // Rendering a long text to HTML takes milliseconds: here, not on the loop that relays keystrokes.
      results.push(attempt(() => (saveDocumentContent(op.documentId, deriveContent(op.state)), [])));
      i++;
      continue;
    }
    // Consecutive appends are one transaction: one commit (one fsync) for all of them.
    let j = i;
    while (j < ops.length && ops[j].kind === "append") j++;
    const appends = ops.slice(i, j) as Extract<WriterOp, { kind: "append" }>[];
    const outcome = attempt(() => appendUpdates(appends.map((a) => a.update)));
    appends.forEach((_, k) => results.push(outcome.ok ? { ok: true, ids: [outcome.ids[k]] } : outcome));
    i = j;
  }
  return results;
}

function attempt(write: () => number[]): WriterResult {
  try {
    return { ok: true, ids: write() };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

// Opening the connection now makes the first write as quick as the later ones.
getDb();
parentPort!.postMessage({ ready: true });

parentPort!.on("message", (message: { id: number; ops: WriterOp[] } | { close: true }) => {
  if ("close" in message) {
    closeDb();
    parentPort!.close();
    return;
  }
  const reply: WriterReply = { id: message.id, results: run(message.ops) };
  parentPort!.postMessage(reply);
});
