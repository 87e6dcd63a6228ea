import { Worker } from "node:worker_threads";
import type { PendingUpdate } from "../models/doc-state.server";
import { logger } from "../server/logger.server";
import type { WriterOp, WriterReply, WriterResult } from "./doc-writer-protocol";

/**
 * The event loop's side of the document writer thread (decision 009).
 *
 * Group commit: at most one message is with the thread; everything queued
 * while it commits goes out together as the next one, so a slow fsync makes
 * batches bigger instead of a backlog longer. Ops keep their order, so a
 * compaction up to row N runs after the appends that wrote row N.
 */

type Queued = { op: WriterOp; settle: (result: WriterResult) => void };

let worker: Worker | null = null;
let queue: Queued[] = [];
let inFlight: { id: number; items: Queued[] } | null = null;
let nextId = 1;
let idle: (() => void)[] = [];
let ready: Promise<void> | null = null;

function startWorker(): Worker {
  const w = new Worker(new URL("./doc-writer.thread.mjs", import.meta.url));
  ready = new Promise<void>((resolve, reject) => {
    w.once("message", () => resolve());
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`document writer thread exited during start (${code})`)));
  });
  // Observed here so that a failed start is not an unhandled rejection; startDocWriter() reports it.
  ready.catch(() => {});
  w.on("message", (reply: WriterReply | { ready: true }) => {
    if (!("id" in reply) || !inFlight || reply.id !== inFlight.id) return;
    const { items } = inFlight;
    inFlight = null;
    items.forEach((item, i) => item.settle(reply.results[i] ?? { ok: false, message: "no result" }));
    pump();
  });
  w.on("error", (error) => logger.error({ err: error }, "document writer thread failed"));
  w.on("exit", (code) => {
    if (worker === w) worker = null;
    // What was with the thread is not known to be stored: its senders get no ack and send again.
    const lost = inFlight?.items ?? [];
    inFlight = null;
    if (lost.length) logger.error({ code, ops: lost.length }, "document writer thread exited with writes in flight");
    for (const item of lost) item.settle({ ok: false, message: `writer exited (${code})` });
    pump();
  });
  w.unref();
  return w;
}

function pump(): void {
  if (inFlight) return;
  if (queue.length === 0) {
    worker?.unref();
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
    return;
  }
  worker ??= startWorker();
  // Keep the process alive while writes are on their way (the thread is unref'd when idle).
  worker.ref();
  inFlight = { id: nextId++, items: queue };
  queue = [];
  worker.postMessage({ id: inFlight.id, ops: inFlight.items.map((item) => item.op) });
}

function submit(op: WriterOp): Promise<WriterResult> {
  return new Promise((settle) => {
    queue.push({ op, settle });
    pump();
  });
}

/**
 * Starts the thread and resolves once it has its database connection: the
 * server listens only after that, so the first keystrokes are not kept
 * waiting for the thread to load. A thread that dies later is started again
 * by the next write.
 */
export async function startDocWriter(): Promise<void> {
  const w = (worker ??= startWorker());
  // Held while it starts: nothing else keeps the process alive before the server listens.
  w.ref();
  try {
    await ready;
  } finally {
    if (!inFlight) w.unref();
  }
}

/** Appends one update to the log; resolves with its row id once committed. */
export async function appendUpdateDurably(update: PendingUpdate): Promise<number> {
  const result = await submit({ kind: "append", update });
  if (!result.ok) throw new Error(result.message);
  return result.ids[0];
}

/** Folds the log up to `upToUpdateId` into the snapshot, after every append queued before it. */
export async function compactDurably(documentId: number, state: Uint8Array, upToUpdateId: number): Promise<void> {
  const result = await submit({ kind: "compact", documentId, state, upToUpdateId });
  if (!result.ok) throw new Error(result.message);
}

/** Resolves when every queued write is committed (or failed). */
export function drainDocWriter(): Promise<void> {
  if (!inFlight && queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => idle.push(resolve));
}

/** Shutdown: waits for queued writes, then lets the thread close its connection and end. */
export async function stopDocWriter(): Promise<void> {
  await drainDocWriter();
  const w = worker;
  if (!w) return;
  worker = null;
  const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
  w.ref();
  w.postMessage({ close: true });
  await exited;
}
