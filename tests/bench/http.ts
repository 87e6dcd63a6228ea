/**
 * HTTP benchmark: the signed-in home page `GET /` against a static file
 * (`GET /favicon.svg`, express.static) from the same process, so the ratio
 * shows what rendering costs. Run with `npm run bench` (builds first, runs
 * every benchmark) or `BENCH_SUITE=http npm run bench`.
 *
 * Method (see /work/shared/BENCHMARKING.md, docs/benchmarks.md and lib/):
 * the real server pinned to core 0 on a fresh temp database with the demo
 * data, this process (autocannon, main thread) pinned to core 1; a real
 * login as anna.schmidt; 2 s warm-up per case, then 3 runs per case,
 * alternating home/static, 50 connections, 10 s each, closed loop. A home
 * run is invalid when a response is smaller than the signed-in page or the
 * page is not the signed-in one after the run; the general validity rules
 * (errors, generator saturated or lagging, other load) are in lib/load.ts.
 *
 * Knobs (environment, see lib/settings.ts): BENCH_LOG_LEVEL, BENCH_CPU_PROF,
 * BENCH_DURATION, BENCH_WARMUP, BENCH_RUNS, BENCH_CONNECTIONS, BENCH_CASES
 * (comma-separated subset of "home,static"), BENCH_ACCEPT_ENCODING.
 */
import path from "node:path";
import { checkSignedInPage, login, signedInAfterRun, type SignedInPage } from "./lib/auth";
import { request } from "./lib/http-client";
import { makeTmpDir, runMain, stopAtExit } from "./lib/lifecycle";
import { cpusAllowed, machineInfo, pinSelf } from "./lib/machine";
import { judgeTarget, publish, renderFooter, renderMedianTable, renderPreamble, renderRunsTable, settingsJson, summarizeCase, verdictText } from "./lib/report";
import { measureCases, type BenchCase } from "./lib/runner";
import { startPortal, type Portal } from "./lib/server";
import { ACCEPT_ENCODING, GENERATOR_CORE, overallTimeoutMs, selectedCases } from "./lib/settings";
import { fmt, log } from "./lib/util";

const CASES = {
  home: { path: "/", label: "GET / (signed in)" },
  static: { path: "/favicon.svg", label: "GET /favicon.svg (static)" },
};
type CaseName = keyof typeof CASES;
const SELECTED = selectedCases(Object.keys(CASES) as CaseName[]);
const TARGET_P95_MS = 50;
const HOME: SignedInPage = { path: "/", marker: "Willkommen", description: "the signed-in home", sizeName: "the signed-in page" };

async function bench() {
  pinSelf(GENERATOR_CORE);
  const tmpDir = makeTmpDir();
  const startedAt = new Date();
  log(`generator pid ${process.pid} pinned to core ${GENERATOR_CORE} (Cpus_allowed_list: ${cpusAllowed(process.pid)})`);
  const portal = await startPortal(path.join(tmpDir, "portal.db"), { seedDemo: true, onStart: stopAtExit });

  const cookie = await login(portal, "anna.schmidt@ag-portal.test", "Demo-Passwort-2018");
  const homeBytes = await checkSignedInPage(portal, cookie, HOME);
  await checkStatic(portal);
  log(`logged in; signed-in home is ${homeBytes} bytes of HTML`);

  const headers: Record<string, string> = { host: portal.host, cookie };
  if (ACCEPT_ENCODING) headers["accept-encoding"] = ACCEPT_ENCODING;
  const cases: BenchCase[] = SELECTED.map((name) => ({
    name,
    path: CASES[name].path,
    headers,
    afterRun: name === "home" ? signedInAfterRun(portal, cookie, HOME, homeBytes) : undefined,
  }));
  const runs = await measureCases(portal, cases);

  const home = summarizeCase(runs, "home");
  const stat = summarizeCase(runs, "static");
  const summary = {
    cases: { home, static: stat },
    ratio: { reqPerS: home.reqPerS.median / stat.reqPerS.median, p50: home.p50.median / stat.p50.median },
    target: judgeTarget(runs, "home", home, TARGET_P95_MS),
  };
  const machine = machineInfo();
  const markdown = [
    ...renderPreamble(`## HTTP benchmark ${startedAt.toISOString()}`, machine),
    ...renderRunsTable(runs),
    "",
    ...renderMedianTable(SELECTED, summary.cases),
    "",
    `Ratio home/static (medians): req/s ${fmt(summary.ratio.reqPerS, 3)} (static serves ${fmt(1 / summary.ratio.reqPerS, 1)}× as many), ` +
      `p50 ${fmt(summary.ratio.p50, 1)}×.`,
    `Target p95 ≤ ${TARGET_P95_MS} ms for the signed-in home: ${verdictText(summary.target, home, "home")}.`,
    ...renderFooter(runs),
  ].join("\n");
  const json = { startedAt: startedAt.toISOString(), settings: settingsJson(SELECTED), machine, cases: CASES, runs, summary };
  publish("http", startedAt, markdown, json);
}

async function checkStatic(portal: Portal) {
  const res = await request(`${portal.base}${CASES.static.path}`, { method: "GET", headers: { host: portal.host } });
  if (res.status !== 200 || !String(res.headers["content-type"]).startsWith("image/svg+xml")) {
    throw new Error(`GET ${CASES.static.path} did not answer 200 image/svg+xml (status ${res.status})`);
  }
}

runMain(overallTimeoutMs(Object.keys(CASES).length), bench);
