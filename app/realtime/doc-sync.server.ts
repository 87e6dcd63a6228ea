import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { getDocumentAccess } from "../models/document.server";
import { logger } from "../server/logger.server";
import { acquireDoc, compactIfDue, getOpenDoc, releaseDoc, scheduleDerive, type OpenDoc } from "./doc-registry.server";
import { appendUpdateDurably } from "./doc-writer.server";
import { rooms, type Ack, type ErrorCode } from "./events";
import { socketMessages } from "./messages";
import { relayToOthers } from "./doc-relay.server";
import { encodeWire } from "./wire";
import { vetAwareness } from "./doc-awareness.server";
import { refreshSocketUser, rightsEpoch } from "./rights-epoch.server";
import type { PortalSocket } from "./socket.server";

/** Documents one connection may hold open at once. */
const MAX_DOCS_PER_SOCKET = 10;

/**
 * What a socket has open: per document whether it may write, decided in which
 * rights epoch (rights-epoch.server.ts), and its awareness client ids.
 */
export type JoinedDocs = Map<number, JoinedDoc>;
type JoinedDoc = { groupId: number; readOnly: boolean; epoch: number; awarenessClients: Set<number> };

const fail = <T>(ack: Ack<T> | undefined, error: ErrorCode) => ack?.({ ok: false, error, message: socketMessages[error] });

/** Read and write rights of a user on a document, from the one permission module. */
function rightsOn(user: SessionUser, documentId: number) {
  const access = getDocumentAccess(documentId, user);
  if (!access || !can(user, "read:group", access.group)) return null;
  return { groupId: access.groupId, readOnly: !can(user, "edit:document", { group: access.group, status: access.status }) };
}

// ── Relayed at once, acknowledged when durable ─────────────────────────────
//
// An applied update goes to the other clients at the end of the turn, merged
// with the turn's others per document (doc-relay.server.ts), before it is
// stored: the sender gets no ack until its update is committed by the writer
// thread, which writes what arrives while it commits in one transaction
// (doc-writer.server.ts; decision 009). Relaying first is safe with Yjs: if
// the server dies before the commit, the sender still holds the update
// unacknowledged and sends it again, and the clients that received it bring
// it back when they sync — nothing acknowledged is ever missing.

type Pending = { entry: OpenDoc; ack: Ack<Record<string, never>> };

function storeThenAck(p: Pending, update: Uint8Array, userId: number) {
  appendUpdateDurably({ documentId: p.entry.documentId, update, userId }).then(
    (id) => stored(p, id),
    (error: Error) => {
      // Not stored, so not acknowledged: the client keeps the update and sends it again.
      logger.error({ err: error, documentId: p.entry.documentId }, "storing a document update failed");
      fail(p.ack, "storage_failed");
    },
  );
}

function stored(p: Pending, id: number) {
  const { entry } = p;
  p.ack({ ok: true, data: {} });
  // Unloaded meanwhile (shutdown): its row stays in the log after the snapshot, loaded with it next time.
  if (getOpenDoc(entry.documentId) !== entry) return;
  entry.lastUpdateId = Math.max(entry.lastUpdateId, id);
  entry.logLength += 1;
  scheduleDerive(entry);
  compactIfDue(entry);
}

// ── Per-socket handlers ─────────────────────────────────────────────────────

export function registerDocSync(socket: PortalSocket): void {
  const joined: JoinedDocs = (socket.data.docs = new Map());
  const user = socket.data.user;

  socket.on("doc:join", ({ documentId, stateVector }, ack) => {
    if (!joined.has(documentId) && joined.size >= MAX_DOCS_PER_SOCKET) return fail(ack, "too_many_documents");
    const rights = rightsOn(user, documentId);
    if (!rights) return fail(ack, "not_found");
    let diff: Uint8Array;
    const entry = acquireDoc(documentId, socket.id, user);
    try {
      diff = Y.encodeStateAsUpdate(entry.doc, stateVector);
    } catch {
      releaseDoc(entry, socket.id);
      return fail(ack, "invalid_payload");
    }
    const state = joined.get(documentId) ?? { ...rights, epoch: rightsEpoch(), awarenessClients: new Set<number>() };
    Object.assign(state, { ...rights, epoch: rightsEpoch() });
    joined.set(documentId, state);
    void socket.join(rooms.doc(documentId));
    ack?.({ ok: true, data: { update: diff, stateVector: Y.encodeStateVector(entry.doc), readOnly: rights.readOnly } });
    const present = [...entry.awareness.getStates().keys()];
    if (present.length) socket.emit("doc:awareness", { documentId, update: encodeWire(encodeAwarenessUpdate(entry.awareness, present)) });
  });

  socket.on("doc:update", ({ documentId, update: wire }, ack) => {
    // Base64 or binary on the wire; the socket middleware hands on the schema's decoded bytes.
    const update = wire as Uint8Array;
    const state = joined.get(documentId);
    const entry = getOpenDoc(documentId);
    if (!state || !entry) return fail(ack, "not_joined");
    // Rights changed somewhere since this was decided: decide again before the update counts.
    if (!decidedNow(socket, documentId, state)) return fail(ack, "not_found");
    if (state.readOnly) return fail(ack, "read_only");
    try {
      // Decoding first refuses garbage before it can touch the document.
      Y.decodeUpdate(update);
      Y.applyUpdate(entry.doc, update, socket.id);
    } catch {
      return fail(ack, "invalid_payload");
    }
    relayToOthers(entry, { update, socket });
    storeThenAck({ entry, ack }, update, user.id);
  });

  socket.on("doc:awareness", ({ documentId, update: wire }) => {
    const state = joined.get(documentId);
    const entry = getOpenDoc(documentId);
    if (!state || !entry) return;
    if (!decidedNow(socket, documentId, state)) return;
    // Decoded by the socket middleware, as above; checked and re-encoded here (doc-awareness.server.ts).
    const verdict = vetAwareness(wire as Uint8Array, { socketId: socket.id, userId: user.id, displayName: user.displayName }, entry.awarenessOwners, entry.doc.clientID);
    if (!verdict.ok) {
      const code = verdict.reason === "invalid" ? "invalid_payload" : "presence_refused";
      socket.emit("portal:error", { code, message: socketMessages[code], event: "doc:awareness" });
      return;
    }
    for (const id of verdict.claimed) takeOverAwarenessId(socket, entry, id);
    applyAwarenessUpdate(entry.awareness, verdict.update, socket.id);
    socket.to(rooms.doc(documentId)).emit("doc:awareness", { documentId, update: encodeWire(verdict.update) });
  });

  socket.on("doc:leave", ({ documentId }, ack) => {
    leaveDoc(socket, documentId);
    ack?.({ ok: true, data: {} });
  });

  socket.on("disconnect", () => {
    for (const documentId of [...joined.keys()]) leaveDoc(socket, documentId);
  });
}

/** A client id of this document now belongs to this socket (first use, or the same person's new connection). */
function takeOverAwarenessId(socket: PortalSocket, entry: OpenDoc, clientId: number) {
  const previous = entry.awarenessOwners.get(clientId);
  if (previous) socketById(socket, previous.socketId)?.data.docs?.get(entry.documentId)?.awarenessClients.delete(clientId);
  entry.awarenessOwners.set(clientId, { socketId: socket.id, userId: socket.data.user.id });
  socket.data.docs?.get(entry.documentId)?.awarenessClients.add(clientId);
}

function socketById(socket: PortalSocket, id: string): PortalSocket | undefined {
  return socket.nsp.sockets.get(id) as PortalSocket | undefined;
}

/** Leaves a document: its presence disappears for the others at once. */
export function leaveDoc(socket: PortalSocket, documentId: number): void {
  const joined: JoinedDocs | undefined = socket.data.docs;
  const state = joined?.get(documentId);
  const entry = getOpenDoc(documentId);
  joined?.delete(documentId);
  void socket.leave(rooms.doc(documentId));
  if (!state || !entry) return;
  // Ids a newer connection of the same person took over stay: their presence is that connection's now.
  const gone = [...state.awarenessClients].filter((id) => entry.awarenessOwners.get(id)?.socketId === socket.id);
  for (const id of gone) entry.awarenessOwners.delete(id);
  if (gone.length) {
    removeAwarenessStates(entry.awareness, gone, "leave");
    socket.to(rooms.doc(documentId)).emit("doc:awareness", { documentId, update: encodeWire(encodeAwarenessUpdate(entry.awareness, gone)) });
  }
  releaseDoc(entry, socket.id);
}

/**
 * Whether the socket still has this document open with rights decided in the
 * current epoch; when the epoch moved, its user is read anew from the session
 * and the rights decided again first.
 */
function decidedNow(socket: PortalSocket, documentId: number, state: JoinedDoc): boolean {
  if (state.epoch === rightsEpoch()) return true;
  if (!refreshSocketUser(socket)) return false;
  return recheckDoc(socket, documentId, state);
}

/**
 * Decides this socket's rights on an open document again (the caller has read
 * its user anew from the session): lost read access closes the document (doc:closed),
 * a changed write right is told (doc:mode). Returns whether it stays open.
 */
export function recheckDoc(socket: PortalSocket, documentId: number, state: JoinedDoc): boolean {
  const epoch = rightsEpoch();
  const rights = rightsOn(socket.data.user, documentId);
  if (!rights) {
    leaveDoc(socket, documentId);
    if (socket.connected) socket.emit("doc:closed", { documentId, reason: "no_access" });
    return false;
  }
  state.epoch = epoch;
  if (rights.readOnly !== state.readOnly) {
    state.readOnly = rights.readOnly;
    socket.emit("doc:mode", { documentId, readOnly: rights.readOnly });
  }
  return true;
}

/** Which of a socket's open documents a re-check concerns: all, one, or those of one group. */
export type DocScope = { documentId?: number; groupId?: number };

/** The socket's open documents in the scope decided again (its user already read anew); see recheckDoc. */
export function recheckSocketDocs(socket: PortalSocket, scope: DocScope = {}): void {
  const joined: JoinedDocs | undefined = socket.data.docs;
  if (!joined) return;
  for (const [documentId, state] of [...joined]) {
    if (!inScope(documentId, state, scope)) continue;
    if (!socket.connected) return;
    recheckDoc(socket, documentId, state);
  }
}

/** Whether the socket has an open document in the scope (and so a re-check to do). */
export function hasDocsIn(socket: PortalSocket, scope: DocScope): boolean {
  for (const [documentId, state] of socket.data.docs ?? []) if (inScope(documentId, state, scope)) return true;
  return false;
}

function inScope(documentId: number, state: JoinedDoc, scope: DocScope): boolean {
  return (scope.documentId === undefined || scope.documentId === documentId) && (scope.groupId === undefined || scope.groupId === state.groupId);
}
