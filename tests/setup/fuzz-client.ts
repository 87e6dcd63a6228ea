import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { decodeWire, encodeWire } from "../../app/realtime/wire";

/**
 * A co-editing client for the convergence fuzz (tests/integration/convergence-fuzz.test.ts),
 * over the portal's socket protocol (docs/realtime.md), built like
 * app/documents/collab-session.client.ts but with every timing under the
 * fuzzer's control:
 *
 * - incoming `doc:update` messages are not applied at once but go into `inbox`;
 *   the fuzzer applies them in random order and at random times (`deliver`);
 * - local changes are sent with an acknowledgement and stay in `pending` until
 *   the server acknowledged them; after a reconnect they are sent again;
 * - `disconnect()` drops the socket; `connect()` opens a new one, joins with
 *   the current state vector, applies the answer and sends what the server lacks.
 */
export const REMOTE = "remote";
const ACK_TIMEOUT_MS = 5_000;
const RETRY_MS = 250;

type Reply<T> = { ok: true; data: T } | { ok: false; error: string; message?: string };
type JoinData = { update: ArrayBuffer | Uint8Array; stateVector: ArrayBuffer | Uint8Array; readOnly: boolean };

export class FuzzClient {
  readonly doc = new Y.Doc();
  socket: Socket | null = null;
  /** Joined on the current socket: local changes are sent at once. */
  joined = false;
  /** A connect + join in progress. */
  joining: Promise<void> | null = null;
  /** Received, not yet applied remote updates. */
  inbox: Uint8Array[] = [];
  /** Sent or still to send, not yet acknowledged. */
  readonly pending = new Set<Uint8Array>();
  /** Updates sent on the current socket whose acknowledgement has not come yet. */
  inFlight = 0;
  /** Refusals other than rate_limited / storage_failed (those are retried). */
  errors: string[] = [];
  /** Counters for the report. */
  stats = { sent: 0, acked: 0, retried: 0, delivered: 0, outOfOrder: 0, joins: 0 };
  private generation = 0;
  private retryTimers = new Set<NodeJS.Timeout>();

  constructor(
    readonly name: string,
    private readonly origin: string,
    private readonly cookie: string,
    readonly documentId: number,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.pending.add(update);
      if (this.joined) this.send(update);
    });
  }

  get online() {
    return this.socket !== null;
  }

  /** Opens a new socket and joins; resolves when the join answer was applied. */
  connect(): Promise<void> {
    if (this.joining) return this.joining;
    if (this.socket) return Promise.resolve();
    const gen = ++this.generation;
    const socket = io(this.origin, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: this.origin, cookie: this.cookie },
    });
    this.socket = socket;
    socket.on("doc:update", ({ documentId, update }: { documentId: number; update: string }) => {
      if (documentId === this.documentId && this.generation === gen) this.inbox.push(decodeWire(update));
    });
    socket.on("doc:closed", ({ reason }: { reason: string }) => this.errors.push(`closed:${reason}`));
    socket.on("disconnect", () => {
      if (this.generation === gen) this.dropSocket();
    });
    this.joining = (async () => {
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        const reply = (await socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck("doc:join", { documentId: this.documentId, stateVector: Y.encodeStateVector(this.doc) })) as Reply<JoinData>;
        if (this.generation !== gen) return; // disconnected meanwhile
        if (!reply.ok) {
          this.errors.push(`join:${reply.error}`);
          return;
        }
        this.stats.joins += 1;
        Y.applyUpdate(this.doc, new Uint8Array(reply.data.update), REMOTE);
        this.joined = true;
        // What the server lacks (offline changes, unacknowledged ones), then everything unacknowledged again.
        const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(reply.data.stateVector));
        if (missing.byteLength > 2) this.pending.add(missing);
        for (const update of [...this.pending]) this.send(update);
      } catch (error) {
        if (this.generation === gen) this.errors.push(`join failed: ${(error as Error).message}`);
      } finally {
        if (this.generation === gen) this.joining = null;
      }
    })();
    return this.joining;
  }

  /** Drops the connection like a network loss; unacknowledged updates stay pending. */
  disconnect() {
    const socket = this.socket;
    this.dropSocket();
    socket?.disconnect();
  }

  private dropSocket() {
    this.generation += 1;
    this.socket = null;
    this.joined = false;
    this.joining = null;
    this.inFlight = 0;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
  }

  private send(update: Uint8Array) {
    const socket = this.socket;
    if (!socket || !this.joined || !socket.connected) return;
    const gen = this.generation;
    this.inFlight += 1;
    this.stats.sent += 1;
    socket.emit("doc:update", { documentId: this.documentId, update: encodeWire(update) }, (reply: Reply<Record<string, never>>) => {
      // An acknowledgement means "stored", whichever socket it came on.
      if (reply.ok) {
        this.stats.acked += 1;
        this.pending.delete(update);
      }
      if (this.generation !== gen) return;
      this.inFlight -= 1;
      if (reply.ok) return;
      if (reply.error === "rate_limited" || reply.error === "storage_failed") {
        // Kept pending and sent again, as the browser does.
        this.stats.retried += 1;
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          if (this.generation === gen && this.pending.has(update)) this.send(update);
        }, RETRY_MS);
        this.retryTimers.add(timer);
      } else {
        this.errors.push(`update:${reply.error}`);
      }
    });
  }

  /** Applies `count` inbox messages, each picked at random (`pick(n)` → 0..n-1). */
  deliver(count: number, pick: (n: number) => number) {
    for (let i = 0; i < count && this.inbox.length > 0; i++) {
      const [update] = this.inbox.splice(pick(this.inbox.length), 1);
      Y.applyUpdate(this.doc, update, REMOTE);
      this.stats.delivered += 1;
      // Applied before what it depends on: Yjs keeps it as pending structs until the rest arrives.
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) this.stats.outOfOrder += 1;
    }
  }

  /** Nothing left to send, to hear back about or to apply. */
  get quiet() {
    return this.joined && this.pending.size === 0 && this.inFlight === 0 && this.inbox.length === 0;
  }

  close() {
    this.disconnect();
    this.doc.destroy();
  }
}
