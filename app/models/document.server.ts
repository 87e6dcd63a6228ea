import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import {
  documents,
  documentStatusChanges,
  documentVersions,
  groups,
  users,
  type DocumentKind,
  type DocumentStatus,
} from "../../db/schema";
import { groupAccessFor } from "./group.server";
import { portalEvents } from "../server/events.server";
import { nextDocumentStatuses } from "../documents/status";
import { renderCurrentState } from "../documents/render-html.server";
import { notify } from "./notification.server";
import { recordActivity } from "./activity.server";

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
  const created = getDb()
    .insert(documents)
    .values({ groupId, title: input.title, kind: input.kind, createdBy: actorId, createdAt: now, updatedAt: now })
    .returning({ id: documents.id })
    .get();
  recordActivity({ groupId, actorId, kind: "document_created", subjectId: created.id, title: input.title, detail: input.kind, link: `dokumente/${created.id}`, at: now });
  notify({ kind: "new_document", groupId, actorId, documentId: created.id });
  return created;
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

/**
 * Moves a document along the workflow and records who did it, when and why;
 * "invalid" when the step is not allowed from its current status. Moving to
 * "beschlossen" keeps the adopted text in the same transaction: the full
 * current Yjs state (including updates accepted but not yet written) with its
 * HTML and plain text, so the adopted version stays as it was adopted even if
 * the document is reopened later.
 */
export function setDocumentStatus(
  groupId: number,
  documentId: number,
  to: DocumentStatus,
  actorId: number,
  comment: string,
): "done" | "invalid" | "not_found" {
  const db = getDb();
  const outcome = db.transaction(() => {
    const doc = getDocument(groupId, documentId);
    if (!doc) return "not_found" as const;
    if (!nextDocumentStatuses(doc.status).includes(to)) return "invalid" as const;
    const now = new Date();
    db.update(documents).set({ status: to, updatedAt: now }).where(eq(documents.id, documentId)).run();
    const change = db
      .insert(documentStatusChanges)
      .values({ documentId, fromStatus: doc.status, toStatus: to, actorId, comment, createdAt: now })
      .returning({ id: documentStatusChanges.id })
      .get();
    if (to === "beschlossen") {
      const adopted = renderCurrentState(documentId);
      db.insert(documentVersions)
        .values({ documentId, statusChangeId: change.id, state: Buffer.from(adopted.state), html: adopted.html, text: adopted.text, createdAt: now })
        .run();
    }
    recordActivity({ groupId, actorId, kind: "document_status", subjectId: documentId, title: doc.title, detail: to, link: `dokumente/${documentId}`, at: now });
    return "done" as const;
  });
  if (outcome === "done") {
    // Open editors re-check whether they may still write (e.g. read-only once decided).
    portalEvents.emit("document:changed", { documentId, reason: "status" });
    notify({ kind: "document_status", groupId, actorId, documentId, toStatus: to });
  }
  return outcome;
}

export function listStatusChanges(documentId: number) {
  return getDb()
    .select({
      id: documentStatusChanges.id,
      fromStatus: documentStatusChanges.fromStatus,
      toStatus: documentStatusChanges.toStatus,
      actorName: users.displayName,
      comment: documentStatusChanges.comment,
      createdAt: documentStatusChanges.createdAt,
    })
    .from(documentStatusChanges)
    .leftJoin(users, eq(users.id, documentStatusChanges.actorId))
    .where(eq(documentStatusChanges.documentId, documentId))
    .orderBy(asc(documentStatusChanges.createdAt), asc(documentStatusChanges.id))
    .all();
}

/** The most recently adopted version of a document (its text when it was last decided), if it was ever decided. */
export function getAdoptedVersion(documentId: number) {
  return getDb()
    .select({ id: documentVersions.id, html: documentVersions.html, text: documentVersions.text, createdAt: documentVersions.createdAt })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.createdAt), desc(documentVersions.id))
    .limit(1)
    .get();
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
