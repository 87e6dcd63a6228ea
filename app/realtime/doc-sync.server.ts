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
import type { PortalServer, PortalSocket } from "./socket.server";

/** Documents one connection may hold open at once. */
const MAX_DOCS_PER_SOCKET = 10;

/** What a socket has open: per document whether it may write, and its awareness client ids. */
export type JoinedDocs = Map<number, { readOnly: boolean; awarenessClients: Set<number> }>;

const fail = <T>(ack: Ack<T> | undefined, error: ErrorCode) => ack?.({ ok: false, error, message: socketMessages[error] });

/** Read and write rights of a user on a document, from the one permission module. */
function rightsOn(user: SessionUser, documentId: number) {
  const access = getDocumentAccess(documentId, user);
  if (!access || !can(user, "read:group", access.group)) return null;
  return { readOnly: !can(user, "edit:document", { group: access.group, status: access.status }) };
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
    if (!joined.has(documentId)) joined.set(documentId, { readOnly: rights.readOnly, awarenessClients: new Set() });
    else joined.get(documentId)!.readOnly = rights.readOnly;
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
    const update = wire as Uint8Array; // decoded by the socket middleware, as above
    const state = joined.get(documentId);
    const entry = getOpenDoc(documentId);
    if (!state || !entry) return;
    try {
      const before = new Set(entry.awareness.getStates().keys());
      applyAwarenessUpdate(entry.awareness, update, socket.id);
      for (const id of entry.awareness.getStates().keys()) if (!before.has(id)) state.awarenessClients.add(id);
    } catch {
      socket.emit("portal:error", { code: "invalid_payload", message: socketMessages.invalid_payload, event: "doc:awareness" });
      return;
    }
    socket.to(rooms.doc(documentId)).emit("doc:awareness", { documentId, update: encodeWire(update) });
  });

  socket.on("doc:leave", ({ documentId }, ack) => {
    leaveDoc(socket, documentId);
    ack?.({ ok: true, data: {} });
  });

  socket.on("disconnect", () => {
    for (const documentId of [...joined.keys()]) leaveDoc(socket, documentId);
  });
}

/** Leaves a document: its presence disappears for the others at once. */
export function leaveDoc(socket: PortalSocket, documentId: number): void {
  const joined: JoinedDocs | undefined = socket.data.docs;
  const state = joined?.get(documentId);
  const entry = getOpenDoc(documentId);
  joined?.delete(documentId);
  void socket.leave(rooms.doc(documentId));
  if (!state || !entry) return;
  const gone = [...state.awarenessClients];
  if (gone.length) {
    removeAwarenessStates(entry.awareness, gone, "leave");
    socket.to(rooms.doc(documentId)).emit("doc:awareness", { documentId, update: encodeWire(encodeAwarenessUpdate(entry.awareness, gone)) });
  }
  releaseDoc(entry, socket.id);
}

/** Rights changed: every open document of these sockets is checked again; lost read access closes it. */
export async function recheckDocs(io: PortalServer, room: string, onlyDocumentId?: number): Promise<void> {
  const sockets = await io.in(room).fetchSockets();
  for (const remote of sockets) {
    const socket = io.sockets.sockets.get(remote.id);
    const joined: JoinedDocs | undefined = socket?.data.docs;
    if (!socket || !joined) continue;
    for (const [documentId, state] of [...joined]) {
      if (onlyDocumentId !== undefined && documentId !== onlyDocumentId) continue;
      const rights = rightsOn(socket.data.user, documentId);
      if (!rights) {
        leaveDoc(socket, documentId);
        socket.emit("doc:closed", { documentId, reason: "no_access" });
      } else if (rights.readOnly !== state.readOnly) {
        state.readOnly = rights.readOnly;
        socket.emit("doc:mode", { documentId, readOnly: rights.readOnly });
      }
    }
  }
}
