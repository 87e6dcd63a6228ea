import type { PendingUpdate } from "../models/doc-state.server";

/** Messages between the event loop and the document writer thread (doc-writer.worker.ts). */
export type WriterOp =
  | { kind: "append"; update: PendingUpdate }
  | { kind: "compact"; documentId: number; state: Uint8Array; upToUpdateId: number }
  | { kind: "derive"; documentId: number; state: Uint8Array };

/** Per op, in order: the row id of an append (`ids[0]`), nothing for a compaction or derivation. */
export type WriterResult = { ok: true; ids: number[] } | { ok: false; message: string };

export type WriterReply = { id: number; results: WriterResult[] };
