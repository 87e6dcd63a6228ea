import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { PendingUpdate } from "../models/doc-state.server";
import { logger } from "../server/logger.server";
import { docWorkerEntry, type WorkerEntry } from "./doc-writer-entry.server";
import type { DerivedContent } from "../models/document-content.server";
import type { DeriveInput } from "./doc-derive-cache.server";
import type { WriterMessage, WriterOp, WriterReply, WriterResult } from "./doc-writer-protocol";

/**
 * The event loop's side of the document threads (decision 009). Two threads
 * run the same worker code, each with its own SQLite connection:
 *
 * - the writer appends updates and compacts the log. Group commit: at most one
 *   message is with it; everything queued while it commits goes out together
 *   as the next one, so a slow fsync makes batches bigger instead of a backlog
 *   longer. Ops keep their order, so a compaction up to row N runs after the
 *   appends that wrote row N. After answering them it stores a few derived
 *   contents (`later`): it is the only thread that writes.
 * - the deriver renders JSON, text and HTML (search, the server-rendered page):
 *   the newest state per document, a few documents at a time. Rendering a long
 *   text takes long; in a thread of its own no acknowledgement waits for it,
 *   and under overload the derived text lags, typing does not.
 */

type Queued = { op: WriterOp; settle: (result: WriterResult) => void };

class DocThread {
  private worker: Worker | null = null;
  private queue: Queued[] = [];
  /** Later work waiting (derivations, derived content): per document only the newest (oldest document first). */
  private latest = new Map<number, Queued>();
  /** The message with the thread: `items` are answered first, `later` after them. */
  private inFlight: { id: number; items: Queued[]; later: Queued[] } | null = null;
  private nextId = 1;
  private idle: (() => void)[] = [];
  private pumpSoon: NodeJS.Immediate | null = null;
  private pumpLater: NodeJS.Timeout | null = null;
  private lastPostAt = -Infinity;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly minGapMs: number,
    /** How many pieces of later work go with one message. */
    private readonly laterBatch: number,
  ) {}

  /** Starts the thread and resolves once it is ready (the writer: once it has its database connection). */
  async start(): Promise<void> {
    const w = (this.worker ??= this.spawn());
    // Held while it starts: nothing else keeps the process alive before the server listens.
    w.ref();
    try {
      await this.ready;
    } finally {
      if (!this.inFlight) w.unref();
    }
  }

  submit(op: WriterOp): Promise<WriterResult> {
    return new Promise((settle) => {
      this.queue.push({ op, settle });
      this.schedulePump();
    });
  }

  /**
   * Later work on a document: a newer op replaces one still waiting (the older
   * rendering would be overwritten anyway), which settles without content.
   */
  submitLatest(documentId: number, op: WriterOp): Promise<WriterResult> {
    return new Promise((settle) => {
      this.latest.get(documentId)?.settle({ ok: true, ids: [] });
      this.latest.delete(documentId);
      this.latest.set(documentId, { op, settle });
      this.schedulePump();
    });
  }

  /** Resolves when everything queued is done (or failed). */
  drain(): Promise<void> {
    if (!this.inFlight && this.queue.length === 0 && this.latest.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Waits for what is queued, then lets the thread close its connection and end. */
  async stop(): Promise<void> {
    await this.drain();
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
    w.ref();
    w.postMessage({ close: true });
    await exited;
  }

  private spawn(): Worker {
    const w = new Worker(workerEntry().url, { name: this.name, workerData: { role: this.name } });
    this.ready = new Promise<void>((resolve, reject) => {
      w.once("message", () => resolve());
      w.once("error", reject);
      w.once("exit", (code) => reject(new Error(`document ${this.name} thread exited during start (${code})`)));
    });
    // Observed here so that a failed start is not an unhandled rejection; start() reports it.
    this.ready.catch(() => {});
    w.on("message", (reply: WriterReply | { ready: true }) => {
      if (!("id" in reply) || !this.inFlight || reply.id !== this.inFlight.id) return;
      const { items, later } = this.inFlight;
      const [settled, results] = "results" in reply ? [items, reply.results] : [later, reply.laterResults];
      settled.forEach((item, i) => item.settle(results[i] ?? { ok: false, message: "no result" }));
      // Done when the later work is answered too (or there was none).
      if ("results" in reply && later.length > 0) return;
      this.inFlight = null;
      this.schedulePump();
    });
    w.on("error", (error) => logger.error({ err: error }, `document ${this.name} thread failed`));
    w.on("exit", (code) => {
      if (this.worker === w) this.worker = null;
      // What was with the thread is not known to be stored: its senders get no ack and send again.
      const lost = this.inFlight ? [...this.inFlight.items, ...this.inFlight.later] : [];
      this.inFlight = null;
      if (lost.length) logger.error({ code, ops: lost.length }, `document ${this.name} thread exited with work in flight`);
      for (const item of lost) item.settle({ ok: false, message: `${this.name} thread exited (${code})` });
      this.pump();
    });
    w.unref();
    return w;
  }

  /**
   * Work handed over during a turn goes to the thread at the end of it, in one
   * message: waking the thread costs the loop a context switch on a busy core,
   * so the turn's relays (queued before, doc-relay.server.ts) go out first and
   * all of the turn's appends share one message and one commit.
   */
  private schedulePump(): void {
    if (this.pumpSoon || this.pumpLater || this.inFlight) return;
    const wait = this.lastPostAt + this.minGapMs - performance.now();
    if (wait > 0) {
      this.pumpLater = setTimeout(() => {
        this.pumpLater = null;
        this.pump();
      }, wait);
      return;
    }
    this.pumpSoon = setImmediate(() => {
      this.pumpSoon = null;
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight) return;
    const items = this.queue;
    this.queue = [];
    // The oldest waiting documents, a few at a time: one wakeup of the thread for all of them.
    const later: Queued[] = [];
    for (const [documentId, item] of this.latest) {
      if (later.length === this.laterBatch) break;
      this.latest.delete(documentId);
      later.push(item);
    }
    if (items.length === 0 && later.length === 0) {
      this.worker?.unref();
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
      return;
    }
    const w = (this.worker ??= this.spawn());
    // Keep the process alive while work is on its way (the thread is unref'd when idle).
    w.ref();
    this.inFlight = { id: this.nextId++, items, later };
    this.lastPostAt = performance.now();
    const message: WriterMessage = { id: this.inFlight.id, ops: items.map((item) => item.op), later: later.map((item) => item.op) };
    w.postMessage(message);
  }
}

let entry: WorkerEntry | null = null;
/** Decided once per process: both threads, and a restarted one, run the same code. */
function workerEntry(): WorkerEntry {
  if (!entry) {
    entry = docWorkerEntry();
    if (entry.bundled) logger.info("document threads start from the build's bundle");
    else logger.info({ reason: entry.reason }, "document threads start from the TypeScript sources");
  }
  return entry;
}

/**
 * A commit with synchronous=FULL costs the core about 0.2 ms (mostly the
 * kernel's fsync) whatever it holds. Starting at most one every 4 ms bounds
 * that at 5 % of a core however many type, and makes batches bigger instead:
 * an acknowledgement waits at most 4 ms longer (decision 009).
 */
const COMMIT_GAP_MS = 4;

/**
 * Derived contents stored per writer message, after its answer. A page of
 * text (1,800 characters) costs about 1 ms: 0.3–0.6 ms to store, 0.3–0.7 ms to
 * index for search (measured with a throwaway script). So the next batch of
 * appends waits at most ~2 ms, and with a message every 4–5 ms under load the
 * writer stores 400 a second; 200 documents typed in need 133.
 */
const SAVE_BATCH = 2;
const writer = new DocThread("writer", COMMIT_GAP_MS, SAVE_BATCH);
/**
 * Derived text may lag a little (it is debounced by 1.5 s anyway): the deriver
 * gets at most 20 messages a second, each with up to DERIVE_BATCH documents,
 * so that 200 documents typed in at once wake it 20 times a second, not 130.
 */
const DERIVE_GAP_MS = 50;
const DERIVE_BATCH = 16;
const deriver = new DocThread("deriver", DERIVE_GAP_MS, DERIVE_BATCH);

/**
 * Starts both threads; the server listens only after that, so the first
 * keystrokes are not kept waiting for a thread to load. A thread that dies
 * later is started again by the next piece of work.
 */
export async function startDocWriter(): Promise<void> {
  await Promise.all([writer.start(), deriver.start()]);
}

/** Appends one update to the log; resolves with its row id once committed. */
export async function appendUpdateDurably(update: PendingUpdate): Promise<number> {
  const result = await writer.submit({ kind: "append", update });
  if (!result.ok) throw new Error(result.message);
  return result.ids[0];
}

/** Folds the log up to `upToUpdateId` into the snapshot, after every append queued before it. */
export async function compactDurably(documentId: number, state: Uint8Array, upToUpdateId: number): Promise<void> {
  const result = await writer.submit({ kind: "compact", documentId, state, upToUpdateId });
  if (!result.ok) throw new Error(result.message);
}

/**
 * Derives the document's JSON, text and HTML in the deriver, from its copy
 * brought up to date with `input` (doc-derive-cache.server.ts), and stores
 * them (document_contents, search) in the writer: off the loop. Resolves
 * with what became of it: "derived" once stored, "needs-full" when the
 * deriver has no copy to bring up to date (send the whole state), "replaced"
 * when a newer state of the document took its place before it was rendered.
 */
export async function deriveOffLoop(input: DeriveInput): Promise<"derived" | "needs-full" | "replaced"> {
  const derived = await deriver.submitLatest(input.documentId, { kind: "derive", ...input });
  if (!derived.ok) throw new Error(derived.message);
  if (derived.needsFull) return "needs-full";
  if (!derived.content) return "replaced";
  await saveOffLoop(input.documentId, derived.content);
  return "derived";
}

async function saveOffLoop(documentId: number, content: DerivedContent): Promise<void> {
  const saved = await writer.submitLatest(documentId, { kind: "save-content", documentId, content });
  if (!saved.ok) throw new Error(saved.message);
}

/** Shutdown: waits for queued work (derivations first: they hand their content to the writer), then lets both threads end. */
export async function stopDocWriter(): Promise<void> {
  await deriver.stop();
  await writer.stop();
}
