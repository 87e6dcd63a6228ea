import { performance } from "node:perf_hooks";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { loadDocState } from "../models/doc-state.server";
import { getEnv } from "../server/env.server";
import { logger } from "../server/logger.server";
import { singleton } from "../server/singleton.server";
import type { AwarenessOwner } from "./doc-awareness.server";
import { OPEN_DOCS } from "./doc-presence.server";
import { dropRelay } from "./doc-relay.server";
import { compactDurably, deriveOffLoop } from "./doc-writer.server";

/**
 * One Y.Doc per open document, as Hocuspocus keeps them: loaded on the
 * first join, unloaded a while after the last one leaves, compacted as the
 * log grows and flushed on shutdown.
 */
export type OpenDoc = {
  documentId: number;
  doc: Y.Doc;
  awareness: Awareness;
  /** The last update row this state contains. */
  lastUpdateId: number;
  /** Updates written since the last snapshot. */
  logLength: number;
  /** When the last compaction was queued (ms, monotonic). */
  compactedAt: number;
  /** Which connection (and person) each awareness client id belongs to (doc-awareness.server.ts). */
  awarenessOwners: Map<number, AwarenessOwner>;
  /** Who has it open, by socket: for presence in the document list. */
  sockets: Map<string, { userId: number; name: string }>;
  unloadTimer?: NodeJS.Timeout;
  /** Pending derivation of document_contents (search, feeds) after changes. */
  deriveTimer?: NodeJS.Timeout;
  /** The state vector of the deriver's copy, as it last confirmed it: the next derivation sends only what is newer. */
  deriverHas?: Uint8Array;
};

/**
 * The log is folded into the snapshot once it holds this many updates, but
 * at most once per COMPACT_SPACING_MS: a compaction encodes the whole
 * document, which with hundreds typing into a long text costs more than the
 * typing itself when done every 200 updates. A log of a few thousand small
 * updates loads in milliseconds.
 */
const COMPACT_EVERY = 200;
const COMPACT_SPACING_MS = 10_000;
/**
 * And one compaction of any document at most every 50 ms: documents opened
 * and typed in together reach their threshold together, and 200 compactions
 * in one commit (each deletes its 200 log rows) stalled the writer thread,
 * and every acknowledgement behind it, for a quarter of a second. Spread
 * out, they cost nothing noticeable; a log waits a little longer.
 */
const COMPACT_GAP_MS = 50;
let nextCompactionAt = 0;

/**
 * Reserves the next free slot for a compaction or an unload (both encode a
 * whole document and give the writer a snapshot to store); returns how long
 * to wait for it. Documents left together (a session ends, a benchmark run
 * ends) come due for unloading together: 200 of them at once cost the core
 * a burst of encodings and the writer one long commit, while others type.
 */
function reserveSlot(now: number): number {
  const at = Math.max(now, nextCompactionAt);
  nextCompactionAt = at + COMPACT_GAP_MS;
  return at - now;
}

/** Derived text lags behind typing by at most this long; one timer per document, never on the ack path. */
export const DERIVE_AFTER_MS = 1_500;

// Shared through the process: doc-presence.server.ts reads it for the document list.
const open = singleton(OPEN_DOCS, () => new Map<number, OpenDoc>());

export function acquireDoc(documentId: number, socketId: string, user: { id: number; displayName: string }): OpenDoc {
  let entry = open.get(documentId);
  if (!entry) {
    const stored = loadDocState(documentId);
    const doc = new Y.Doc({ gc: true });
    Y.applyUpdate(doc, stored.state);
    const awareness = new Awareness(doc);
    // The server is not an editor: it has no presence of its own.
    awareness.setLocalState(null);
    entry = { documentId, doc, awareness, lastUpdateId: stored.lastUpdateId, logLength: stored.logLength, compactedAt: -Infinity, awarenessOwners: new Map(), sockets: new Map() };
    open.set(documentId, entry);
  }
  clearTimeout(entry.unloadTimer);
  entry.unloadTimer = undefined;
  entry.sockets.set(socketId, { userId: user.id, name: user.displayName });
  return entry;
}

export function releaseDoc(entry: OpenDoc, socketId: string): void {
  entry.sockets.delete(socketId);
  if (entry.sockets.size > 0 || entry.unloadTimer) return;
  entry.unloadTimer = setTimeout(() => {
    // In a free slot, one at a time (reserveSlot); a join meanwhile clears the timer.
    entry.unloadTimer = setTimeout(() => unload(entry), reserveSlot(performance.now()));
    entry.unloadTimer.unref();
  }, getEnv().DOC_UNLOAD_AFTER_MS);
  entry.unloadTimer.unref();
}

/**
 * Folds the log up to the last stored update into a snapshot, in the writer
 * thread after the appends before it. The snapshot may already contain
 * updates applied but not yet stored; their rows come later and are kept in
 * the log (applying them again on load changes nothing).
 */
export function compact(entry: OpenDoc): void {
  if (entry.logLength === 0) return;
  entry.compactedAt = performance.now();
  const { documentId } = entry;
  compactDurably(documentId, Y.encodeStateAsUpdate(entry.doc), entry.lastUpdateId).catch((error: Error) =>
    // The log still holds everything; compaction happens again as it grows or on the next unload.
    logger.error({ err: error, documentId }, "compaction failed"),
  );
  entry.logLength = 0;
}

/** After stored changes: compacts when the log is long enough and the last compaction a while ago. */
export function compactIfDue(entry: OpenDoc): void {
  const now = performance.now();
  if (entry.logLength < COMPACT_EVERY || now - entry.compactedAt < COMPACT_SPACING_MS || now < nextCompactionAt) return;
  reserveSlot(now);
  compact(entry);
}

/** After stored changes: derive the document's text once the typing burst is over (at most DERIVE_AFTER_MS later). */
export function scheduleDerive(entry: OpenDoc): void {
  if (entry.deriveTimer) return;
  entry.deriveTimer = setTimeout(() => deriveNow(entry), DERIVE_AFTER_MS);
  entry.deriveTimer.unref();
}

/**
 * Writes JSON, text and HTML of the open Y.Doc to document_contents and the
 * search index: rendered in the deriver thread and stored by the writer
 * thread (doc-writer.server.ts), off the loop that relays keystrokes.
 * The deriver keeps a copy of the document; the loop encodes only what the
 * copy lacks (doc-derive-cache.server.ts), or the whole state when the
 * deriver has none (`full`: the first time, and on unload, when this
 * document is gone before an answer could ask for it). Letting the thread
 * read the snapshot and log from storage instead was tried (2026-12-03) and
 * cost the core more in total: reading ~100 log rows and applying them one
 * by one took the deriver ~1.5 ms per document, and all threads share one
 * core.
 */
function deriveNow(entry: OpenDoc, full = false): void {
  clearTimeout(entry.deriveTimer);
  entry.deriveTimer = undefined;
  const { documentId, doc } = entry;
  const base = full ? undefined : entry.deriverHas;
  const vector = Y.encodeStateVector(doc);
  const state = base ? Y.encodeStateAsUpdate(doc, base) : Y.encodeStateAsUpdate(doc);
  deriveOffLoop({ documentId, base: base ? "diff" : "full", state, vector }).then(
    (outcome) => {
      if (outcome === "derived") entry.deriverHas = vector;
      if (outcome !== "needs-full") return;
      // Rare: after the thread restarted, or when nobody typed here for DERIVE_COPY_IDLE_MS while it stayed open.
      logger.info({ documentId }, "the deriver has no copy of this document to bring up to date: sending the whole state");
      entry.deriverHas = undefined;
      // At once, with everything; an unloaded document was sent whole already.
      if (getOpenDoc(documentId) === entry) deriveNow(entry, true);
    },
    // The Yjs state is stored; the derived text catches up on the next change or start.
    (error: Error) => logger.error({ err: error, documentId }, "deriving document content failed"),
  );
}

function unload(entry: OpenDoc): void {
  if (entry.sockets.size > 0) return;
  if (entry.deriveTimer) deriveNow(entry, true);
  compact(entry);
  dropRelay(entry);
  entry.awareness.destroy();
  entry.doc.destroy();
  open.delete(entry.documentId);
}

export function getOpenDoc(documentId: number): OpenDoc | undefined {
  return open.get(documentId);
}

/** On shutdown: compact every open document (queued in the writer after every append; stopDocWriter() waits for them). */
export function flushAllDocs(): void {
  for (const entry of open.values()) {
    clearTimeout(entry.unloadTimer);
    entry.sockets.clear();
    unload(entry);
  }
}
