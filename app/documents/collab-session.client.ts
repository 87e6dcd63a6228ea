import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import type { ClientSocket } from "~/realtime/socket-context";
import { decodeWire, encodeWire } from "~/realtime/wire";
import { COLLAB_FIELD } from "./editor-extensions";
import { applyRemoteUpdate } from "./remote-update";

/**
 * One open document in the browser, over the portal's socket protocol
 * (docs/realtime.md), like tests/setup/yjs-client.ts: join with the state
 * vector, apply the answer, send what the server lacks, send every local
 * change with an acknowledgement and apply remote ones with origin "remote".
 *
 * Updates stay in `pending` until the server has acknowledged them (it does
 * so only after they are stored); after a reconnect they are sent again,
 * Yjs makes duplicates harmless. One session per mounted editor: create it on
 * mount, `destroy()` it on unmount.
 *
 * With `localCopy` (people who may write), the document is also kept in the
 * browser's IndexedDB (y-indexeddb), one database per document and person so
 * a shared computer does not mix people: what was typed offline survives a
 * reload and is sent at the next join. Keeping it after the server has
 * acknowledged everything loses nothing either (Yjs merges duplicates).
 */
export type SessionStatus = "connecting" | "synced" | "offline" | "closed" | "failed";
export type SessionState = {
  status: SessionStatus;
  readOnly: boolean;
  pending: number;
  error: string | null;
  /** The local copy (IndexedDB) is loaded and holds text: it can be shown before the server answers. */
  restored: boolean;
};
export type CollabUser = { name: string; color: string };

const REMOTE = "remote";
const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 2_000;

/** The IndexedDB database of one document for one person. */
export function localCopyName(documentId: number, userId: number) {
  return `ag-portal-dokument-${documentId}-person-${userId}`;
}

export class CollabSession {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private pending: Uint8Array[] = [];
  private joined = false;
  private destroyed = false;
  private joining = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();
  private current: SessionState = { status: "connecting", readOnly: true, pending: 0, error: null, restored: false };
  private localCopy: IndexeddbPersistence | null = null;

  constructor(
    private readonly socket: ClientSocket,
    readonly documentId: number,
    user: CollabUser,
    options: { localCopy?: string } = {},
  ) {
    this.awareness.setLocalStateField("user", user);
    this.doc.on("update", this.onLocalUpdate);
    if (options.localCopy) this.openLocalCopy(options.localCopy);
    this.awareness.on("update", this.onAwarenessChange);
    socket.on("connect", this.onConnect);
    socket.on("disconnect", this.onDisconnect);
    socket.on("connect_error", this.onConnectError);
    socket.on("doc:update", this.onRemoteUpdate);
    socket.on("doc:awareness", this.onRemoteAwareness);
    socket.on("doc:mode", this.onMode);
    socket.on("doc:closed", this.onClosed);
    if (socket.connected) void this.join();
  }

  // --- state for React (useSyncExternalStore) ---

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.current;

  private set(patch: Partial<SessionState>) {
    this.current = { ...this.current, ...patch, pending: this.pending.length };
    for (const l of this.listeners) l();
  }

  // --- joining ---

  private onConnect = () => void this.join();

  /** No connection at all (yet): say so instead of "connecting" forever. */
  private onConnectError = () => {
    if (this.current.status === "connecting") this.set({ status: "offline" });
  };

  // --- the local copy in the browser ---

  private openLocalCopy(name: string) {
    try {
      this.localCopy = new IndexeddbPersistence(name, this.doc);
    } catch {
      // No IndexedDB (private mode in some browsers): the session works without a local copy.
      return;
    }
    this.localCopy.on("synced", () => {
      if (this.destroyed) return;
      this.set({ restored: this.doc.getXmlFragment(COLLAB_FIELD).length > 0 });
    });
  }

  /** The server will never take these changes (no access, read-only): do not keep them for later. */
  private dropLocalCopy() {
    const copy = this.localCopy;
    this.localCopy = null;
    void copy?.clearData().catch(() => {});
  }
  private onDisconnect = () => {
    this.joined = false;
    if (this.current.status !== "closed") this.set({ status: "offline" });
  };

  private async join() {
    if (this.destroyed || this.joining || this.current.status === "closed") return;
    this.joining = true;
    try {
      const reply = await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("doc:join", { documentId: this.documentId, stateVector: Y.encodeStateVector(this.doc) });
      if (this.destroyed) return;
      if (!reply.ok) {
        // not_found: no (longer) read access; the page's data will say so.
        this.set({ status: reply.error === "not_found" ? "closed" : "failed", error: reply.message });
        if (reply.error === "not_found") this.dropLocalCopy();
        if (reply.error === "rate_limited" || reply.error === "too_many_documents") this.scheduleRetry();
        return;
      }
      applyRemoteUpdate(this.doc, new Uint8Array(reply.data.update), REMOTE);
      this.joined = true;
      this.set({ status: "synced", readOnly: reply.data.readOnly, error: null });
      // What the server lacks: changes made offline, and unacknowledged ones (sent again; harmless).
      const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(reply.data.stateVector));
      if (missing.byteLength > 2 && !reply.data.readOnly) this.queue(missing);
      for (const update of [...this.pending]) void this.send(update);
      // Tell the others who is here (and make them answer with their own state). A new clock:
      // after a reconnect the server and the others have removed our state at the old one and
      // would ignore it (y-protocols applies a state only with a higher clock).
      const local = this.awareness.getLocalState();
      if (local) this.awareness.setLocalState(local);
      else this.sendAwareness([this.doc.clientID]);
    } catch {
      // No answer in time: the connection is probably gone; try again.
      this.scheduleRetry();
    } finally {
      this.joining = false;
    }
  }

  private scheduleRetry() {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.socket.connected) void this.join();
    }, RETRY_MS);
  }

  // --- document updates ---

  private onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    // Loaded from the local copy before joining: the join sends whatever of it the server lacks.
    if (origin === this.localCopy && origin !== null && !this.joined) return;
    this.queue(update);
    if (this.joined) void this.send(update);
  };

  private queue(update: Uint8Array) {
    this.pending.push(update);
    this.set({});
  }

  private async send(update: Uint8Array) {
    if (!this.joined || !this.socket.connected) return;
    try {
      const reply = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("doc:update", { documentId: this.documentId, update: encodeWire(update) });
      if (reply.ok) {
        this.pending = this.pending.filter((u) => u !== update);
        this.set({});
      } else if (reply.error === "read_only") {
        // The server will not take it; the mode event (or this answer) makes the editor read-only.
        this.pending = this.pending.filter((u) => u !== update);
        this.dropLocalCopy();
        this.set({ readOnly: true, error: reply.message });
      } else if (reply.error === "not_joined") {
        this.joined = false;
        void this.join();
      } else {
        // storage_failed, rate_limited: kept in `pending`, sent again.
        this.set({ error: reply.message });
        setTimeout(() => void this.send(update), RETRY_MS);
      }
    } catch {
      // Timeout: stays pending; sent again after the next join.
    }
  }

  private onRemoteUpdate = ({ documentId, update }: { documentId: number; update: string }) => {
    if (documentId !== this.documentId || this.destroyed) return;
    applyRemoteUpdate(this.doc, decodeWire(update), REMOTE);
  };

  // --- awareness (who is here, carets) ---

  private onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === REMOTE) return;
    this.sendAwareness([...added, ...updated, ...removed]);
  };

  private sendAwareness(clients: number[]) {
    if (!this.joined || !this.socket.connected || clients.length === 0) return;
    this.socket.emit("doc:awareness", { documentId: this.documentId, update: encodeWire(encodeAwarenessUpdate(this.awareness, clients)) });
  }

  private onRemoteAwareness = ({ documentId, update }: { documentId: number; update: string }) => {
    if (documentId !== this.documentId || this.destroyed) return;
    const before = new Set(this.awareness.getStates().keys());
    applyAwarenessUpdate(this.awareness, decodeWire(update), REMOTE);
    // Someone new: send our own state so they see us at once, not only at the next renewal.
    const newcomer = [...this.awareness.getStates().keys()].some((id) => !before.has(id));
    if (newcomer) this.sendAwareness([this.doc.clientID]);
  };

  // --- rights ---

  private onMode = ({ documentId, readOnly }: { documentId: number; readOnly: boolean }) => {
    if (documentId === this.documentId) this.set({ readOnly });
  };

  private onClosed = ({ documentId }: { documentId: number; reason: string }) => {
    if (documentId !== this.documentId) return;
    this.joined = false;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, REMOTE);
    this.dropLocalCopy();
    this.set({ status: "closed", readOnly: true });
  };

  setUser(user: CollabUser) {
    this.awareness.setLocalStateField("user", user);
  }

  destroy() {
    if (this.destroyed) return;
    // Remove our caret for the others before leaving.
    removeAwarenessStates(this.awareness, [this.doc.clientID], "local");
    this.destroyed = true;
    clearTimeout(this.retry);
    if (this.joined && this.socket.connected) this.socket.emit("doc:leave", { documentId: this.documentId });
    this.joined = false;
    this.socket.off("connect", this.onConnect);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off("connect_error", this.onConnectError);
    this.socket.off("doc:update", this.onRemoteUpdate);
    this.socket.off("doc:awareness", this.onRemoteAwareness);
    this.socket.off("doc:mode", this.onMode);
    this.socket.off("doc:closed", this.onClosed);
    this.doc.off("update", this.onLocalUpdate);
    // Closing only: the copy stays for the next visit (written on every update already).
    void this.localCopy?.destroy();
    this.awareness.off("update", this.onAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
