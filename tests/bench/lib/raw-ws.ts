/**
 * A minimal WebSocket client (RFC 6455) on node:net for the co-editing
 * benchmark's "lite" editors, which must receive every broadcast of their
 * document without paying for it: with 300 editors on one document that is
 * up to ~450k frames a second into one generator core. The `ws` library
 * parses every frame into its own Buffer (and for text frames validates
 * UTF-8 and builds a string) and emits an event for each; this client reads
 * only the frame headers and skips payloads in place. For each data message
 * it shows the caller the first `peekBytes` bytes of the payload (no copy
 * unless they straddle two TCP chunks); only when the caller asks for it is
 * the payload collected and handed over.
 *
 * What it does: the HTTP Upgrade handshake (key, version 13, extra headers
 * such as Origin and Cookie; the 101 answer and Sec-WebSocket-Accept are
 * checked), frames split across chunks, 16- and 64-bit lengths, fragmented
 * messages, ping → pong with the same payload, the close handshake. What it
 * does not: extensions (none are offered, so a server must not compress;
 * RSV bits set → error), wss, redirects.
 *
 * Masking: every client frame is masked, as RFC 6455 requires, with one
 * random 4-byte key chosen per connection and reused for all its frames.
 * The per-frame fresh key of the RFC protects browsers against proxies that
 * an attacker's script could confuse; a benchmark on loopback has neither,
 * and one key per connection saves a random draw per frame. Servers unmask
 * whatever key they get, so their cost is the same.
 */
import crypto from "node:crypto";
import net from "node:net";

export const OP_CONTINUATION = 0x0;
export const OP_TEXT = 0x1;
export const OP_BINARY = 0x2;
export const OP_CLOSE = 0x8;
export const OP_PING = 0x9;
export const OP_PONG = 0xa;

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const EMPTY = Buffer.alloc(0);
/** Largest header of a server frame: 2 + 8 bytes of length (server frames carry no mask). */
const MAX_HEADER = 10;
/**
 * Where every connection's reads land. One buffer for all is safe: libuv reads one socket
 * at a time and hands the bytes to `received` at once, which copies what it keeps.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export interface RawWsHandlers {
  /** How many first payload bytes `inspect` needs to see to decide about a data message. */
  peekBytes: number;
  /**
   * Called once per data message (its first frame): `buf[off … off + min(peekBytes, length) − 1]`
   * are its first payload bytes (only these may be read; `length` is the first frame's payload
   * length). Return true to get the whole message in `onMessage`; false skips it unread.
   */
  inspect(opcode: number, buf: Buffer, off: number, length: number): boolean;
  onMessage(opcode: number, payload: Buffer): void;
  /** The connection is gone (close frame, TCP end or error); `error` when it was not a clean close asked for by us. */
  onClose?(error?: Error): void;
}

export interface RawWsOptions {
  host: string;
  port: number;
  path: string;
  /** Extra request headers, e.g. Origin and Cookie. */
  headers?: Record<string, string>;
}

export class RawWebSocket {
  readonly opened: Promise<void>;
  private readonly socket: net.Socket;
  private readonly mask = crypto.randomBytes(4);
  private readonly h: RawWsHandlers;
  private handshake: Buffer | null = EMPTY; // bytes of the HTTP answer until the 101 is complete
  private closing = false; // a close frame went out (ours or our answer to the server's)
  private askedToClose = false; // close() was called
  private serverClose: string | null = null; // status the server closed with, unasked
  private closed = false;

  // Frame reader state.
  private readonly scratch: Buffer; // a frame header (+ peek bytes) that straddles two chunks
  private scratchFill = 0;
  private remaining = 0; // payload bytes of the current frame still to come
  private frameOp = 0;
  private frameFin = true;
  private body: Buffer | null = null; // payload being collected (wanted frames only)
  private bodyFill = 0;
  private msgOp = 0; // opcode of the data message in progress (for continuation frames)
  private msgWanted = false;
  private fragments: Buffer[] = [];

  constructor(options: RawWsOptions, handlers: RawWsHandlers) {
    this.h = handlers;
    this.scratch = Buffer.allocUnsafe(MAX_HEADER + Math.max(0, handlers.peekBytes));
    const key = crypto.randomBytes(16).toString("base64");
    const expectedAccept = crypto.createHash("sha1").update(key + WS_GUID).digest("base64");
    let opened!: () => void, failed!: (e: Error) => void;
    this.opened = new Promise<void>((resolve, reject) => ((opened = resolve), (failed = reject)));
    // Reads land in one buffer shared by all connections (see READ_BUFFER), without a
    // Buffer object and a stream 'data' event per read.
    this.socket = net.connect({
      host: options.host,
      port: options.port,
      onread: { buffer: READ_BUFFER, callback: (n: number) => (this.received(READ_BUFFER, n, failed, opened, expectedAccept), true) },
    });
    this.socket.setNoDelay(true); // as `ws` does: every frame goes out at once
    this.socket.once("connect", () => {
      const extra = Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      this.socket.write(
        `GET ${options.path} HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
    this.socket.on("error", (e) => this.fail(e, failed));
    this.socket.on("close", () =>
      this.fail(this.askedToClose ? undefined : new Error(`connection closed by the server${this.serverClose ? ` (${this.serverClose})` : ""}`), failed),
    );
  }

  /** Bytes buf[0 … n) arrived; buf is shared, so nothing may keep a view of it. */
  private received(buf: Buffer, n: number, failed: (e: Error) => void, opened: () => void, expectedAccept: string) {
    if (this.closed) return;
    if (this.handshake === null) return this.read(buf, 0, n);
    const all = Buffer.concat([this.handshake, buf.subarray(0, n)]); // a copy: the answer may take several reads
    const end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      if (all.length > 16384) return this.fail(new Error("handshake answer too long"), failed);
      this.handshake = all;
      return;
    }
    const head = all.toString("latin1", 0, end);
    const status = head.slice(0, head.indexOf("\r\n"));
    if (!/^HTTP\/1\.1 101 /.test(status)) return this.fail(new Error(`upgrade refused: ${status}`), failed);
    const accept = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1];
    if (accept !== expectedAccept) return this.fail(new Error("wrong Sec-WebSocket-Accept"), failed);
    if (/\r\nsec-websocket-extensions:/i.test(head)) return this.fail(new Error("server chose an extension that was not offered"), failed);
    this.handshake = null;
    opened();
    if (all.length > end + 4) this.read(all, end + 4, all.length);
  }

  sendText(text: string) {
    if (this.closing || this.closed) return;
    const len = Buffer.byteLength(text);
    const { frame, at } = this.frame(OP_TEXT, len);
    frame.write(text, at, "utf8");
    this.maskFrom(frame, at);
    this.socket.write(frame);
  }

  sendBinary(payload: Uint8Array) {
    if (this.closing || this.closed) return;
    this.sendBytes(OP_BINARY, payload);
  }

  /** Starts the close handshake (status 1000); the TCP connection ends when the server answers or after 1 s. */
  close() {
    this.askedToClose = true;
    if (this.closing || this.closed) return;
    this.closing = true;
    if (this.handshake === null) this.sendBytes(OP_CLOSE, Buffer.from([0x03, 0xe8]));
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  // ── sending ──

  private sendBytes(op: number, payload: Uint8Array) {
    const { frame, at } = this.frame(op, payload.length);
    const m = this.mask;
    for (let j = 0; j < payload.length; j++) frame[at + j] = payload[j] ^ m[j & 3];
    this.socket.write(frame);
  }

  private maskFrom(frame: Buffer, at: number) {
    const m = this.mask;
    for (let j = 0; at + j < frame.length; j++) frame[at + j] ^= m[j & 3];
  }

  /** A frame with FIN, the masked-length header and the mask key; the payload goes at `at`. */
  private frame(op: number, len: number): { frame: Buffer; at: number } {
    const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(head + 4 + len);
    frame[0] = 0x80 | op;
    if (len < 126) frame[1] = 0x80 | len;
    else if (len < 65536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(len, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
      frame.writeUInt32BE(len >>> 0, 6);
    }
    this.mask.copy(frame, head);
    return { frame, at: head + 4 };
  }

  // ── receiving ──

  private read(chunk: Buffer, start: number, n: number) {
    let i = start;
    try {
      while (i < n && !this.closed) {
        if (this.remaining > 0) {
          // Payload: skipped in place, copied only when wanted.
          const k = Math.min(this.remaining, n - i);
          if (this.body) chunk.copy(this.body, this.bodyFill, i, i + k);
          this.bodyFill += k;
          this.remaining -= k;
          i += k;
          if (this.remaining === 0) this.frameDone();
          continue;
        }
        if (this.scratchFill === 0) {
          const head = this.header(chunk, i, n);
          if (head > 0) {
            i += head;
            if (this.remaining === 0) this.frameDone();
            continue;
          }
        }
        // The header (or the bytes to peek at) continues in the next chunk: gather it byte by byte.
        this.scratch[this.scratchFill++] = chunk[i++];
        const head = this.header(this.scratch, 0, this.scratchFill);
        if (head > 0) {
          const payloadHere = this.scratchFill - head;
          this.scratchFill = 0;
          if (this.body) this.scratch.copy(this.body, 0, head, head + payloadHere);
          this.bodyFill = payloadHere;
          this.remaining -= payloadHere;
          if (this.remaining === 0) this.frameDone();
        } else if (this.scratchFill === this.scratch.length) {
          throw new Error("frame header longer than possible");
        }
      }
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /**
   * Reads a frame header at buf[off…end); returns its length, or 0 when it (or the
   * peek bytes of a data message) is not complete there. Sets up the payload state.
   */
  private header(buf: Buffer, off: number, end: number): number {
    const avail = end - off;
    if (avail < 2) return 0;
    const b0 = buf[off], b1 = buf[off + 1];
    if (b0 & 0x70) throw new Error("RSV bits set: no extension was negotiated");
    if (b1 & 0x80) throw new Error("masked frame from the server");
    const op = b0 & 0x0f;
    let len = b1 & 0x7f;
    let head = 2;
    if (len === 126) {
      if (avail < 4) return 0;
      len = buf.readUInt16BE(off + 2);
      head = 4;
    } else if (len === 127) {
      if (avail < 10) return 0;
      const hi = buf.readUInt32BE(off + 2);
      if (hi > 0x1fffff) throw new Error("frame length beyond 2^53");
      len = hi * 2 ** 32 + buf.readUInt32BE(off + 6);
      head = 10;
    }
    const starts = op === OP_TEXT || op === OP_BINARY;
    if (starts && avail < head + Math.min(this.h.peekBytes, len)) return 0;
    let want: boolean;
    if (op >= 0x8) {
      if (len > 125 || !(b0 & 0x80)) throw new Error("invalid control frame");
      want = op !== OP_PONG;
    } else if (starts) {
      if (!this.frameFin) throw new Error("new message inside a fragmented one");
      want = this.h.inspect(op, buf, off + head, len);
      this.msgOp = op;
      this.msgWanted = want;
    } else if (op === OP_CONTINUATION) {
      if (this.frameFin) throw new Error("continuation frame outside a message");
      want = this.msgWanted;
    } else {
      throw new Error(`unknown opcode ${op}`);
    }
    if (op < 0x8) this.frameFin = (b0 & 0x80) !== 0;
    this.frameOp = op;
    this.body = want ? (len ? Buffer.allocUnsafe(len) : EMPTY) : null;
    this.bodyFill = 0;
    this.remaining = len;
    return head;
  }

  private frameDone() {
    const body = this.body;
    this.body = null;
    const op = this.frameOp;
    if (op === OP_PING) {
      if (!this.closing) this.sendBytes(OP_PONG, body!);
      return;
    }
    if (op === OP_CLOSE) {
      // Answer with the same status code (if any), then end the connection.
      if (!this.closing) {
        this.serverClose = body!.length >= 2 ? `status ${body!.readUInt16BE(0)} ${body!.toString("utf8", 2)}`.trim() : "no status";
        this.closing = true;
        this.sendBytes(OP_CLOSE, body!.subarray(0, 2));
        this.socket.end();
      }
      return;
    }
    if (op === OP_PONG || !body) return;
    if (!this.frameFin) {
      this.fragments.push(body);
      return;
    }
    if (this.fragments.length) {
      this.fragments.push(body);
      const whole = Buffer.concat(this.fragments);
      this.fragments = [];
      this.h.onMessage(this.msgOp, whole);
    } else this.h.onMessage(this.msgOp, body);
  }

  private fail(error: Error | undefined, failedOpen?: (e: Error) => void) {
    if (this.closed) return;
    this.closed = true;
    if (this.handshake !== null) failedOpen?.(error ?? new Error("closed before the handshake"));
    this.socket.destroy();
    this.h.onClose?.(this.askedToClose ? undefined : error);
  }
}
