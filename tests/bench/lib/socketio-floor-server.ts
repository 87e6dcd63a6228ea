/**
 * A second reference server for tests/bench/collab.ts, not a part of the
 * portal: the least a socket.io server must do for the portal's document
 * protocol (docs/realtime.md), so that a run shows how much of the portal's
 * latency socket.io itself costs. It speaks the same events as the portal
 * (`doc:join` with a state vector, `doc:update` as base64 text with an ack,
 * relayed to the room as the same text), keeps one Y.Doc per document and
 * applies every update to it, as Hocuspocus does. What it leaves out is
 * everything the portal adds on top: sessions, permissions, rate limits,
 * schema checks, the durable commit before the ack (it acks at once, from
 * memory, like Hocuspocus), deriving, presence. Same socket.io options as
 * the portal (app/realtime/socket.server.ts). Started by collab.ts as a
 * child pinned to the server core; prints READY when listening.
 * Env: FLOOR_PORT.
 */
import http from "node:http";
import { Server } from "socket.io";
import * as Y from "yjs";
import { decodeWire } from "../../../app/realtime/wire";

type Ack = (reply: unknown) => void;

const docs = new Map<number, Y.Doc>();
const docFor = (documentId: number) => {
  let doc = docs.get(documentId);
  if (!doc) docs.set(documentId, (doc = new Y.Doc()));
  return doc;
};

const httpServer = http.createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 1_000_000, serveClient: false, pingInterval: 10_000, pingTimeout: 5_000 });

io.on("connection", (socket) => {
  socket.on("doc:join", ({ documentId, stateVector }: { documentId: number; stateVector: Uint8Array }, ack: Ack) => {
    const doc = docFor(documentId);
    void socket.join(`doc:${documentId}`);
    ack({ ok: true, data: { update: Y.encodeStateAsUpdate(doc, new Uint8Array(stateVector)), stateVector: Y.encodeStateVector(doc), readOnly: false } });
  });
  socket.on("doc:update", ({ documentId, update }: { documentId: number; update: string }, ack: Ack) => {
    const doc = docs.get(documentId);
    if (!doc) return ack({ ok: false, error: "not_joined" });
    Y.applyUpdate(doc, decodeWire(update), socket.id);
    socket.to(`doc:${documentId}`).emit("doc:update", { documentId, update });
    ack({ ok: true, data: {} });
  });
});

httpServer.listen(Number(process.env.FLOOR_PORT), "127.0.0.1", () => process.stdout.write("READY\n"));
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    io.close();
    process.exit(0);
  });
}
