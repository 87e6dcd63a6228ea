import type { DerivedContent } from "../models/document-content.server";
import type { PendingUpdate } from "../models/doc-state.server";
import type { DeriveInput } from "./doc-derive-cache.server";

/** Messages between the event loop and the document threads (doc-writer.worker.ts). */
export type WriterOp =
  | { kind: "append"; update: PendingUpdate }
  | { kind: "compact"; documentId: number; state: Uint8Array; upToUpdateId: number }
  /** The deriver renders a document from its copy brought up to date (doc-derive-cache.server.ts); its result carries the content. */
  | ({ kind: "derive" } & DeriveInput)
  /** The writer stores rendered content (document_contents) and indexes it for search. */
  | { kind: "save-content"; documentId: number; content: DerivedContent };

/**
 * Per op, in order: the row id of an append (`ids[0]`), the content of a
 * derivation (or `needsFull`: the deriver's copy is missing, send the whole
 * state), nothing else.
 */
export type WriterResult = { ok: true; ids: number[]; content?: DerivedContent; needsFull?: true } | { ok: false; message: string };

/**
 * One message: `ops` run first and are answered at once (appends and
 * compactions, one commit); `later` runs after that answer and is answered
 * in a second reply (derivations, stored content), so no acknowledgement
 * waits for it.
 */
export type WriterMessage = { id: number; ops: WriterOp[]; later: WriterOp[] };

export type WriterReply = { id: number; results: WriterResult[] } | { id: number; laterResults: WriterResult[] };
