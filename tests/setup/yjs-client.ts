import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { decodeWire, encodeWire } from "../../app/realtime/wire";

/**
 * A minimal co-editing client over the portal's socket protocol
 * (docs/realtime.md): join with a state vector, apply the answer, send what
 * the server lacks, send every local change and apply remote ones. Updates
 * go out as base64 text like the browser's (app/realtime/wire.ts); `binary`
 * sends one as bytes, as tabs opened before that change still do.
 */
export class DocClient {
  readonly doc = new Y.Doc();
  readonly socket: Socket;
  readOnly = false;
  acks = 0;
  errors: string[] = [];
  modes: boolean[] = [];
  closed: string[] = [];

  constructor(origin: string, cookie: string, readonly documentId: number) {
    this.socket = io(origin, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin, cookie } });
    this.socket.on("doc:update", ({ documentId, update }: { documentId: number; update: string }) => {
      if (documentId === this.documentId) Y.applyUpdate(this.doc, decodeWire(update), "remote");
    });
    this.socket.on("doc:mode", ({ readOnly }: { readOnly: boolean }) => {
      this.readOnly = readOnly;
      this.modes.push(readOnly);
    });
    this.socket.on("doc:closed", ({ reason }: { reason: string }) => this.closed.push(reason));
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "remote") void this.send(update);
    });
  }

  async connected() {
    if (this.socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", reject);
    });
  }

  async join(): Promise<{ ok: boolean; error?: string }> {
    await this.connected();
    const reply = await this.socket.emitWithAck("doc:join", { documentId: this.documentId, stateVector: Y.encodeStateVector(this.doc) });
    if (!reply.ok) return reply;
    this.readOnly = reply.data.readOnly;
    Y.applyUpdate(this.doc, new Uint8Array(reply.data.update), "remote");
    const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(reply.data.stateVector));
    if (missing.byteLength > 2) await this.send(missing);
    return { ok: true };
  }

  async send(update: Uint8Array, { binary = false } = {}) {
    const reply = await this.socket.emitWithAck("doc:update", { documentId: this.documentId, update: binary ? update : encodeWire(update) });
    if (reply.ok) this.acks += 1;
    else this.errors.push(reply.error);
    return reply;
  }

  get text() {
    return this.doc.getText("inhalt").toString();
  }

  close() {
    this.socket.disconnect();
    this.doc.destroy();
  }
}

export async function until(check: () => boolean, ms = 2000, label = "condition") {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
