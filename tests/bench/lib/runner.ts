/**
 * The measuring sequence shared by all scenarios: a warm-up per case, then
 * RUNS rounds in which every case runs once (alternating), each after
 * waiting for idle cores, each followed by the case's own checks and a pause.
 */
import { runLoad, type Run } from "./load";
import { waitForQuiet } from "./machine";
import type { Portal } from "./server";
import { DURATION_S, PAUSE_MS, RUNS, WARMUP_S } from "./settings";
import { fmt, log, sleep } from "./util";

export type BenchCase = {
  name: string;
  /** Path on the portal, e.g. "/gruppen". */
  path: string;
  /** Request headers (host, cookie, accept-encoding). */
  headers: Record<string, string>;
  /** Called after every run, warm-ups included; marks the run invalid when a check fails. */
  afterRun?: (run: Run) => Promise<void>;
};

/** Warm-up and measured runs of the cases; returns the measured runs in order. */
export async function measureCases(portal: Portal, cases: BenchCase[]): Promise<Run[]> {
  const runs: Run[] = [];
  const measure = async (c: BenchCase, run: number, durationS: number, warmup: boolean) => {
    const quietWait = warmup ? { seconds: 0, quiet: true, busyPct: [] } : await waitForQuiet();
    const r = await runLoad({
      name: c.name,
      run,
      target: `${portal.base}${c.path}`,
      headers: c.headers,
      durationS,
      warmup,
      server: portal.server,
    });
    r.quietWait = quietWait;
    if (c.afterRun) await c.afterRun(r);
    log(
      `${warmup ? "warm-up" : "run"} ${c.name} ${warmup ? "" : `#${run} `}: p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, ` +
        `p99 ${fmt(r.p99)} ms, ${fmt(r.reqPerS, 0)} req/s, server CPU ${fmt(r.serverCpuPct, 0)} %, ` +
        `generator CPU ${fmt(r.generatorCpuPct, 0)} %${r.valid ? "" : ` — INVALID: ${r.invalidReasons.join("; ")}`}`,
    );
    if (!warmup) runs.push(r);
    await sleep(PAUSE_MS);
  };

  for (const c of cases) await measure(c, 0, WARMUP_S, true);
  for (let i = 1; i <= RUNS; i++) {
    for (const c of cases) await measure(c, i, DURATION_S, false);
  }
  return runs;
}
