import { and, asc, eq, gt, lte } from "drizzle-orm";
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
  const db = getDb();
  const snapshot = db.select().from(docSnapshots).where(eq(docSnapshots.documentId, documentId)).get();
  const after = snapshot?.upToUpdateId ?? 0;
  const rows = db
    .select({ id: docUpdates.id, update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.documentId, documentId), gt(docUpdates.id, after)))
    .orderBy(asc(docUpdates.id))
    .all();
  const parts = [...(snapshot ? [new Uint8Array(snapshot.state)] : []), ...rows.map((r) => new Uint8Array(r.update))];
  return {
    state: parts.length ? Y.mergeUpdates(parts) : Y.encodeStateAsUpdate(new Y.Doc()),
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

// The hottest write of the portal (every keystroke batch): one prepared statement per
// connection instead of building the query each time (drizzle's builder cost more than
// SQLite's insert here). Same columns as docUpdates in db/schema.ts; created_at in ms.
const insertStatements = new WeakMap<Database.Database, Database.Statement<[number, Buffer, number | null, number], { id: number }>>();

function insertUpdateStatement(client: Database.Database) {
  let statement = insertStatements.get(client);
  if (!statement) {
    statement = client.prepare("INSERT INTO doc_updates (document_id, \"update\", user_id, created_at) VALUES (?, ?, ?, ?) RETURNING id");
    insertStatements.set(client, statement);
  }
  return statement;
}

/** Writes a batch of updates in one transaction; returns the id of each row, in order. */
export function appendUpdates(batch: PendingUpdate[]): number[] {
  const client = getDb().$client;
  const insert = insertUpdateStatement(client);
  const now = Date.now();
  return client.transaction(() =>
    batch.map((u) => insert.get(u.documentId, Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength), u.userId, now)!.id),
  )();
}

/**
 * Folds the log up to `upToUpdateId` into the snapshot, in one transaction:
 * a crash leaves either the old snapshot and log or the new snapshot.
 */
export function compactDocState(documentId: number, state: Uint8Array, upToUpdateId: number): void {
  const db = getDb();
  db.transaction(() => {
    db.insert(docSnapshots)
      .values({ documentId, state: Buffer.from(state), upToUpdateId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: docSnapshots.documentId, set: { state: Buffer.from(state), upToUpdateId, updatedAt: new Date() } })
      .run();
    db.delete(docUpdates).where(and(eq(docUpdates.documentId, documentId), lte(docUpdates.id, upToUpdateId))).run();
  });
}
