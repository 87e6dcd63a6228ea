/**
 * The co-editing benchmark's raw WebSocket client (tests/bench/lib/raw-ws.ts):
 * handshake, masking, lengths of 7/16/64 bits, fragments, ping/pong and the
 * close handshake against the `ws` server; and the frame reader at every split
 * of a crafted byte stream, since frames and even headers straddle TCP reads.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { OP_BINARY, OP_TEXT, RawWebSocket, type RawWsHandlers } from "../bench/lib/raw-ws";

let wss: WebSocketServer;
let port: number;
const serverSide: WebSocket[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((r) => wss.once("listening", r));
  port = (wss.address() as AddressInfo).port;
  wss.on("connection", (s, req) => {
    (s as WebSocket & { cookie?: string }).cookie = req.headers.cookie;
    serverSide.push(s);
    s.on("message", (data, isBinary) => s.send(data as Buffer, { binary: isBinary }));
  });
});
afterAll(() => new Promise<void>((r) => wss.close(() => r())));

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

function connect(handlers: Partial<RawWsHandlers> & { onMessage: RawWsHandlers["onMessage"] }, headers?: Record<string, string>) {
  return new RawWebSocket({ host: "127.0.0.1", port, path: "/", headers }, { peekBytes: 3, inspect: () => true, ...handlers });
}

describe("RawWebSocket against the ws server", () => {
  it("echoes payloads of every length class, answers pings, reassembles fragments and closes cleanly", async () => {
    const got: { op: number; payload: Buffer }[] = [];
    let closeError: Error | undefined | "open" = "open";
    const client = connect({ onMessage: (op, payload) => got.push({ op, payload }), onClose: (e) => (closeError = e) }, { Cookie: "a=b" });
    await client.opened;
    const server = serverSide[serverSide.length - 1];
    expect((server as WebSocket & { cookie?: string }).cookie).toBe("a=b");

    const sizes = [0, 1, 125, 126, 65535, 65536, 200_000];
    const sent = sizes.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + n) & 255)));
    for (const b of sent) client.sendBinary(b);
    client.sendText("Grüße");
    await waitFor(() => got.length === sizes.length + 1);
    sent.forEach((b, i) => {
      expect(got[i].op).toBe(OP_BINARY);
      expect(got[i].payload.equals(b)).toBe(true);
    });
    expect(got[sizes.length]).toMatchObject({ op: OP_TEXT });
    expect(got[sizes.length].payload.toString()).toBe("Grüße");

    let pong: string | null = null;
    server.on("pong", (d) => (pong = d.toString()));
    server.ping(Buffer.from("pp"));
    server.send(Buffer.from("frag1-"), { binary: true, fin: false });
    server.send(Buffer.from("frag2"), { binary: true, fin: true });
    await waitFor(() => pong === "pp" && got.length === sizes.length + 2);
    expect(got[sizes.length + 1].payload.toString()).toBe("frag1-frag2");

    let code = 0;
    server.on("close", (c) => (code = c));
    client.close();
    await waitFor(() => code === 1000 && closeError !== "open");
    expect(closeError).toBeUndefined();
  });

  it("reports a close by the server as an error", async () => {
    let closeError: Error | undefined | "open" = "open";
    const client = connect({ onMessage: () => {}, onClose: (e) => (closeError = e) });
    await client.opened;
    serverSide[serverSide.length - 1].close(4000, "weg");
    await waitFor(() => closeError !== "open");
    expect(String(closeError)).toContain("4000 weg");
  });
});

describe("RawWebSocket frame reader", () => {
  const frame = (op: number, payload: Buffer, fin = true) => {
    const n = payload.length;
    const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
    const f = Buffer.alloc(head + n);
    f[0] = (fin ? 0x80 : 0) | op;
    if (n < 126) f[1] = n;
    else if (n < 65536) (f[1] = 126), f.writeUInt16BE(n, 2);
    else (f[1] = 127), f.writeUInt32BE(0, 2), f.writeUInt32BE(n, 6);
    payload.copy(f, head);
    return f;
  };
  const texts = ['42["doc:update",{}]', "43[1]", "2", "", "46x" + "y".repeat(300), "4", "43" + "z".repeat(70_000)];
  const stream = Buffer.concat([
    ...texts.map((t) => frame(OP_TEXT, Buffer.from(t))),
    frame(OP_BINARY, Buffer.from([1, 2, 3, 4])),
    frame(OP_BINARY, Buffer.from("ab"), false),
    frame(0x9, Buffer.from("P")), // a ping between two fragments
    frame(0x0, Buffer.from("cd"), false),
    frame(0x0, Buffer.from("ef")),
  ]);
  const wanted = (peek: string, length: number) => peek === "43" || peek === "46" || (peek === "2" && length === 1);

  it("peeks at the first bytes, delivers only what is wanted, at every split of the stream", async () => {
    const splits: [number, number][] = [];
    for (let s = 0; s <= stream.length; s += s < 400 ? 1 : 997) splits.push([s, Math.min(stream.length, s + 3)], [s, Math.min(stream.length, s + 200)]);
    for (const [a, b] of splits) {
      const got: string[] = [];
      const peeks: string[] = [];
      const client = new RawWebSocket(
        { host: "127.0.0.1", port, path: "/" },
        {
          peekBytes: 2,
          inspect(op, buf, off, length) {
            const peek = buf.toString("latin1", off, off + Math.min(2, length));
            peeks.push(peek);
            return op === OP_BINARY || wanted(peek, length);
          },
          onMessage: (_op, payload) => got.push(payload.toString("latin1")),
        },
      );
      await client.opened;
      const sentControl: string[] = [];
      const internals = client as unknown as { sendBytes(op: number, p: Buffer): void; read(buf: Buffer, start: number, end: number): void };
      internals.sendBytes = (op, p) => sentControl.push(`${op}:${p.toString()}`);
      internals.read(stream, 0, a);
      internals.read(Buffer.from(stream.subarray(a, b)), 0, b - a);
      internals.read(stream, b, stream.length);
      expect(got, `split at ${a}/${b}`).toEqual([...texts.filter((t) => wanted(t.slice(0, 2), t.length)), "\x01\x02\x03\x04", "abcdef"]);
      expect(peeks).toEqual([...texts.map((t) => t.slice(0, 2)), "\x01\x02", "ab"]);
      expect(sentControl).toEqual(["10:P"]);
      client.close();
    }
  });
});
