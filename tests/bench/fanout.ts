/**
 * Fan-out benchmark of the live group room (not a test).
 *
 * 1. Fan-out: BENCH_FANOUT_SOCKETS (500) authenticated sockets, one person
 *    each, joined to one group's room; BENCH_FANOUT_RATE (10) new posts per
 *    second through the real path, an HTTP POST of the reply form to the
 *    thread page (as a browser without JavaScript does). Latency per post:
 *    from "post accepted" (the HTTP response arrived) to "group:discussion
 *    received by all sockets" (0 when all had it before the response; the
 *    server announces the change before it answers). Also reported: from the
 *    request's start. Warm-up, then a measured window, BENCH_RUNS (3) times.
 * 2. Memory: BENCH_IDLE_SOCKETS (5,000) authenticated idle sockets on a
 *    second server start. The server's heap after a full GC is read through
 *    the V8 inspector (started with NODE_OPTIONS=--inspect on loopback for
 *    this bench only; HeapProfiler.collectGarbage + Runtime.getHeapUsage), so
 *    nothing bench-specific lives in the production code paths.
 *
 * Server pinned to core 0 (taskset, tests/bench/lib/server.ts), this
 * generator to core 1; a fresh database per start (migrated, users, one
 * group, one thread, sessions written directly). A run is invalid when the
 * generator used > 90 % of its core, its event loop lagged (p99 > 20 ms),
 * it sent < 95 % of the target posts, or a post did not reach every socket.
 *
 * Run: `npm run bench:fanout` (builds first). Knobs: BENCH_FANOUT_SOCKETS,
 * BENCH_FANOUT_RATE, BENCH_FANOUT_DURATION (20 s), BENCH_FANOUT_WARMUP (3 s),
 * BENCH_IDLE_SOCKETS, BENCH_RUNS, BENCH_FANOUT_PHASES. Report: stdout and
 * tests/bench/results/fanout-*.md|json.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { hashPassword } from "../../app/auth/password.server";
import { makeTmpDir, runMain, stopAtExit } from "./lib/lifecycle";
import { CLK_TCK, machineInfo, pinSelf, procTicks, waitForQuiet } from "./lib/machine";
import { freePort } from "./lib/http-client";
import { migrateDatabase, startPortal, type Portal } from "./lib/server";
import { GENERATOR_CORE, GENERATOR_CPU_LIMIT, intFromEnv, LOOP_LAG_LIMIT_MS, resultsDir, RUNS, SERVER_CORE } from "./lib/settings";
import { fmt, log, sleep } from "./lib/util";

const ROOM = intFromEnv("BENCH_FANOUT_SOCKETS", 500);
const RATE = intFromEnv("BENCH_FANOUT_RATE", 10);
const DURATION_S = intFromEnv("BENCH_FANOUT_DURATION", 20);
const WARMUP_S = intFromEnv("BENCH_FANOUT_WARMUP", 3);
const IDLE = intFromEnv("BENCH_IDLE_SOCKETS", 5000);
/** BENCH_FANOUT_PHASES: "fanout", "memory" or both (default). */
const PHASES = (process.env.BENCH_FANOUT_PHASES || "fanout,memory").split(",").map((p) => p.trim());
const CONNECT_BATCH = 100;
const SENT_MIN_SHARE = 0.95;

type Fixture = { dbPath: string; slug: string; groupId: number; threadId: number; cookies: string[] };

/** A fresh database: users 1..n (user 1 moderates the group, 1..ROOM+1 are members), a thread, a session each. */
async function prepare(users: number): Promise<Fixture> {
  const dbPath = path.join(makeTmpDir(), "portal.db");
  migrateDatabase(dbPath);
  process.env.DATABASE_PATH = dbPath;
  const { createGroup } = await import("../../app/models/group.server");
  const { createThread } = await import("../../app/models/thread.server");
  const { createSession } = await import("../../app/auth/session.server");
  const { closeDb } = await import("../../db/client.server");
  const hash = await hashPassword("Bench-Passwort-2026");
  const db = new Database(dbPath);
  const insert = db.prepare("INSERT INTO users (id, email, display_name, organisation, role, password_hash, created_at) VALUES (?, ?, ?, NULL, 'member', ?, ?)");
  db.transaction(() => {
    for (let id = 1; id <= users; id++) insert.run(id, `person.${id}@bench.test`, `Person ${id}`, hash, Date.now());
  })();
  const group = createGroup({ title: "Fan-out", slug: "fan-out", loge: null, description: "Benchmark-Gruppe", goals: "", visibility: "intern" }, 1);
  const member = db.prepare("INSERT OR IGNORE INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)");
  db.transaction(() => {
    for (let id = 2; id <= ROOM + 1; id++) member.run(group.id, id, Date.now());
  })();
  db.close();
  const text = "Wie gehen wir mit den Rückmeldungen der Kommunen um?";
  const json = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
  const { threadId } = createThread(group.id, 1, { title: "Rückmeldungen", body: { json, text }, documentId: null, heading: null });
  const cookies: string[] = [];
  for (let id = 1; id <= users; id++) cookies[id] = `ag_session=${createSession(id, "bench-fanout").token}`;
  closeDb();
  return { dbPath, slug: group.slug, groupId: group.id, threadId, cookies };
}

function connect(portal: Portal, cookie: string): Promise<Socket> {
  const socket = io(portal.base, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin: portal.origin, cookie } });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (e) => reject(new Error(`socket refused: ${e.message}`)));
  });
}

async function connectMany(portal: Portal, cookies: string[], onEach?: (s: Socket) => Promise<unknown>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < cookies.length; i += CONNECT_BATCH) {
    const batch = await Promise.all(cookies.slice(i, i + CONNECT_BATCH).map((c) => connect(portal, c)));
    if (onEach) await Promise.all(batch.map(onEach));
    sockets.push(...batch);
  }
  return sockets;
}

// ───────────────────────── fan-out ─────────────────────────

type Sent = { at: number; respondedAt: number; postId: number | null; status: number };

function postReply(portal: Portal, agent: http.Agent, fx: Fixture, n: number): Promise<Sent> {
  const body = new URLSearchParams({ intent: "reply", body: `Beitrag ${n}: Die Rückmeldung aus dem Landkreis ist eingearbeitet, bitte prüfen Sie Abschnitt 3.` }).toString();
  const at = performance.now();
  return new Promise((resolve) => {
    const req = http.request(`${portal.base}/gruppen/${fx.slug}/diskussion/${fx.threadId}`, {
      method: "POST",
      agent,
      headers: { host: portal.host, origin: portal.origin, cookie: fx.cookies[1], "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) },
    }, (res) => {
      res.resume();
      res.on("end", () => {
        const postId = Number(/#beitrag-(\d+)/.exec(String(res.headers.location ?? ""))?.[1]) || null;
        resolve({ at, respondedAt: performance.now(), postId, status: res.statusCode ?? 0 });
      });
    });
    req.on("error", () => resolve({ at, respondedAt: performance.now(), postId: null, status: 0 }));
    req.end(body);
  });
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function fanoutWindow(portal: Portal, fx: Fixture, sockets: Socket[], seconds: number, label: string) {
  const received = new Map<number, { count: number; first: number; last: number }>();
  const onEvent = ({ postId }: { postId?: number }) => {
    if (postId === undefined) return;
    const r = received.get(postId) ?? { count: 0, first: performance.now(), last: 0 };
    r.count += 1;
    r.last = performance.now();
    received.set(postId, r);
  };
  for (const s of sockets) s.on("group:discussion", onEvent);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const quiet = await waitForQuiet();
  loop.enable();
  const g0 = procTicks(process.pid), s0 = procTicks(portal.server.pid), t0 = performance.now();
  const target = seconds * RATE;
  const pending: Promise<Sent>[] = [];
  for (let n = 0; n < target; n++) {
    const due = t0 + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(postReply(portal, agent, fx, n));
  }
  const sent = await Promise.all(pending);
  const secs = (performance.now() - t0) / 1000;
  const generatorCpu = ((procTicks(process.pid) - g0) / CLK_TCK / secs) * 100;
  const serverCpu = ((procTicks(portal.server.pid) - s0) / CLK_TCK / secs) * 100;
  loop.disable();
  await sleep(2_000); // stragglers
  for (const s of sockets) s.off("group:discussion", onEvent);
  agent.destroy();

  const accepted = sent.filter((s) => s.status === 302 && s.postId !== null);
  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  const spread: number[] = [];
  let incomplete = 0;
  for (const s of accepted) {
    const r = received.get(s.postId!);
    if (!r || r.count < sockets.length) {
      incomplete++;
      continue;
    }
    fromResponse.push(Math.max(0, r.last - s.respondedAt));
    fromRequest.push(r.last - s.at);
    spread.push(r.last - r.first);
  }
  spread.sort((a, b) => a - b);
  fromResponse.sort((a, b) => a - b);
  fromRequest.sort((a, b) => a - b);
  const httpMs = accepted.map((s) => s.respondedAt - s.at).sort((a, b) => a - b);
  const loopLagP99 = loop.percentile(99) / 1e6;
  const invalid: string[] = [];
  if (generatorCpu > GENERATOR_CPU_LIMIT) invalid.push(`generator CPU ${fmt(generatorCpu, 0)} %`);
  if (loopLagP99 > LOOP_LAG_LIMIT_MS) invalid.push(`generator loop lag p99 ${fmt(loopLagP99, 1)} ms`);
  if (accepted.length < target * SENT_MIN_SHARE) invalid.push(`${accepted.length}/${target} posts accepted`);
  if (incomplete) invalid.push(`${incomplete} posts did not reach all ${sockets.length} sockets`);
  const result = {
    label,
    sockets: sockets.length,
    posts: accepted.length,
    target,
    p50: percentile(fromResponse, 50),
    p95: percentile(fromResponse, 95),
    p99: percentile(fromResponse, 99),
    reqP50: percentile(fromRequest, 50),
    reqP95: percentile(fromRequest, 95),
    reqP99: percentile(fromRequest, 99),
    httpP95: percentile(httpMs, 95),
    /** First socket → last socket of the room, per post: the fan-out itself as the generator sees it. */
    spreadP95: percentile(spread, 95),
    serverCpu,
    generatorCpu,
    loopLagP99,
    quiet: quiet.quiet,
    invalid,
  };
  log(`${label}: p50/p95/p99 ${fmt(result.p50)}/${fmt(result.p95)}/${fmt(result.p99)} ms after the response ` +
    `(from the request ${fmt(result.reqP50)}/${fmt(result.reqP95)}/${fmt(result.reqP99)}), server CPU ${fmt(serverCpu, 0)} %, ` +
    `spread p95 ${fmt(result.spreadP95)} ms, generator ${fmt(generatorCpu, 0)} %, lag p99 ${fmt(loopLagP99, 1)} ms${invalid.length ? `, INVALID: ${invalid.join("; ")}` : ""}`);
  return result;
}

async function fanoutBench(fx: Fixture) {
  const portal = await startPortal(fx.dbPath, { seedDemo: false, onStart: stopAtExit });
  try {
    const where = { area: "diskussion", threadId: fx.threadId };
    const sockets = await connectMany(portal, fx.cookies.slice(2, ROOM + 2), async (s) => {
      const reply = await s.emitWithAck("group:join", { groupId: fx.groupId, where });
      if (!reply.ok) throw new Error(`group:join refused: ${JSON.stringify(reply)}`);
    });
    log(`${sockets.length} sockets joined group ${fx.groupId}`);
    await sleep(1_000); // the last presence messages go out
    await fanoutWindow(portal, fx, sockets, WARMUP_S, "warm-up");
    const runs = [];
    for (let run = 1; run <= RUNS; run++) runs.push(await fanoutWindow(portal, fx, sockets, DURATION_S, `run ${run}`));
    for (const s of sockets) s.disconnect();
    return runs;
  } finally {
    await portal.server.stop();
  }
}

// ───────────────────────── memory per idle socket ─────────────────────────

/** A minimal Chrome DevTools Protocol client for the server's inspector. */
async function inspector(port: number) {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 0;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    /** Used heap after two full collections. */
    async heapAfterGc(): Promise<number> {
      await call("HeapProfiler.collectGarbage");
      await call("HeapProfiler.collectGarbage");
      return (await call<{ usedSize: number }>("Runtime.getHeapUsage")).usedSize;
    },
    close: () => ws.close(),
  };
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) * 1024;

async function memoryBench(fx: Fixture) {
  const inspectPort = await freePort();
  // Only this server start gets the inspector, on loopback; the fan-out server runs without it.
  process.env.NODE_OPTIONS = `--inspect=127.0.0.1:${inspectPort}`;
  let portal: Portal;
  try {
    portal = await startPortal(fx.dbPath, { seedDemo: false, onStart: stopAtExit });
  } finally {
    delete process.env.NODE_OPTIONS;
  }
  const cdp = await inspector(inspectPort);
  try {
    // Warm: the socket code paths load and JIT before the baseline.
    for (const s of await connectMany(portal, fx.cookies.slice(1, 101))) s.disconnect();
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      await sleep(2_000);
      const before = await cdp.heapAfterGc();
      const rssBefore = rssOf(portal.server.pid);
      const started = performance.now();
      const sockets = await connectMany(portal, fx.cookies.slice(1, IDLE + 1));
      const connectSeconds = (performance.now() - started) / 1000;
      await sleep(5_000); // idle: only socket.io's pings
      const after = await cdp.heapAfterGc();
      const rssAfter = rssOf(portal.server.pid);
      const r = { run, sockets: sockets.length, perSocketKiB: (after - before) / sockets.length / 1024, heapBeforeMiB: before / 2 ** 20, heapAfterMiB: after / 2 ** 20, rssPerSocketKiB: (rssAfter - rssBefore) / sockets.length / 1024, connectSeconds };
      log(`memory run ${run}: ${fmt(r.perSocketKiB)} KiB heap per idle socket (${fmt(r.heapBeforeMiB, 1)} → ${fmt(r.heapAfterMiB, 1)} MiB), RSS ${fmt(r.rssPerSocketKiB)} KiB/socket, connected in ${fmt(connectSeconds, 1)} s`);
      runs.push(r);
      for (const s of sockets) s.disconnect();
    }
    return runs;
  } finally {
    cdp.close();
    await portal.server.stop();
  }
}

// ───────────────────────── report ─────────────────────────

const median = (values: number[]) => {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const range = (values: number[], d = 1) => `${fmt(median(values), d)} (${fmt(Math.min(...values), d)}–${fmt(Math.max(...values), d)})`;

async function bench() {
  pinSelf(GENERATOR_CORE);
  const startedAt = new Date();
  log(`generator pid ${process.pid} on core ${GENERATOR_CORE}; ${ROOM} sockets × ${RATE} posts/s, ${IDLE} idle sockets, ${RUNS} runs`);
  const fx = await prepare(Math.max(IDLE, ROOM + 1));
  const fanout = PHASES.includes("fanout") ? await fanoutBench(fx) : [];
  const memory = PHASES.includes("memory") ? await memoryBench(fx) : [];
  const valid = fanout.filter((r) => r.invalid.length === 0);
  const m = machineInfo();
  const lines = [
    `## Live group room: fan-out and memory per socket, ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `\`npm run bench:fanout\` (tests/bench/fanout.ts); ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}, ${m.platform}. ` +
      `Server pinned to core ${SERVER_CORE}, generator to core ${GENERATOR_CORE}; fresh database.`,
    "",
    `Fan-out: ${ROOM} authenticated sockets in one group room, ${RATE} replies per second by HTTP POST of the reply form; ` +
      `${WARMUP_S} s warm-up, ${DURATION_S} s measured, ${RUNS} runs. Latency = HTTP response of the post → \`group:discussion\` received by all ${ROOM} sockets.`,
    "",
    `| | p50 ms | p95 ms | p99 ms | from request p95 ms | HTTP p95 ms | first → last socket p95 ms | server CPU % | generator CPU % | loop lag p99 ms |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    `| median of ${valid.length} valid runs (min–max) | ${range(valid.map((r) => r.p50))} | ${range(valid.map((r) => r.p95))} | ${range(valid.map((r) => r.p99))} | ` +
      `${range(valid.map((r) => r.reqP95))} | ${range(valid.map((r) => r.httpP95))} | ${range(valid.map((r) => r.spreadP95))} | ${range(valid.map((r) => r.serverCpu), 0)} | ${range(valid.map((r) => r.generatorCpu), 0)} | ${range(valid.map((r) => r.loopLagP99))} |`,
    "",
    "All runs:",
    "",
    "| run | posts | p50 | p95 | p99 | request p50/p95/p99 | spread p95 | server CPU % | generator CPU % | lag p99 | quiet before | valid |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...fanout.map((r) => `| ${r.label} | ${r.posts}/${r.target} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.reqP50)}/${fmt(r.reqP95)}/${fmt(r.reqP99)} | ${fmt(r.spreadP95)} | ` +
      `${fmt(r.serverCpu, 0)} | ${fmt(r.generatorCpu, 0)} | ${fmt(r.loopLagP99, 1)} | ${r.quiet ? "yes" : "no"} | ${r.invalid.length ? `no: ${r.invalid.join("; ")}` : "yes"} |`),
    "",
    `Memory: ${IDLE} authenticated idle sockets (connected, not in a room), server heap after a full GC via the inspector, ${RUNS} runs:`,
    "",
    "| run | heap per socket KiB | heap before → after MiB | RSS per socket KiB | connect s |",
    "|---|---|---|---|---|",
    ...memory.map((r) => `| ${r.run} | ${fmt(r.perSocketKiB)} | ${fmt(r.heapBeforeMiB, 1)} → ${fmt(r.heapAfterMiB, 1)} | ${fmt(r.rssPerSocketKiB)} | ${fmt(r.connectSeconds, 1)} |`),
    `| median | ${fmt(median(memory.map((r) => r.perSocketKiB)))} | | ${fmt(median(memory.map((r) => r.rssPerSocketKiB)))} | |`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(resultsDir, `fanout-${stamp}.json`), JSON.stringify({ startedAt, machine: m, room: ROOM, rate: RATE, idle: IDLE, fanout, memory }, null, 2));
  fs.writeFileSync(path.join(resultsDir, `fanout-${stamp}.md`), lines.join("\n") + "\n");
}

runMain((RUNS * (DURATION_S + 80) + WARMUP_S + 900) * 1000, bench);
