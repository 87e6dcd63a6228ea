import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import {
  documents,
  documentStatusChanges,
  groups,
  users,
  type DocumentKind,
  type DocumentStatus,
} from "../../db/schema";
import { groupAccessFor } from "./group.server";
import { portalEvents } from "../server/events.server";
import { nextDocumentStatuses } from "../documents/status";

/** Documents of a group; the group id is in every where clause, deleted ones stay hidden. */
export function listDocuments(groupId: number) {
  return getDb()
    .select({
      id: documents.id,
      title: documents.title,
      kind: documents.kind,
      status: documents.status,
      updatedAt: documents.updatedAt,
      createdByName: users.displayName,
    })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(and(eq(documents.groupId, groupId), isNull(documents.deletedAt)))
    .orderBy(desc(documents.updatedAt))
    .all();
}

export function getDocument(groupId: number, documentId: number) {
  return getDb()
    .select({
      id: documents.id,
      title: documents.title,
      kind: documents.kind,
      status: documents.status,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
      createdByName: users.displayName,
    })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(and(eq(documents.id, documentId), eq(documents.groupId, groupId), isNull(documents.deletedAt)))
    .get();
}

export function createDocument(groupId: number, input: { title: string; kind: DocumentKind }, actorId: number) {
  const now = new Date();
  return getDb()
    .insert(documents)
    .values({ groupId, title: input.title, kind: input.kind, createdBy: actorId, createdAt: now, updatedAt: now })
    .returning({ id: documents.id })
    .get();
}

export function renameDocument(groupId: number, documentId: number, title: string): boolean {
  return (
    getDb()
      .update(documents)
      .set({ title, updatedAt: new Date() })
      .where(and(eq(documents.id, documentId), eq(documents.groupId, groupId), isNull(documents.deletedAt)))
      .run().changes > 0
  );
}

/** Moves a document along the workflow and records who did it; "invalid" when the step is not allowed from its current status. */
export function setDocumentStatus(groupId: number, documentId: number, to: DocumentStatus, actorId: number): "done" | "invalid" | "not_found" {
  const db = getDb();
  const outcome = db.transaction(() => {
    const doc = getDocument(groupId, documentId);
    if (!doc) return "not_found" as const;
    if (!nextDocumentStatuses(doc.status).includes(to)) return "invalid" as const;
    const now = new Date();
    db.update(documents).set({ status: to, updatedAt: now }).where(eq(documents.id, documentId)).run();
    db.insert(documentStatusChanges).values({ documentId, fromStatus: doc.status, toStatus: to, actorId, createdAt: now }).run();
    return "done" as const;
  });
  // Open editors re-check whether they may still write (e.g. read-only once decided).
  if (outcome === "done") portalEvents.emit("document:changed", { documentId, reason: "status" });
  return outcome;
}

export function listStatusChanges(documentId: number) {
  return getDb()
    .select({
      id: documentStatusChanges.id,
      fromStatus: documentStatusChanges.fromStatus,
      toStatus: documentStatusChanges.toStatus,
      actorName: users.displayName,
      createdAt: documentStatusChanges.createdAt,
    })
    .from(documentStatusChanges)
    .leftJoin(users, eq(users.id, documentStatusChanges.actorId))
    .where(eq(documentStatusChanges.documentId, documentId))
    .orderBy(asc(documentStatusChanges.createdAt), asc(documentStatusChanges.id))
    .all();
}

/** Deleting hides the document and keeps it: nothing written in the portal is lost. */
export function deleteDocument(groupId: number, documentId: number, actorId: number): boolean {
  const now = new Date();
  const deleted =
    getDb()
      .update(documents)
      .set({ deletedAt: now, deletedBy: actorId, updatedAt: now })
      .where(and(eq(documents.id, documentId), eq(documents.groupId, groupId), isNull(documents.deletedAt)))
      .run().changes > 0;
  if (deleted) portalEvents.emit("document:changed", { documentId, reason: "deleted" });
  return deleted;
}

/**
 * A document with its group's access for an actor, for the socket layer
 * (which knows only the document id). Undefined when missing or deleted.
 */
export function getDocumentAccess(documentId: number, actor: { id: number }) {
  const db = getDb();
  const row = db
    .select({ id: documents.id, groupId: documents.groupId, status: documents.status, groupStatus: groups.status, visibility: groups.visibility })
    .from(documents)
    .innerJoin(groups, eq(groups.id, documents.groupId))
    .where(and(eq(documents.id, documentId), isNull(documents.deletedAt)))
    .get();
  if (!row) return undefined;
  const group = groupAccessFor({ id: row.groupId, status: row.groupStatus, visibility: row.visibility }, actor.id);
  return { documentId: row.id, groupId: row.groupId, status: row.status, group };
}
