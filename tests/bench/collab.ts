/**
 * Co-editing benchmark: the portal's socket.io/Yjs server side by side with
 * @hocuspocus/server 4.7.0 (SQLite extension, file database, default
 * debounce), identical workload, see /work/shared/BENCHMARKING.md.
 *
 * Workload as in Etherpad's load test: every simulated editor inserts 4
 * characters at a random position every 200 ms into its document; warm-up
 * (BENCH_WARMUP_S, default 5 s), then a measured window (BENCH_DURATION_S,
 * default 20 s). "Full" editors hold their own Y.Doc, apply everything they
 * receive and measure: 3 per document in the first BENCH_FULL_DOCS
 * documents of a case (default 20), through socket.io-client (portal) or
 * `ws` (Hocuspocus), as before. All other editors are "lite": they type
 * realistic edits through one shared up-to-date Y.Doc per document (its
 * clientID switched per editor) and do not read what they receive.
 *
 * Changed 2026-12-03, so that 1 doc × 300 and 200 docs × 3 can be measured
 * validly (both saturated the generator's core for both servers):
 * - Lite editors of both servers use one raw WebSocket client on node:net
 *   (lib/raw-ws.ts) that reads only frame headers and skips payloads in
 *   place; only the protocol on top differs (portalLiteConn: engine.io /
 *   socket.io packets, decoded only for the open packet, connect, ping and
 *   acks; hpLiteConn: the message type byte after the document name). Before,
 *   lite editors used `ws`, which builds a Buffer (and for the portal's text
 *   frames a validated string) per received frame: with 300 editors that is
 *   up to ~450k frames/s. Same client, same cost class for both servers, so
 *   the comparison stays fair; what each server sends is unchanged.
 * - Multi-document cases measure in a sample of documents (BENCH_FULL_DOCS)
 *   instead of with 3 full editors in every document: 200 × 3 had 600 full
 *   clients decoding and applying everything.
 * - Lite editors pick their random position as "after a random character"
 *   found by its id (insertAtRandomPosition) instead of walking the shared
 *   copy's item list to an index; the updates are the same.
 * - Full editors apply the updates of one socket read in one transaction
 *   (see onRemote in runOnce); what they send and when is unchanged.
 * - Hocuspocus answers the client's sync step 2 with a SyncStatus, which
 *   arrived after the join and could shift every later ack of that
 *   connection by one; it is now expected (hpConn and hpLiteConn).
 * Changed 2026-12-03 evening: editors type into the document as the editor
 * holds it (the paragraph of the "inhalt" XmlFragment, as y-prosemirror
 * maps it: fragment → XmlElement "paragraph" → XmlText), not into a Y.Text
 * of the same name. Before, the portal's deriving (JSON, text, HTML, search
 * index; decision 009) read that root as a fragment and found no paragraph,
 * so every derived content came out empty and unchanged, and the writer
 * stored nothing but a timestamp: the runs before that date leave out the
 * cost of rendering, storing and indexing what is typed. The structure is
 * one update (PARAGRAPH_UPDATE), sent through the document's
 * first connection and acknowledged before anyone types; Hocuspocus gets
 * the same.
 * The per-run log line says how many full editors measured and splits the
 * generator's CPU into user and system time (system: mostly socket reads).
 * With BENCH_GENERATOR_PROF=<dir> the generator writes a CPU profile of each
 * measured window.
 *
 * Latency: an insert is identified by its Yjs item id (clientID, clock); a
 * full editor has applied it when its state vector covers the insert's last
 * clock. Measured from the send time, for every full editor but the sender.
 * Ack latency: send → ack (portal: after the SQLite commit; Hocuspocus:
 * its SyncStatus message, sent after applying in memory).
 *
 * A run is invalid when the generator used > 90 % of its core, its event
 * loop lagged (p99 > 20 ms), it sent < 95 % of the target inserts, or a
 * measured insert was not applied 2 s after the window.
 *
 * Run: `npm run bench:collab` (needs `npm run build` first for the portal).
 * Knobs: BENCH_CASES (e.g. "1x50,1x100,200x3"), BENCH_RUNS (3),
 * BENCH_DURATION_S, BENCH_WARMUP_S, BENCH_SERVERS ("portal,hocuspocus"; also
 * "socketio-floor": socket.io with nothing of the portal on top, the same
 * clients as the portal's, lib/socketio-floor-server.ts),
 * BENCH_FULL_DOCS (documents with full editors, default 20),
 * BENCH_SERVER_NODE_ARGS (extra node/V8 flags for the portal server, e.g.
 * "--import ./probe.mjs" or "--no-allocation-site-pretenuring"; for
 * experiments, the records use none). The report goes to stdout and
 * tests/bench/results/collab-*.md|json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import * as Y from "yjs";
import { hashPassword } from "../../app/auth/password.server";
import { makeTmpDir, runMain, stopAtExit } from "./lib/lifecycle";
import { CLK_TCK, cpusAllowed, machineInfo, pinSelf, procTicks } from "./lib/machine";
import { freePort } from "./lib/http-client";
import { migrateDatabase, startPortal } from "./lib/server";
import { GENERATOR_CORE, GENERATOR_CPU_LIMIT, LOOP_LAG_LIMIT_MS, repoRoot, resultsDir, SERVER_CORE } from "./lib/settings";
import { fmt, log, sleep } from "./lib/util";
import { decodeWire, encodeWire } from "../../app/realtime/wire";
import { OP_BINARY, OP_TEXT, RawWebSocket } from "./lib/raw-ws";

const WARMUP_S = numFromEnv("BENCH_WARMUP_S", 5);
const DURATION_S = numFromEnv("BENCH_DURATION_S", 20);
const RUNS = numFromEnv("BENCH_RUNS", 3);
const INTERVAL_MS = 200;
const CHARS = 4;
const FULL_PER_DOC = 3;
/** Documents with full (measuring) editors, the first ones of a case; the rest have only lite editors. */
const FULL_DOCS = process.env.BENCH_FULL_DOCS ? Number(process.env.BENCH_FULL_DOCS) : 20;
if (!Number.isInteger(FULL_DOCS) || FULL_DOCS < 1) throw new Error(`BENCH_FULL_DOCS must be a positive integer, got "${process.env.BENCH_FULL_DOCS}"`);
const SERVER_KINDS = ["portal", "hocuspocus", "socketio-floor"] as const;
type ServerKind = (typeof SERVER_KINDS)[number];
const SERVERS = (process.env.BENCH_SERVERS || "portal,hocuspocus").split(",") as ServerKind[];
for (const s of SERVERS) if (!SERVER_KINDS.includes(s)) throw new Error(`BENCH_SERVERS: unknown server "${s}" (${SERVER_KINDS.join(", ")})`);
const CASES = (process.env.BENCH_CASES || "1x50").split(",").map((c) => {
  const [docs, editors] = c.split("x").map(Number);
  return { name: c, docs, editors };
});
const SENT_MIN_SHARE = 0.95;
/** The editor's field (COLLAB_FIELD in app/documents/editor-extensions.ts). */
const TEXT = "inhalt";
/** Client id of the update that creates a document's paragraph: not a lite editor's (those are below 2^31); a full editor's random 32-bit id matches it once in 4 billion. */
const STRUCTURE_CLIENT = 2 ** 31 + 7;

/**
 * The document as the editor starts it: one empty paragraph in the field
 * (y-prosemirror: XmlFragment → XmlElement "paragraph" → XmlText). The same
 * bytes for every document, so every editor's inserts refer to the same
 * paragraph.
 */
const PARAGRAPH_UPDATE = (() => {
  const doc = new Y.Doc();
  doc.clientID = STRUCTURE_CLIENT;
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText()]);
  doc.getXmlFragment(TEXT).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
})();

/** The paragraph's text, where every editor types. */
function paragraphText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment(TEXT).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error("the document has no paragraph to type into");
  return text;
}

type CaseDef = (typeof CASES)[number];

function numFromEnv(name: string, fallback: number): number {
  const v = process.env[name];
  return v ? Number(v) : fallback;
}

// ───────────────────────── connections ─────────────────────────

/** One editor's connection; `onRemote` gets every update the server sends for its document. */
interface Conn {
  ready: Promise<void>;
  send(update: Uint8Array, onAck: () => void): void;
  close(): void;
}

function portalConn(base: string, origin: string, cookie: string, documentId: number, full: Y.Doc | null, onRemote: (u: Uint8Array) => void): Conn {
  const socket: Socket = io(base, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin, cookie } });
  socket.on("doc:update", ({ update }: { documentId: number; update: string }) => onRemote(decodeWire(update)));
  const ready = (async () => {
    if (!socket.connected) {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
    }
    const sv = full ? Y.encodeStateVector(full) : Y.encodeStateVector(new Y.Doc());
    const reply = await socket.emitWithAck("doc:join", { documentId, stateVector: sv });
    if (!reply.ok) throw new Error(`doc:join failed: ${reply.error}`);
    if (reply.data.readOnly) throw new Error("doc:join: read-only");
    if (full) Y.applyUpdate(full, new Uint8Array(reply.data.update), "remote");
  })();
  return {
    ready,
    send(update, onAck) {
      // As the browser sends it (app/documents/collab-session.client.ts): base64 text, one frame.
      socket.emitWithAck("doc:update", { documentId, update: encodeWire(update) }).then((reply: { ok: boolean; error?: string }) => {
        if (reply.ok) onAck();
        else errors.push(`portal doc:update: ${reply.error}`);
      }, (e: Error) => errors.push(`portal doc:update: ${e.message}`));
    },
    close: () => socket.disconnect(),
  };
}

// Bytes of the engine.io / socket.io packet types a lite editor looks at.
const CH = (c: string) => c.charCodeAt(0);
const EIO_OPEN = CH("0"), EIO_PING = CH("2"), EIO_MESSAGE = CH("4");
const SIO_CONNECT = CH("0"), SIO_DISCONNECT = CH("1"), SIO_ACK = CH("3"), SIO_CONNECT_ERROR = CH("4"), SIO_BINARY_ACK = CH("6");

/**
 * A lite portal editor: socket.io v4 over WebSocket spoken by hand on the raw
 * client (lib/raw-ws.ts), the server side unchanged. It reads only the first
 * two bytes of each frame and decodes just the packets it needs: the
 * engine.io open packet "0{…}" (answered with the namespace connect "40"),
 * "40…" connected / "41" / "44…" refused, ping "2" (answered "3"), and acks
 * "43<id>[…]" / "46<n>-<id>[…]". Broadcasts ("42[\"doc:update\",…]") and all
 * binary frames (the attachments that follow a "45…"/"46<n>-…" header, which
 * a lite editor never needs) are skipped unread. Joins as socket.io-client
 * sends binary data ("451-<id>[…]" + one binary frame); updates as the
 * browser sends them, base64 text in one frame ("42<id>[…]").
 */
function portalLiteConn(base: string, origin: string, cookie: string, documentId: number): Conn {
  const url = new URL(base);
  const acks = new Map<number, (ok: boolean) => void>();
  let nextId = 0;
  let joined: () => void = () => {};
  let failed: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => ((joined = resolve), (failed = reject)));
  const emitBinary = (event: string, field: string, bytes: Uint8Array, onAck: (ok: boolean) => void) => {
    const id = nextId++;
    acks.set(id, onAck);
    ws.sendText(`451-${id}["${event}",{"documentId":${documentId},"${field}":{"_placeholder":true,"num":0}}]`);
    ws.sendBinary(bytes);
  };
  const ws = new RawWebSocket(
    { host: url.hostname, port: Number(url.port), path: "/socket.io/?EIO=4&transport=websocket", headers: { Origin: origin, Cookie: cookie } },
    {
      peekBytes: 2,
      inspect(opcode, buf, off, length) {
        if (opcode !== OP_TEXT || length === 0) return false;
        const c0 = buf[off];
        if (c0 === EIO_OPEN) return true;
        if (c0 === EIO_PING) return length === 1;
        if (c0 !== EIO_MESSAGE || length < 2) return false;
        const c1 = buf[off + 1];
        return c1 === SIO_ACK || c1 === SIO_BINARY_ACK || c1 === SIO_CONNECT || c1 === SIO_DISCONNECT || c1 === SIO_CONNECT_ERROR;
      },
      onMessage(_opcode, payload) {
        const text = payload.toString("utf8");
        if (text.charCodeAt(0) === EIO_OPEN) return ws.sendText("40");
        if (text === "2") return ws.sendText("3");
        const c1 = text.charCodeAt(1);
        if (c1 === SIO_CONNECT) {
          return emitBinary("doc:join", "stateVector", Y.encodeStateVector(new Y.Doc()), (ok) => (ok ? joined() : failed(new Error("doc:join refused"))));
        }
        if (c1 === SIO_CONNECT_ERROR || c1 === SIO_DISCONNECT) {
          errors.push(`portal lite: ${text.slice(0, 200)}`);
          return failed(new Error(`portal lite: ${text.slice(0, 200)}`));
        }
        // Acks: "43<id>[…]" or, with binary data (the join's answer), "46<n>-<id>[…]".
        const m = /^4(?:3|6\d+-)(\d+)\[/.exec(text);
        if (!m) return;
        const done = acks.get(Number(m[1]));
        acks.delete(Number(m[1]));
        done?.(text.includes('"ok":true'));
      },
      onClose(error) {
        if (error) errors.push(`portal lite: ${error.message}`);
        failed(error ?? new Error("closed"));
      },
    },
  );
  ws.opened.catch(failed);
  return {
    ready,
    send(update, onAck) {
      // As the browser sends it: base64 text, one frame ("42<id>[…]").
      const id = nextId++;
      acks.set(id, (ok) => (ok ? onAck() : errors.push("portal lite doc:update refused")));
      ws.sendText(`42${id}["doc:update",{"documentId":${documentId},"update":"${encodeWire(update)}"}]`);
    },
    close: () => ws.close(),
  };
}

// Hocuspocus wire format: varString(document name), varUint(message type), payload.
const HP_SYNC = 0, HP_AUTH = 2, HP_SYNC_REPLY = 4, HP_SYNC_STATUS = 8;
/** The messages both Hocuspocus clients send, for one document name. */
function hpMessages(name: string) {
  const msg = (type: number, write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, type);
    write(e);
    return encoding.toUint8Array(e);
  };
  const sync = (sub: number, payload: Uint8Array) =>
    msg(HP_SYNC, (e) => { encoding.writeVarUint(e, sub); encoding.writeVarUint8Array(e, payload); });
  return {
    auth: () => msg(HP_AUTH, (e) => { encoding.writeVarUint(e, 0); encoding.writeVarString(e, "bench"); }),
    step1: (stateVector: Uint8Array) => sync(0, stateVector),
    step2: (update: Uint8Array) => sync(1, update),
    update: (update: Uint8Array) => sync(2, update),
  };
}
function hpConn(url: string, name: string, full: Y.Doc | null, onRemote: (u: Uint8Array) => void): Conn {
  const ws = new WebSocket(url);
  ws.binaryType = "nodebuffer";
  const acks: (() => void)[] = [];
  let synced: () => void = () => {};
  const syncedP = new Promise<void>((r) => (synced = r));
  const m = hpMessages(name);
  ws.on("message", (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type === HP_SYNC || type === HP_SYNC_REPLY) {
      const sub = decoding.readVarUint(d);
      if (sub === 0) {
        const sv = decoding.readVarUint8Array(d);
        const answer = full ? Y.encodeStateAsUpdate(full, sv) : Y.encodeStateAsUpdate(new Y.Doc());
        // Hocuspocus answers a sync step 2 with a SyncStatus too: queue a no-op for it, so that
        // the acks of the updates stay aligned with their sends.
        acks.push(() => {});
        ws.send(m.step2(answer));
      } else {
        const update = decoding.readVarUint8Array(d);
        if (sub === 1) {
          if (full) Y.applyUpdate(full, update, "remote");
          synced();
        } else onRemote(update);
      }
    } else if (type === HP_SYNC_STATUS) {
      acks.shift()?.();
    }
  });
  const ready = new Promise<void>((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () => {
      ws.send(m.auth());
      const sv = full ? Y.encodeStateVector(full) : Y.encodeStateVector(new Y.Doc());
      ws.send(m.step1(sv));
      syncedP.then(resolve);
    });
  });
  return {
    ready,
    send(update, onAck) {
      acks.push(onAck);
      ws.send(m.update(update));
    },
    close: () => ws.close(),
  };
}

/**
 * A lite Hocuspocus editor on the raw client (lib/raw-ws.ts): of every
 * binary message it reads only the type byte after the document name (and
 * the sync sub-type), never the payload. 8 = SyncStatus acknowledges the
 * oldest unacknowledged update; during the join, sync step 1 from the server
 * is answered with an empty step 2 and step 2 completes the join (as hpConn
 * does for a lite editor); updates (sync sub-type 2) and everything else are
 * skipped unread.
 */
const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());
function hpLiteConn(host: string, port: number, name: string): Conn {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, name);
  const typeAt = encoding.length(e); // the message type follows the document name
  const acks: (() => void)[] = [];
  let synced: () => void = () => {};
  let failed: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => ((synced = resolve), (failed = reject)));
  const m = hpMessages(name);
  const ws = new RawWebSocket(
    { host, port, path: "/" },
    {
      peekBytes: typeAt + 2,
      inspect(opcode, buf, off, length) {
        if (opcode !== OP_BINARY || length <= typeAt) return false;
        const type = buf[off + typeAt];
        if (type === HP_SYNC_STATUS) acks.shift()?.();
        else if ((type === HP_SYNC || type === HP_SYNC_REPLY) && length > typeAt + 1) {
          const sub = buf[off + typeAt + 1];
          if (sub === 0) {
            acks.push(() => {}); // its SyncStatus, as in hpConn
            ws.sendBinary(m.step2(EMPTY_STATE));
          }
          else if (sub === 1) synced();
        }
        return false; // decided from these bytes alone: the payload is never read
      },
      onMessage() {},
      onClose(error) {
        if (error) errors.push(`hocuspocus lite: ${error.message}`);
        failed(error ?? new Error("closed"));
      },
    },
  );
  ws.opened.then(() => {
    ws.sendBinary(m.auth());
    ws.sendBinary(m.step1(Y.encodeStateVector(new Y.Doc())));
  }, failed);
  return {
    ready,
    send(update, onAck) {
      acks.push(onAck);
      ws.sendBinary(m.update(update));
    },
    close: () => ws.close(),
  };
}

// ───────────────────────── servers ─────────────────────────

type Target = {
  kind: ServerKind;
  pid: number;
  /** A fresh document per run and per doc index: returns a connector. */
  connect(run: number, doc: number, editor: number, full: Y.Doc | null, onRemote: (u: Uint8Array) => void): Conn;
  stop(): Promise<void>;
};

const MAX_DOCS = 200;
async function startPortalTarget(tmp: string, maxEditorsPerDoc: number, docsPerRun: number, runs: number): Promise<Target> {
  const dbPath = path.join(tmp, "portal.db");
  migrateDatabase(dbPath);
  process.env.DATABASE_PATH = dbPath;
  const { createGroup } = await import("../../app/models/group.server");
  const { createDocument } = await import("../../app/models/document.server");
  const { createSession } = await import("../../app/auth/session.server");
  const { closeDb } = await import("../../db/client.server");
  const users = maxEditorsPerDoc * Math.min(docsPerRun, MAX_DOCS);
  const hash = await hashPassword("Bench-Passwort-2026");
  const db = new Database(dbPath);
  const ins = db.prepare("INSERT INTO users (id, email, display_name, organisation, role, password_hash, created_at) VALUES (?, ?, ?, NULL, 'member', ?, ?)");
  db.transaction(() => {
    for (let id = 1; id <= users; id++) ins.run(id, `editor.${id}@bench.test`, `Editor ${id}`, hash, Date.now());
  })();
  db.close();
  // Group d holds users of doc slot d; all docs of slot d in all runs belong to it.
  const docIds: number[][] = [];
  const dbm = new Database(dbPath);
  const member = dbm.prepare("INSERT OR IGNORE INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)");
  for (let d = 0; d < docsPerRun; d++) {
    const first = d * maxEditorsPerDoc + 1;
    const g = createGroup({ title: `Bench ${d}`, slug: `bench-${d}`, loge: null, description: "Benchmark-Gruppe", goals: "", visibility: "intern" }, first);
    dbm.transaction(() => {
      for (let u = first + 1; u < first + maxEditorsPerDoc; u++) member.run(g.id, u, Date.now());
    })();
    docIds.push(Array.from({ length: runs + 1 }, (_, r) => createDocument(g.id, { title: `Bench ${d}/${r}`, kind: "empfehlung" }, first).id));
  }
  dbm.close();
  const cookies: string[] = [];
  for (let id = 1; id <= users; id++) cookies[id] = `ag_session=${createSession(id, "bench-collab").token}`;
  closeDb();
  const portal = await startPortal(dbPath, { seedDemo: false, onStart: stopAtExit });
  return {
    kind: "portal",
    pid: portal.server.pid,
    connect: (run, doc, editor, full, onRemote) =>
      full
        ? portalConn(portal.base, portal.origin, cookies[doc * maxEditorsPerDoc + editor + 1], docIds[doc][run], full, onRemote)
        : portalLiteConn(portal.base, portal.origin, cookies[doc * maxEditorsPerDoc + editor + 1], docIds[doc][run]),
    stop: () => portal.server.stop(),
  };
}

/** A comparison server as a child process pinned to the server core; resolves once it prints READY. */
async function startChildServer(name: string, script: string, env: Record<string, string>) {
  const child: ChildProcess = spawn("taskset", ["-c", SERVER_CORE, process.execPath, "--import", "tsx", script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  process.once("exit", () => child.kill("SIGKILL"));
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${name} not ready: ${out}`)), 30_000);
    const on = (c: Buffer) => {
      out += c.toString();
      if (out.includes("READY")) { clearTimeout(t); resolve(); }
    };
    child.stdout!.on("data", on);
    child.stderr!.on("data", (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
    child.once("exit", (code) => reject(new Error(`${name} exited ${code}: ${out}`)));
  });
  log(`${name} pid ${child.pid} on core ${SERVER_CORE} (Cpus_allowed_list: ${cpusAllowed(child.pid!)})`);
  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

async function startHocuspocusTarget(tmp: string): Promise<Target> {
  const port = await freePort();
  const child = await startChildServer("hocuspocus", "tests/bench/lib/hocuspocus-server.ts", { HP_PORT: String(port), HP_DB: path.join(tmp, "hocuspocus.db") });
  return {
    kind: "hocuspocus",
    pid: child.pid,
    connect: (run, doc, _editor, full, onRemote) =>
      full ? hpConn(`ws://127.0.0.1:${port}`, `bench-${doc}-${run}`, full, onRemote) : hpLiteConn("127.0.0.1", port, `bench-${doc}-${run}`),
    stop: child.stop,
  };
}

/**
 * socket.io with nothing of the portal on top (lib/socketio-floor-server.ts):
 * the same clients as the portal's, so the difference to Hocuspocus is what
 * socket.io and its client cost, and the difference to the portal is what
 * the portal adds (sessions, checks, the durable commit, deriving).
 */
async function startFloorTarget(): Promise<Target> {
  const port = await freePort();
  const child = await startChildServer("socketio-floor", "tests/bench/lib/socketio-floor-server.ts", { FLOOR_PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  return {
    kind: "socketio-floor",
    pid: child.pid,
    connect: (run, doc, _editor, full, onRemote) =>
      full ? portalConn(base, base, "bench=1", run * 1000 + doc + 1, full, onRemote) : portalLiteConn(base, base, "bench=1", run * 1000 + doc + 1),
    stop: child.stop,
  };
}

// ───────────────────────── one run ─────────────────────────

/** With a space, so that the derived text has words for the search index to take apart, as typed text does. */
const INSERT = "ab c".slice(0, CHARS);

/**
 * A lite editor's insert into the shared typing copy at a uniformly random
 * position, producing the same update as `text.insert(randomIndex, …)` (an
 * item whose origin is the character before the position and whose right
 * origin is the one after it). Y.Text.insert walks the linked list of items
 * from its nearest search marker to the index; with 300 editors inserting
 * at random positions the copy holds tens of thousands of items and that
 * walk cost the generator a fifth of its core (CPU profile, 1 doc × 300).
 * Here the position is "after a random character" (or the very start),
 * found by its id in O(log n) with getItemCleanEnd (which splits the item
 * there, as the index walk does). `inserted` lists every insert of the
 * document as (clientID, first clock), each CHARS characters long; no text
 * is ever deleted in this workload, so every id is a visible character.
 */
function insertAtRandomPosition(doc: Y.Doc, text: Y.Text, inserted: number[]) {
  Y.transact(doc, (tr) => {
    const chars = (inserted.length / 2) * CHARS;
    const r = Math.floor(Math.random() * (chars + 1));
    let left: Y.Item | null = null;
    let right: Y.Item | null;
    if (r === chars) right = text._start; // position 0
    else {
      const i = Math.floor(r / CHARS) * 2;
      left = Y.getItemCleanEnd(tr, doc.store, Y.createID(inserted[i], inserted[i + 1] + (r % CHARS)));
      right = left.right;
    }
    const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID));
    new Y.Item(id, left, left && left.lastId, right, right && right.id, text, null, new Y.ContentString(INSERT)).integrate(tr, 0);
  });
}

/**
 * BENCH_GENERATOR_PROF=<dir>: a CPU profile of the generator's measured window per run
 * (<dir>/<server>-<case>-<run>.cpuprofile), to see where its core goes. Off by default.
 */
const GENERATOR_PROF_DIR = process.env.BENCH_GENERATOR_PROF ? path.resolve(process.env.BENCH_GENERATOR_PROF) : null;
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  if (!GENERATOR_PROF_DIR) return null;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post("Profiler.enable");
  await post("Profiler.start");
  return async (name) => {
    const { profile } = (await post("Profiler.stop")) as { profile: object };
    session.disconnect();
    fs.mkdirSync(GENERATOR_PROF_DIR, { recursive: true });
    fs.writeFileSync(path.join(GENERATOR_PROF_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  };
}

const errors: string[] = [];

type Pending = { end: number; t: number; measured: boolean };
type Receiver = { doc: Y.Doc; pending: Map<number, Pending[]> };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function runOnce(target: Target, c: CaseDef, run: number) {
  const latencies: number[] = [];
  const ackLat: number[] = [];
  let measuring = false;
  let sent = 0;
  let fullEditors = 0;
  const fullDocs = Math.min(c.docs, FULL_DOCS);
  const docs: { typer: Y.Doc; receivers: Receiver[]; senders: (() => void)[]; conns: Conn[] }[] = [];

  for (let d = 0; d < c.docs; d++) {
    const typer = new Y.Doc();
    const inserted: number[] = []; // (clientID, first clock) of every insert into this document so far
    const receivers: Receiver[] = [];
    const conns: Conn[] = [];
    const senders: (() => void)[] = [];
    const register = (senderDoc: Y.Doc | null, client: number, end: number, t: number) => {
      for (const r of receivers) {
        if (r.doc === senderDoc) continue;
        let q = r.pending.get(client);
        if (!q) r.pending.set(client, (q = []));
        q.push({ end, t, measured: measuring });
      }
    };
    for (let e = 0; e < c.editors; e++) {
      const full = d < fullDocs && e < FULL_PER_DOC ? new Y.Doc() : null;
      if (full) fullEditors++;
      let onRemote: (u: Uint8Array) => void = () => {};
      if (full) {
        const r: Receiver = { doc: full, pending: new Map() };
        receivers.push(r);
        // The updates that arrive in one read of the socket (its client emits them one after the
        // other, synchronously) are applied in one Yjs transaction, at the end of that read. A
        // transaction builds the document's state vector twice (a Map over all clients: 300 at
        // 1 doc × 300), and one per update cost the generator about a tenth of its core there
        // (profile); the updates' times of arrival differ by microseconds within such a batch.
        let batch: Uint8Array[] = [];
        const applyBatch = () => {
          const updates = batch;
          batch = [];
          Y.transact(full, () => { for (const u of updates) Y.applyUpdate(full, u, "remote"); }, "remote");
          const now = performance.now();
          for (const u of updates) for (const client of Y.parseUpdateMeta(u).to.keys()) {
            const q = r.pending.get(client);
            if (!q || q.length === 0) continue;
            const state = Y.getState(full.store, client);
            let i = 0;
            while (i < q.length && q[i].end <= state) {
              if (q[i].measured) latencies.push(now - q[i].t);
              i++;
            }
            if (i > 0) q.splice(0, i);
          }
        };
        onRemote = (u) => {
          if (batch.push(u) === 1) queueMicrotask(applyBatch);
        };
        // Mirror the full editor's own edits into the shared typing copy.
        full.on("update", (u: Uint8Array, origin: unknown) => {
          if (origin !== "remote") Y.applyUpdate(typer, u, "mirror");
        });
      }
      const conn = target.connect(run, d, e, full, onRemote);
      conns.push(conn);
      const liteId = full ? 0 : (Math.random() * 2 ** 31) >>> 0;
      senders.push(() => {
        const doc = full ?? typer;
        if (!full) doc.clientID = liteId;
        const text = paragraphText(doc);
        let update: Uint8Array | null = null;
        const capture = (u: Uint8Array, origin: unknown) => { if (origin !== "mirror" && origin !== "remote") update = u; };
        doc.on("update", capture);
        const before = Y.getState(doc.store, doc.clientID);
        if (full) text.insert(Math.floor(Math.random() * (text.length + 1)), INSERT);
        else insertAtRandomPosition(typer, text, inserted);
        doc.off("update", capture);
        inserted.push(doc.clientID, before);
        const t = performance.now();
        register(full, doc.clientID, before + CHARS, t);
        const m = measuring;
        if (m) sent++;
        conn.send(update!, () => { if (m) ackLat.push(performance.now() - t); });
      });
    }
    docs.push({ typer, receivers, senders, conns });
  }
  await Promise.all(docs.flatMap((d) => d.conns.map((c) => c.ready)));
  // Each document's paragraph, stored by the server before anyone types; every local copy applies it too.
  await Promise.all(docs.map((d) => new Promise<void>((resolve) => d.conns[0].send(PARAGRAPH_UPDATE, resolve))));
  for (const d of docs) {
    Y.applyUpdate(d.typer, PARAGRAPH_UPDATE, "remote");
    for (const r of d.receivers) Y.applyUpdate(r.doc, PARAGRAPH_UPDATE, "remote");
  }

  // Typing: every editor on its own 200 ms timer, phases spread.
  const timers: NodeJS.Timeout[] = [];
  for (const d of docs) for (const s of d.senders) {
    const offset = Math.random() * INTERVAL_MS;
    timers.push(setTimeout(() => { s(); timers.push(setInterval(s, INTERVAL_MS)); }, offset));
  }
  await sleep(WARMUP_S * 1000);
  const profile = await startProfile();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const g0 = procTicks(process.pid), s0 = procTicks(target.pid), t0 = performance.now(), u0 = process.cpuUsage();
  measuring = true;
  await sleep(DURATION_S * 1000);
  measuring = false;
  const secs = (performance.now() - t0) / 1000;
  const genCpu = ((procTicks(process.pid) - g0) / CLK_TCK / secs) * 100;
  // Split of the generator's CPU: JS and Yjs (user) against socket reads and writes in the kernel (system).
  const u1 = process.cpuUsage(u0);
  const genUser = u1.user / 1e4 / secs, genSys = u1.system / 1e4 / secs;
  const srvCpu = ((procTicks(target.pid) - s0) / CLK_TCK / secs) * 100;
  const rss = rssMiB(target.pid);
  loop.disable();
  await profile?.(`${target.kind}-${c.name}-${run + 1}`);
  for (const t of timers) clearInterval(t);
  await sleep(2000); // stragglers
  let lost = 0;
  for (const d of docs) for (const r of d.receivers) for (const q of r.pending.values()) lost += q.filter((p) => p.measured).length;
  for (const d of docs) for (const conn of d.conns) conn.close();

  latencies.sort((a, b) => a - b);
  ackLat.sort((a, b) => a - b);
  const expected = c.docs * c.editors * (DURATION_S * 1000 / INTERVAL_MS);
  const lagP99 = loop.percentile(99) / 1e6 - 10;
  const invalid: string[] = [];
  if (genCpu > GENERATOR_CPU_LIMIT) invalid.push(`generator CPU ${fmt(genCpu, 0)} %`);
  if (lagP99 > LOOP_LAG_LIMIT_MS) invalid.push(`generator loop lag p99 ${fmt(lagP99, 1)} ms`);
  if (sent < expected * SENT_MIN_SHARE) invalid.push(`sent ${sent} of ${expected} inserts`);
  if (lost > 0) invalid.push(`${lost} measured inserts not applied 2 s after the window`);
  const r = {
    server: target.kind, case: c.name, run: run + 1, seconds: secs, sent, expected,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), samples: latencies.length,
    ackP50: percentile(ackLat, 50), ackP95: percentile(ackLat, 95), ackP99: percentile(ackLat, 99),
    serverCpu: srvCpu, serverRssMiB: rss, generatorCpu: genCpu, generatorUserCpu: genUser, generatorSysCpu: genSys, loopLagP99: lagP99, lost, fullDocs, fullEditors,
    invalid,
  };
  log(`${r.server} ${r.case} run ${r.run}: p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} p99 ${fmt(r.p99)} ms (${r.samples} at ${fullEditors} full editors in ${fullDocs} docs), ack p95 ${fmt(r.ackP95)} ms, ` +
    `server ${fmt(srvCpu, 1)} % ${fmt(rss, 0)} MiB, generator ${fmt(genCpu, 0)} % (user ${fmt(genUser, 0)}, sys ${fmt(genSys, 0)}) lag ${fmt(lagP99, 1)} ms, sent ${sent}/${expected}` +
    (invalid.length ? ` INVALID: ${invalid.join("; ")}` : ""));
  return r;
}
type RunResult = Awaited<ReturnType<typeof runOnce>>;

// ───────────────────────── report ─────────────────────────

function stat(values: number[]) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { median: s.length ? s[Math.floor((s.length - 1) / 2)] : NaN, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, n: s.length };
}
const mm = (v: ReturnType<typeof stat>, d = 1) => (v.n ? `${fmt(v.median, d)} (${fmt(v.min, d)}–${fmt(v.max, d)})` : "not measured");

function render(results: RunResult[], startedAt: Date) {
  const m = machineInfo();
  const lines = [
    "## Co-editing side by side with Hocuspocus",
    "",
    `Run ${startedAt.toISOString()} with \`npm run bench:collab\` (tests/bench/collab.ts); ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, ` +
      `Node ${m.node}, ${m.platform}. Server pinned to core ${SERVER_CORE}, generator to core ${GENERATOR_CORE}.`,
    `Workload: every editor inserts ${CHARS} characters ("${INSERT}") at a random position into the document's one paragraph (XmlFragment → paragraph → XmlText, as the editor keeps it) every ${INTERVAL_MS} ms; ${WARMUP_S} s warm-up, ` +
      `${DURATION_S} s measured, ${RUNS} runs per server and case (fresh document each run). ${FULL_PER_DOC} full editors per document ` +
      `in the first ${FULL_DOCS} documents of a case (BENCH_FULL_DOCS) measure (their own Y.Doc, socket.io-client or \`ws\`); ` +
      "all others are lite (edits through one shared Y.Doc per document; a raw WebSocket client, the same for both servers, " +
      "reads only frame headers and the bytes that tell an ack, and skips broadcasts unread). " +
      "Latency = send → applied at each other full editor (item id covered by its state vector). " +
      "Ack = send → ack (portal: after the SQLite commit; Hocuspocus: SyncStatus, after applying in memory; saved 2–10 s later; " +
      "socketio-floor, if run: at once, from memory, nothing stored). " +
      "Hocuspocus: @hocuspocus/server 4.7.0 + @hocuspocus/extension-sqlite 4.7.0 on a file database, default debounce, raw protocol clients.",
    "",
    "Median of the valid runs (min–max):",
    "",
    "| case | server | valid runs | p50 ms | p95 ms | p99 ms | ack p95 ms | server CPU % | server RSS MiB | p95 / Hocuspocus p95 |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  const cases = [...new Set(results.map((r) => r.case))];
  for (const c of cases) {
    const hp = stat(results.filter((r) => r.case === c && r.server === "hocuspocus" && r.invalid.length === 0).map((r) => r.p95));
    for (const s of SERVERS) {
      const all = results.filter((r) => r.case === c && r.server === s);
      const rs = all.filter((r) => r.invalid.length === 0);
      const p95 = stat(rs.map((r) => r.p95));
      const ratio = s !== "hocuspocus" && p95.n && hp.n ? fmt(p95.median / hp.median, 2) : "–";
      lines.push(`| ${c.replace("x", " doc × ")} editors | ${s} | ${rs.length} of ${all.length} | ${mm(stat(rs.map((r) => r.p50)))} | ${mm(p95)} | ` +
        `${mm(stat(rs.map((r) => r.p99)))} | ${mm(stat(rs.map((r) => r.ackP95)))} | ${mm(stat(rs.map((r) => r.serverCpu)))} | ` +
        `${mm(stat(rs.map((r) => r.serverRssMiB)), 0)} | ${ratio} |`);
    }
  }
  lines.push("", "All runs:", "", "| server | case | run | full editors (docs) | p50 | p95 | p99 | samples | ack p50/p95/p99 | server CPU % | RSS MiB | generator CPU % | loop lag p99 ms | sent/target | valid |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    lines.push(`| ${r.server} | ${r.case} | ${r.run} | ${r.fullEditors} (${r.fullDocs}) | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.samples} | ${fmt(r.ackP50)}/${fmt(r.ackP95)}/${fmt(r.ackP99)} | ` +
      `${fmt(r.serverCpu, 1)} | ${fmt(r.serverRssMiB, 0)} | ${fmt(r.generatorCpu, 0)} | ${fmt(r.loopLagP99, 1)} | ${r.sent}/${r.expected} | ${r.invalid.length ? `no: ${r.invalid.join("; ")}` : "yes"} |`);
  }
  return lines;
}

async function bench() {
  pinSelf(GENERATOR_CORE);
  const startedAt = new Date();
  log(`generator pid ${process.pid} pinned to core ${GENERATOR_CORE}; cases ${CASES.map((c) => c.name).join(", ")}; servers ${SERVERS.join(", ")}`);
  const results: RunResult[] = [];
  for (const kind of SERVERS) {
    const tmp = makeTmpDir();
    const maxEditors = Math.max(...CASES.map((c) => c.editors));
    const maxDocs = Math.max(...CASES.map((c) => c.docs));
    const target =
      kind === "portal" ? await startPortalTarget(tmp, maxEditors, maxDocs, RUNS * CASES.length) : kind === "hocuspocus" ? await startHocuspocusTarget(tmp) : await startFloorTarget();
    try {
      let slot = 0;
      for (const c of CASES) {
        for (let run = 0; run < RUNS; run++) {
          await sleep(1000);
          const r = await runOnce({ ...target, connect: (_run, doc, editor, full, on) => target.connect(slot, doc, editor, full, on) }, c, run);
          slot++;
          results.push(r);
        }
      }
    } finally {
      await target.stop();
    }
  }
  if (errors.length) log(`${errors.length} errors, first: ${errors.slice(0, 3).join(" | ")}`);
  const lines = render(results, startedAt);
  process.stdout.write(lines.join("\n") + "\n");
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(resultsDir, `collab-${stamp}.json`), JSON.stringify({ startedAt, machine: machineInfo(), warmupS: WARMUP_S, durationS: DURATION_S, results, errors: errors.slice(0, 50) }, null, 2));
  fs.writeFileSync(path.join(resultsDir, `collab-${stamp}.md`), lines.join("\n") + "\n");
}

runMain((RUNS * CASES.length * SERVERS.length * (WARMUP_S + DURATION_S + 15) + 300) * 1000, bench);
