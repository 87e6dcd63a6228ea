/**
 * HTTP benchmark: the signed-in home page `GET /` against a static file
 * (`GET /favicon.svg`, express.static) from the same process, so the ratio
 * shows what rendering costs. Run with `npm run bench` (builds first).
 *
 * Method (see /work/shared/BENCHMARKING.md and docs/benchmarks.md):
 * - The real server (`node --import tsx server.ts`, NODE_ENV=production,
 *   LOG_LEVEL=warn, fresh temp database with the demo data) runs as a child
 *   process pinned to core 0 with `taskset -c 0`.
 * - This process (the load generator, autocannon's programmatic API in the
 *   main thread, no workers) pins itself to core 1 at start with
 *   `taskset -a -p -c 1 <own pid>` (all threads; threads started later
 *   inherit the mask). The `tsx` wrapper process that started us is idle and
 *   is not pinned.
 * - Session cookie from a real login (POST /anmelden); the home page is
 *   checked to be the signed-in one ("Willkommen") before and after each run.
 * - 2 s warm-up per case, then 3 runs per case, alternating home/static,
 *   50 connections, 10 s each. Per run: p50/p95/p99 latency, req/s,
 *   errors/non-2xx, server CPU (from /proc/<pid>/stat) and generator CPU
 *   (process.cpuUsage()). A run is invalid when it saw errors, timeouts or
 *   non-2xx answers, when a home response was too small to be the signed-in
 *   page, when the generator used more than 90 % of its core, when its
 *   event loop lagged more than 20 ms (p99: it could not time responses), or
 *   when other processes used more than 20 % of either core (from
 *   /proc/stat: core busy minus our own process on it; the machine is shared).
 * - Latency percentiles are computed exactly from every 2xx response time
 *   autocannon reports (its "response" event, ms as float). autocannon 8's
 *   own histogram has no p95 (it offers p50, p90, p97_5, p99 in whole ms);
 *   those figures are kept in the JSON as a cross-check.
 *
 * Knobs (environment): BENCH_LOG_LEVEL (server LOG_LEVEL, default warn),
 * BENCH_CPU_PROF=<dir> (start the server with --cpu-prof into <dir>),
 * BENCH_DURATION (seconds per run, default 10), BENCH_WARMUP (seconds of
 * warm-up per case, default 2), BENCH_RUNS (default 3),
 * BENCH_CONNECTIONS (default 50), BENCH_CASES
 * (comma-separated subset of "home,static", e.g. "home" for a profile),
 * BENCH_ACCEPT_ENCODING (send this Accept-Encoding, e.g. "gzip, deflate, br"
 * as browsers do; default none, so the responses are not compressed).
 *
 * The load is a closed loop: each connection sends its next request as soon
 * as the last one is answered, so the server runs saturated and latency is
 * mostly queueing (mean latency ≈ connections / throughput). autocannon's
 * rate limit is not offered as a knob: it sends each connection's quota in a
 * burst at the start of every second, which is not an even arrival rate.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import url from "node:url";
import autocannon from "autocannon";

const repoRoot = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../..");
const resultsDir = path.join(repoRoot, "tests/bench/results");

const CONNECTIONS = intFromEnv("BENCH_CONNECTIONS", 50);
const DURATION_S = intFromEnv("BENCH_DURATION", 10);
const RUNS = intFromEnv("BENCH_RUNS", 3);
const WARMUP_S = intFromEnv("BENCH_WARMUP", 2);
const PAUSE_MS = 1_000;
const SERVER_LOG_LEVEL = process.env.BENCH_LOG_LEVEL || "warn";
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING || null;
const GENERATOR_CPU_LIMIT = 90; // % of one core
const LOOP_LAG_LIMIT_MS = 20;
const OTHER_LOAD_LIMIT = 20; // % of one core used by other processes
const LOOP_RESOLUTION_MS = 10;
/** Before each run, wait (up to QUIET_WAIT_MS, at most QUIET_BUDGET_MS in all) until both cores are idle. */
const QUIET_LIMIT = 15; // % busy per core, measured over 1 s while our server is idle
const QUIET_WAIT_MS = 60_000;
const QUIET_BUDGET_MS = 180_000;
const SERVER_CORE = "0";
const GENERATOR_CORE = "1";
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
/** Everything, including start-up and shutdown, must finish within this. */
const OVERALL_TIMEOUT_MS = 60_000 + QUIET_BUDGET_MS + 2 * (WARMUP_S * 1000 + PAUSE_MS) + 2 * RUNS * (DURATION_S * 1000 + 15_000) + READY_TIMEOUT_MS;
const LOGIN_BODY = "email=anna.schmidt%40ag-portal.test&password=Demo-Passwort-2018";
const CLK_TCK = clockTicks();

type CaseName = "home" | "static";
const CASES: Record<CaseName, { path: string; label: string }> = {
  home: { path: "/", label: "GET / (signed in)" },
  static: { path: "/favicon.svg", label: "GET /favicon.svg (static)" },
};
const SELECTED = selectedCases();

type Run = {
  case: CaseName;
  run: number;
  warmup: boolean;
  durationS: number;
  responses2xx: number;
  reqPerS: number;
  p50: number;
  p95: number;
  p99: number;
  maxLatency: number;
  autocannon: { p50: number; p90: number; p97_5: number; p99: number; requestsPerSecAverage: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: { min: number; max: number };
  serverCpuPct: number;
  generatorCpuPct: number;
  /** p99 of the generator's event-loop lag (delay beyond the 10 ms sampling interval). */
  generatorLoopLagP99Ms: number;
  /** Busy % of each core from /proc/stat during the run. */
  coreBusyPct: { server: number; generator: number };
  /** Busy % not explained by our own process on that core (other processes, steal). */
  otherLoadPct: { serverCore: number; generatorCore: number };
  serverLogLines: number;
  /** Seconds spent waiting for both cores to be idle before the run; quiet=false if the wait gave up. */
  quietWait: { seconds: number; quiet: boolean; busyPct: number[] };
  valid: boolean;
  invalidReasons: string[];
};

// ---------------------------------------------------------------------------

let server: ChildProcess | null = null;
let serverLogLines = 0;
let serverLogTail = "";
let tmpDir: string | null = null;
/** All cores of the machine, read before this process pins itself. */
const MACHINE_CORES = os.cpus().length;

async function main() {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: overall time limit of ${Math.round(OVERALL_TIMEOUT_MS / 1000)} s exceeded, aborting\n`);
    void cleanup().finally(() => process.exit(2));
  }, OVERALL_TIMEOUT_MS);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      process.stderr.write(`bench: ${signal}, stopping the server\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  // Last resort if we die without cleanup (e.g. an uncaught throw elsewhere).
  process.once("exit", () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  });

  try {
    await bench();
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

async function bench() {
  const cores = MACHINE_CORES;
  if (cores < 2) throw new Error(`need at least 2 cores to pin server and generator apart, found ${cores}`);
  pinSelf(GENERATOR_CORE);

  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const base = `http://127.0.0.1:${port}`;
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-bench-"));
  const startedAt = new Date();

  log(`generator pid ${process.pid} pinned to core ${GENERATOR_CORE} (Cpus_allowed_list: ${cpusAllowed(process.pid)})`);
  server = startServer(port, origin, path.join(tmpDir, "portal.db"));
  const serverPid = server.pid!;
  await waitReady(base);
  const comm = fs.readFileSync(`/proc/${serverPid}/comm`, "utf8").trim();
  if (comm !== "node") throw new Error(`expected pid ${serverPid} to be the node server, it is "${comm}"`);
  log(`server pid ${serverPid} on core ${SERVER_CORE} (Cpus_allowed_list: ${cpusAllowed(serverPid)}), ready on ${base}, LOG_LEVEL=${SERVER_LOG_LEVEL}`);

  const hostHeader = `localhost:${port}`;
  const cookie = await login(base, hostHeader, origin);
  const homeBytes = await checkSignedInHome(base, hostHeader, cookie);
  await checkStatic(base, hostHeader);
  log(`logged in; signed-in home is ${homeBytes} bytes of HTML`);

  const headers: Record<string, string> = { host: hostHeader, cookie };
  if (ACCEPT_ENCODING) headers["accept-encoding"] = ACCEPT_ENCODING;
  const runs: Run[] = [];
  const measure = async (name: CaseName, run: number, durationS: number, warmup: boolean) => {
    const quietWait = warmup ? { seconds: 0, quiet: true, busyPct: [] } : await waitForQuiet();
    const r = await runCase(name, run, `${base}${CASES[name].path}`, headers, durationS, warmup, serverPid);
    r.quietWait = quietWait;
    if (name === "home") {
      // A signed-in response carries the whole page; the public start or a redirect is smaller
      // (not checkable when the body is compressed).
      if (!ACCEPT_ENCODING && r.responses2xx > 0 && r.bytesPerResponse.min < homeBytes) {
        r.valid = false;
        r.invalidReasons.push(`a response of ${r.bytesPerResponse.min} bytes is smaller than the signed-in page (${homeBytes})`);
      }
      try {
        await checkSignedInHome(base, hostHeader, cookie);
      } catch (error) {
        r.valid = false;
        r.invalidReasons.push(`after the run: ${(error as Error).message}`);
      }
    }
    log(
      `${warmup ? "warm-up" : "run"} ${name} ${warmup ? "" : `#${run} `}: p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, ` +
        `p99 ${fmt(r.p99)} ms, ${fmt(r.reqPerS, 0)} req/s, server CPU ${fmt(r.serverCpuPct, 0)} %, ` +
        `generator CPU ${fmt(r.generatorCpuPct, 0)} %${r.valid ? "" : ` — INVALID: ${r.invalidReasons.join("; ")}`}`,
    );
    if (!warmup) runs.push(r);
    await sleep(PAUSE_MS);
  };

  for (const name of SELECTED) await measure(name, 0, WARMUP_S, true);
  for (let i = 1; i <= RUNS; i++) {
    for (const name of SELECTED) await measure(name, i, DURATION_S, false);
  }

  const summary = summarize(runs);
  const machine = machineInfo();
  const report = renderMarkdown(runs, summary, machine, startedAt);
  process.stdout.write(`\n${report}\n`);

  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `http-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const json = {
    startedAt: startedAt.toISOString(),
    settings: {
      connections: CONNECTIONS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      runs: RUNS,
      serverCore: SERVER_CORE,
      generatorCore: GENERATOR_CORE,
      serverLogLevel: SERVER_LOG_LEVEL,
      nodeEnv: "production",
      cpuProfile: CPU_PROF_DIR,
      percentiles: "exact, from every 2xx response time reported by autocannon (ms)",
      acceptEncoding: ACCEPT_ENCODING ?? "none sent (responses uncompressed)",
      cases: SELECTED,
      load: "closed loop (no rate limit)",
      validity: {
        generatorCpuLimitPct: GENERATOR_CPU_LIMIT,
        loopLagLimitMs: LOOP_LAG_LIMIT_MS,
        otherLoadLimitPct: OTHER_LOAD_LIMIT,
      },
    },
    machine,
    cases: CASES,
    runs,
    summary,
  };
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\nJSON: ${path.relative(repoRoot, file)}\n`);
}

// --------------------------------------------------------------- the server

function startServer(port: number, origin: string, databasePath: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    // Only localhost traffic: the benchmark server listens on loopback only.
    HOST: "127.0.0.1",
    PUBLIC_ORIGIN: origin,
    DATABASE_PATH: databasePath,
    SEED_DEMO: "true",
    LOG_LEVEL: SERVER_LOG_LEVEL,
    NODE_ENV: "production",
  };
  delete env.REMIX_DEV_ORIGIN;
  const nodeArgs = ["--import", "tsx"];
  if (CPU_PROF_DIR) {
    fs.mkdirSync(CPU_PROF_DIR, { recursive: true });
    nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${CPU_PROF_DIR}`);
  }
  // taskset execs node, so the child's pid is the server's pid.
  const child = spawn("taskset", ["-c", SERVER_CORE, process.execPath, ...nodeArgs, "server.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    serverLogLines += text.split("\n").filter((l) => l.trim() !== "").length;
    serverLogTail = (serverLogTail + text).slice(-4000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return child;
}

async function waitReady(base: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server && (server.exitCode !== null || server.signalCode !== null)) {
      throw new Error(`server exited during start-up (code ${server.exitCode}, signal ${server.signalCode}):\n${serverLogTail}`);
    }
    try {
      const res = await request(`${base}/readyz`, { method: "GET" });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`server not ready within ${READY_TIMEOUT_MS / 1000} s:\n${serverLogTail}`);
}

async function stopServer() {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
  if (timedOut) {
    log(`server did not exit ${STOP_GRACE_MS / 1000} s after SIGTERM, sending SIGKILL`);
    child.kill("SIGKILL");
    await Promise.race([exited, sleep(2_000)]);
  }
}

let cleanedUp: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    try {
      await stopServer();
    } finally {
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  })();
  return cleanedUp;
}

// ------------------------------------------------------------------ checks

async function login(base: string, host: string, origin: string): Promise<string> {
  const res = await request(`${base}/anmelden`, {
    method: "POST",
    headers: {
      host,
      origin,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(LOGIN_BODY)),
    },
    body: LOGIN_BODY,
  });
  const setCookie = res.headers["set-cookie"] ?? [];
  const session = setCookie.map((c) => /^(ag_session=[^;]+)/.exec(c)?.[1]).find(Boolean);
  if (res.status !== 302 || !session) {
    throw new Error(`login failed: status ${res.status}, no ag_session cookie\n${res.body.slice(0, 500)}\n${serverLogTail}`);
  }
  return session;
}

async function checkSignedInHome(base: string, host: string, cookie: string): Promise<number> {
  const res = await request(`${base}/`, { method: "GET", headers: { host, cookie } });
  if (res.status !== 200 || !res.body.includes("Willkommen")) {
    throw new Error(
      `GET / with the session cookie is not the signed-in home (status ${res.status}, no "Willkommen")\n` +
        `body: ${res.body.slice(0, 300)}\nserver log: ${serverLogTail.slice(-1500)}`,
    );
  }
  return Buffer.byteLength(res.body);
}

async function checkStatic(base: string, host: string) {
  const res = await request(`${base}${CASES.static.path}`, { method: "GET", headers: { host } });
  if (res.status !== 200 || !String(res.headers["content-type"]).startsWith("image/svg+xml")) {
    throw new Error(`GET ${CASES.static.path} did not answer 200 image/svg+xml (status ${res.status})`);
  }
}

// ------------------------------------------------------------- measurement

async function runCase(
  name: CaseName,
  run: number,
  target: string,
  headers: Record<string, string>,
  durationS: number,
  warmup: boolean,
  serverPid: number,
): Promise<Run> {
  const latencies: number[] = [];
  let minBytes = Infinity;
  let maxBytes = 0;
  const logLinesBefore = serverLogLines;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  const serverTicks0 = procTicks(serverPid);
  const cores0 = coreTicks();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  loop.enable();

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target,
        connections: CONNECTIONS,
        duration: durationS,
        headers,
        timeout: 10,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on("response", (_client, statusCode, resBytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      if (resBytes < minBytes) minBytes = resBytes;
      if (resBytes > maxBytes) maxBytes = resBytes;
    });
  });

  loop.disable();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverTicks1 = procTicks(serverPid);
  const cores1 = coreTicks();

  latencies.sort((a, b) => a - b);
  const generatorCpuPct = ((cpu.user + cpu.system) / 1e6 / wallS) * 100;
  const serverCpuPct = ((serverTicks1 - serverTicks0) / CLK_TCK / wallS) * 100;
  const busy = (core: string) => {
    const a = cores0[core];
    const b = cores1[core];
    return a && b && b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * 100 : NaN;
  };
  const coreBusyPct = { server: busy(`cpu${SERVER_CORE}`), generator: busy(`cpu${GENERATOR_CORE}`) };
  const otherLoadPct = {
    serverCore: Math.max(0, coreBusyPct.server - serverCpuPct),
    generatorCore: Math.max(0, coreBusyPct.generator - generatorCpuPct),
  };
  const loopLagP99 = Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS);
  const responses2xx = result["2xx"];
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );

  const invalidReasons: string[] = [];
  if (result.errors > 0) invalidReasons.push(`${result.errors} errors (${result.timeouts} timeouts)`);
  if (result.non2xx > 0) invalidReasons.push(`${result.non2xx} non-2xx responses (${JSON.stringify(statusCodes)})`);
  if (result.mismatches > 0) invalidReasons.push(`${result.mismatches} body mismatches`);
  if (responses2xx === 0) invalidReasons.push("no 2xx responses");
  if (generatorCpuPct > GENERATOR_CPU_LIMIT) {
    invalidReasons.push(`generator saturated (${fmt(generatorCpuPct, 0)} % of one core)`);
  }
  if (loopLagP99 > LOOP_LAG_LIMIT_MS) invalidReasons.push(`generator event loop lagged (p99 ${fmt(loopLagP99, 1)} ms)`);
  if (otherLoadPct.serverCore > OTHER_LOAD_LIMIT || otherLoadPct.generatorCore > OTHER_LOAD_LIMIT) {
    invalidReasons.push(
      `other load on the cores (server core ${fmt(otherLoadPct.serverCore, 0)} %, generator core ${fmt(otherLoadPct.generatorCore, 0)} %)`,
    );
  }

  return {
    case: name,
    run,
    warmup,
    durationS: result.duration,
    responses2xx,
    reqPerS: responses2xx / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    maxLatency: latencies.length ? latencies[latencies.length - 1] : NaN,
    autocannon: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      requestsPerSecAverage: result.requests.average,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    bytesPerResponse: { min: Number.isFinite(minBytes) ? minBytes : 0, max: maxBytes },
    serverCpuPct,
    generatorCpuPct,
    generatorLoopLagP99Ms: loopLagP99,
    coreBusyPct,
    otherLoadPct,
    serverLogLines: serverLogLines - logLinesBefore,
    quietWait: { seconds: 0, quiet: true, busyPct: [] },
    valid: invalidReasons.length === 0,
    invalidReasons,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

// ------------------------------------------------------------------ report

type Stat = { min: number; median: number; max: number };
type CaseSummary = {
  validRuns: number;
  totalRuns: number;
  p50: Stat;
  p95: Stat;
  p99: Stat;
  reqPerS: Stat;
  serverCpuPct: Stat;
  generatorCpuPct: Stat;
};
type Summary = {
  cases: Record<CaseName, CaseSummary>;
  ratio: { reqPerS: number; p50: number };
  target: { p95Ms: number; medianHolds: boolean | null; allValidRunsHold: boolean | null };
};

function summarize(runs: Run[]): Summary {
  const perCase = (name: CaseName): CaseSummary => {
    const all = runs.filter((r) => r.case === name);
    const valid = all.filter((r) => r.valid);
    const stat = (pick: (r: Run) => number): Stat => {
      const values = valid.map(pick).sort((a, b) => a - b);
      if (values.length === 0) return { min: NaN, median: NaN, max: NaN };
      const mid = Math.floor(values.length / 2);
      const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
      return { min: values[0], median, max: values[values.length - 1] };
    };
    return {
      validRuns: valid.length,
      totalRuns: all.length,
      p50: stat((r) => r.p50),
      p95: stat((r) => r.p95),
      p99: stat((r) => r.p99),
      reqPerS: stat((r) => r.reqPerS),
      serverCpuPct: stat((r) => r.serverCpuPct),
      generatorCpuPct: stat((r) => r.generatorCpuPct),
    };
  };
  const home = perCase("home");
  const stat = perCase("static");
  const targetMs = 50;
  const homeValid = runs.filter((r) => r.case === "home" && r.valid);
  return {
    cases: { home, static: stat },
    ratio: { reqPerS: home.reqPerS.median / stat.reqPerS.median, p50: home.p50.median / stat.p50.median },
    target: {
      p95Ms: targetMs,
      medianHolds: home.validRuns ? home.p95.median <= targetMs : null,
      allValidRunsHold: home.validRuns ? homeValid.every((r) => r.p95 <= targetMs) : null,
    },
  };
}

function renderMarkdown(runs: Run[], summary: Summary, machine: ReturnType<typeof machineInfo>, startedAt: Date): string {
  const lines: string[] = [];
  lines.push(`## HTTP benchmark ${startedAt.toISOString()}`);
  lines.push("");
  lines.push(
    `${CONNECTIONS} connections, ${DURATION_S} s per run, ${RUNS} runs per case (alternating), ${WARMUP_S} s warm-up per case; ` +
      `server on core ${SERVER_CORE}, generator on core ${GENERATOR_CORE}; NODE_ENV=production, ` +
      `server LOG_LEVEL=${SERVER_LOG_LEVEL}${SERVER_LOG_LEVEL === "warn" ? " (info-level request logging was OFF)" : ""}; ` +
      `${ACCEPT_ENCODING ? `Accept-Encoding: ${ACCEPT_ENCODING}` : "no Accept-Encoding sent (uncompressed)"}; closed loop (no rate limit)${CPU_PROF_DIR ? "; server ran with --cpu-prof (figures include profiler overhead)" : ""}.`,
  );
  lines.push(
    `Machine: ${machine.cpus} cores, ${machine.cpuModel}, ${machine.memGiB} GiB RAM, Node ${machine.node}, autocannon ${machine.autocannon}.`,
  );
  lines.push(
    "Latency percentiles are exact (nearest rank over every 2xx response time); CPU in % of one core; " +
      "other load = core busy (/proc/stat) minus our own process on that core.",
  );
  lines.push("");
  lines.push(
    "| case | run | p50 ms | p95 ms | p99 ms | req/s | errors / non-2xx | server CPU % | generator CPU % | gen. loop lag p99 ms | other load core 0 / 1 % | valid? |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of runs) {
    lines.push(
      `| ${r.case} | ${r.run} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.reqPerS, 0)} | ` +
        `${r.errors} / ${r.non2xx} | ${fmt(r.serverCpuPct, 0)} | ${fmt(r.generatorCpuPct, 0)} | ` +
        `${fmt(r.generatorLoopLagP99Ms, 1)} | ${fmt(r.otherLoadPct.serverCore, 0)} / ${fmt(r.otherLoadPct.generatorCore, 0)} | ` +
        `${r.valid ? "yes" : `no: ${r.invalidReasons.join("; ")}`} |`,
    );
  }
  lines.push("");
  lines.push("Median of the valid runs (min–max):");
  lines.push("");
  lines.push("| case | valid runs | p50 ms | p95 ms | p99 ms | req/s | server CPU % | generator CPU % |");
  lines.push("|---|---|---|---|---|---|---|---|");
  for (const name of SELECTED) {
    const s = summary.cases[name];
    const cell = (st: Stat, digits = 2) => `${fmt(st.median, digits)} (${fmt(st.min, digits)}–${fmt(st.max, digits)})`;
    lines.push(
      `| ${name} | ${s.validRuns}/${s.totalRuns} | ${cell(s.p50)} | ${cell(s.p95)} | ${cell(s.p99)} | ${cell(s.reqPerS, 0)} | ` +
        `${cell(s.serverCpuPct, 0)} | ${cell(s.generatorCpuPct, 0)} |`,
    );
  }
  lines.push("");
  lines.push(
    `Ratio home/static (medians): req/s ${fmt(summary.ratio.reqPerS, 3)} (static serves ${fmt(1 / summary.ratio.reqPerS, 1)}× as many), ` +
      `p50 ${fmt(summary.ratio.p50, 1)}×.`,
  );
  const t = summary.target;
  const verdict =
    t.medianHolds === null
      ? "cannot be judged: no valid home run"
      : `${t.medianHolds ? "HOLDS" : "DOES NOT HOLD"} (median p95 ${fmt(summary.cases.home.p95.median)} ms; ` +
        `${t.allValidRunsHold ? "every" : "not every"} valid run ≤ ${t.p95Ms} ms)`;
  lines.push(`Target p95 ≤ ${t.p95Ms} ms for the signed-in home: ${verdict}.`);
  const logLines = runs.reduce((n, r) => n + r.serverLogLines, 0);
  lines.push(`Server log lines during the measured runs: ${logLines}.`);
  const waited = runs.reduce((n, r) => n + Math.max(0, r.quietWait.seconds - 1), 0);
  const busyStarts = runs.filter((r) => !r.quietWait.quiet).length;
  lines.push(
    `Waited ${fmt(waited, 0)} s in all for idle cores (≤ ${QUIET_LIMIT} % busy) before runs; ` +
      `runs started on a busy machine: ${busyStarts}.`,
  );
  return lines.join("\n");
}

function machineInfo() {
  const cpuModel = os.cpus()[0]?.model ?? "unknown";
  let autocannonVersion = "unknown";
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/autocannon/package.json"), "utf8"));
    autocannonVersion = pkg.version;
  } catch {
    // keep unknown
  }
  return {
    cpus: MACHINE_CORES,
    cpuModel,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    autocannon: autocannonVersion,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ---------------------------------------------------------------- helpers

function pinSelf(core: string) {
  // -a: every thread of this process (libuv pool and V8 threads included).
  execFileSync("taskset", ["-a", "-p", "-c", core, String(process.pid)], { stdio: "ignore" });
  const allowed = cpusAllowed(process.pid);
  if (allowed !== core) throw new Error(`pinning the generator to core ${core} failed (allowed: ${allowed})`);
}

function cpusAllowed(pid: number): string {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]?.trim() ?? "?";
}

let quietBudgetLeft = QUIET_BUDGET_MS;
/**
 * The machine is shared: wait until both cores are nearly idle (our server
 * is idle between runs) so that another process's burst does not spoil a
 * run. Gives up after QUIET_WAIT_MS, or earlier when the overall budget is
 * used up; the run's own other-load check then decides whether it counts.
 */
async function waitForQuiet(): Promise<{ seconds: number; quiet: boolean; busyPct: number[] }> {
  const start = Date.now();
  const limit = Math.min(QUIET_WAIT_MS, quietBudgetLeft);
  let logged = false;
  for (;;) {
    const a = coreTicks();
    await sleep(1_000);
    const b = coreTicks();
    const busyPct = Object.keys(b).map((k) =>
      a[k] && b[k].total > a[k].total ? ((b[k].busy - a[k].busy) / (b[k].total - a[k].total)) * 100 : 0,
    );
    const waited = Date.now() - start;
    const quiet = busyPct.every((p) => p <= QUIET_LIMIT);
    if (quiet || waited >= limit) {
      // The first second is the measurement itself, not waiting.
      quietBudgetLeft = Math.max(0, quietBudgetLeft - Math.max(0, waited - 1_000));
      if (!quiet) log(`cores still busy (${busyPct.map((p) => fmt(p, 0)).join(" / ")} %) after ${Math.round(waited / 1000)} s, running anyway`);
      return { seconds: waited / 1000, quiet, busyPct };
    }
    if (!logged) log(`waiting for idle cores (${busyPct.map((p) => fmt(p, 0)).join(" / ")} % busy)`);
    logged = true;
  }
}

/** Busy and total ticks per core ("cpu0", "cpu1", …) from /proc/stat. */
function coreTicks(): Record<string, { busy: number; total: number }> {
  const out: Record<string, { busy: number; total: number }> = {};
  for (const line of fs.readFileSync("/proc/stat", "utf8").split("\n")) {
    const m = /^(cpu\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = m[2].split(/\s+/).map(Number);
    const busy = user + nice + system + irq + softirq + (steal || 0);
    out[m[1]] = { busy, total: busy + idle + iowait };
  }
  return out;
}

/** utime + stime of a process (all its threads), in clock ticks. */
function procTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return Number(fields[11]) + Number(fields[12]);
}

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

type SimpleResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(
  target: string,
  options: { method: string; headers?: Record<string, string>; body?: string },
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: options.method, headers: options.headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${options.method} ${target}`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

function selectedCases(): CaseName[] {
  const raw = process.env.BENCH_CASES;
  if (!raw) return ["home", "static"];
  const names = raw.split(",").map((n) => n.trim());
  for (const n of names) {
    if (!(n in CASES)) throw new Error(`BENCH_CASES: unknown case "${n}" (known: ${Object.keys(CASES).join(", ")})`);
  }
  return names as CaseName[];
}

function intFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench FAILED: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
