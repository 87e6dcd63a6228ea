import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { documentContents, documents, docSnapshots, docUpdates } from "../../db/schema";
import type { JSONContent } from "@tiptap/core";
import type * as Y from "yjs";
import { docToJson, partsToJson, renderJson } from "../documents/render-html.server";
import { logger } from "../server/logger.server";
import { loadDocParts } from "./doc-state.server";

/**
 * The derived forms of a document's text (ProseMirror JSON, plain text, HTML)
 * in document_contents: what search (its triggers index `text`), feeds and
 * reports read instead of decoding Yjs state each time. Written by the
 * realtime layer a moment after changes and when a document unloads
 * (app/realtime/doc-registry.server.ts), and for every document at seed time.
 */

export type DerivedContent = { json: string; text: string; html: string };

/** JSON, text and HTML of a Yjs state; an empty document gives empty strings. */
export function deriveContent(state: Uint8Array): DerivedContent {
  return deriveContentFromParts([state]);
}

/** The same from several updates (a snapshot and the log after it), decoded once. */
export function deriveContentFromParts(parts: Uint8Array[]): DerivedContent {
  return contentOfJson(partsToJson(parts));
}

/** The same from a Y.Doc held in memory (the deriver's copies, doc-derive-cache.server.ts). */
export function deriveContentFromDoc(doc: Y.Doc): DerivedContent {
  return contentOfJson(docToJson(doc));
}

function contentOfJson(json: JSONContent | null): DerivedContent {
  const rendered = renderJson(json);
  return { json: JSON.stringify(json ?? { type: "doc", content: [] }), text: rendered?.text ?? "", html: rendered?.html ?? "" };
}

/** Stores the derived content unless it is unchanged (an unchanged row would re-index for nothing). */
export function saveDocumentContent(documentId: number, content: DerivedContent, at = new Date()): void {
  const db = getDb();
  const current = db.select({ json: documentContents.json }).from(documentContents).where(eq(documentContents.documentId, documentId)).get();
  if (current?.json === content.json) {
    db.update(documentContents).set({ updatedAt: at }).where(eq(documentContents.documentId, documentId)).run();
    return;
  }
  db.insert(documentContents)
    .values({ documentId, ...content, updatedAt: at })
    .onConflictDoUpdate({ target: documentContents.documentId, set: { ...content, updatedAt: at } })
    .run();
}

/** Derives and stores a document's content from its stored state. */
export function deriveStoredDocument(documentId: number): void {
  saveDocumentContent(documentId, deriveContentFromParts(loadDocParts(documentId).parts));
}

export function getDocumentContent(documentId: number) {
  return getDb().select().from(documentContents).where(eq(documentContents.documentId, documentId)).get();
}

/**
 * Documents whose derived content is missing or older than their stored
 * state (the last update or snapshot written after it): seeds and a start
 * after a crash catch up with these.
 */
export function listStaleDocumentIds(): number[] {
  const db = getDb();
  const lastUpdate = sql<number | null>`max(
    coalesce((select max(${docUpdates.createdAt}) from ${docUpdates} where ${docUpdates.documentId} = ${documents.id}), 0),
    coalesce((select ${docSnapshots.updatedAt} from ${docSnapshots} where ${docSnapshots.documentId} = ${documents.id}), 0))`;
  return db
    .select({ id: documents.id })
    .from(documents)
    .leftJoin(documentContents, eq(documentContents.documentId, documents.id))
    .where(and(isNull(documents.deletedAt), or(isNull(documentContents.documentId), lt(documentContents.updatedAt, lastUpdate))))
    .all()
    .map((r) => r.id);
}

/** Brings every stale document's derived content up to date; returns how many were derived. */
export function deriveStaleDocuments(): number {
  const ids = listStaleDocumentIds();
  let derived = 0;
  for (const id of ids) {
    try {
      deriveStoredDocument(id);
      derived++;
    } catch (error) {
      // One document that cannot be derived must not stop the start; its Yjs state is kept as it is.
      logger.error({ err: error, documentId: id }, "deriving document content failed");
    }
  }
  return derived;
}
