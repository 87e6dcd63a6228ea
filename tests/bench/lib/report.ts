/**
 * Output of a benchmark: per-case medians of the valid runs, the p95 target
 * verdict, the markdown report (stdout) and the JSON file in
 * tests/bench/results/ (git-ignored).
 */
import fs from "node:fs";
import path from "node:path";
import type { Run } from "./load";
import type { MachineInfo } from "./machine";
import {
  ACCEPT_ENCODING,
  CONNECTIONS,
  CPU_PROF_DIR,
  DURATION_S,
  GENERATOR_CORE,
  GENERATOR_CPU_LIMIT,
  LOOP_LAG_LIMIT_MS,
  OTHER_LOAD_LIMIT,
  QUIET_LIMIT,
  repoRoot,
  resultsDir,
  RUNS,
  SERVER_CORE,
  SERVER_LOG_LEVEL,
  WARMUP_S,
} from "./settings";
import { fmt } from "./util";

export type Stat = { min: number; median: number; max: number };
export type CaseSummary = {
  validRuns: number;
  totalRuns: number;
  p50: Stat;
  p95: Stat;
  p99: Stat;
  reqPerS: Stat;
  serverCpuPct: Stat;
  generatorCpuPct: Stat;
};
export type Target = { p95Ms: number; medianHolds: boolean | null; allValidRunsHold: boolean | null };

/** Median, min and max over the valid runs of one case. */
export function summarizeCase(runs: Run[], name: string): CaseSummary {
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
}

/** Does p95 ≤ p95Ms hold for the median of the valid runs of a case, and for each of them? */
export function judgeTarget(runs: Run[], name: string, summary: CaseSummary, p95Ms: number): Target {
  const valid = runs.filter((r) => r.case === name && r.valid);
  return {
    p95Ms,
    medianHolds: summary.validRuns ? summary.p95.median <= p95Ms : null,
    allValidRunsHold: summary.validRuns ? valid.every((r) => r.p95 <= p95Ms) : null,
  };
}

/** "HOLDS (median p95 … ms; every valid run ≤ 50 ms)" and the like. */
export function verdictText(target: Target, summary: CaseSummary, name: string): string {
  return target.medianHolds === null
    ? `cannot be judged: no valid ${name} run`
    : `${target.medianHolds ? "HOLDS" : "DOES NOT HOLD"} (median p95 ${fmt(summary.p95.median)} ms; ` +
        `${target.allValidRunsHold ? "every" : "not every"} valid run ≤ ${target.p95Ms} ms)`;
}

/** Title, settings and machine lines at the top of the report. */
export function renderPreamble(title: string, machine: MachineInfo): string[] {
  return [
    title,
    "",
    `${CONNECTIONS} connections, ${DURATION_S} s per run, ${RUNS} runs per case (alternating), ${WARMUP_S} s warm-up per case; ` +
      `server on core ${SERVER_CORE}, generator on core ${GENERATOR_CORE}; NODE_ENV=production, ` +
      `server LOG_LEVEL=${SERVER_LOG_LEVEL}${SERVER_LOG_LEVEL === "warn" ? " (info-level request logging was OFF)" : ""}; ` +
      `${ACCEPT_ENCODING ? `Accept-Encoding: ${ACCEPT_ENCODING}` : "no Accept-Encoding sent (uncompressed)"}; closed loop (no rate limit)${CPU_PROF_DIR ? "; server ran with --cpu-prof (figures include profiler overhead)" : ""}.`,
    `Machine: ${machine.cpus} cores, ${machine.cpuModel}, ${machine.memGiB} GiB RAM, Node ${machine.node}, autocannon ${machine.autocannon}.`,
    "Latency percentiles are exact (nearest rank over every 2xx response time); CPU in % of one core; " +
      "other load = core busy (/proc/stat) minus our own process on that core.",
    "",
  ];
}

/** One row per measured run, valid or not. */
export function renderRunsTable(runs: Run[]): string[] {
  const lines = [
    "| case | run | p50 ms | p95 ms | p99 ms | req/s | errors / non-2xx | server CPU % | generator CPU % | gen. loop lag p99 ms | other load core 0 / 1 % | valid? |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of runs) {
    lines.push(
      `| ${r.case} | ${r.run} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.reqPerS, 0)} | ` +
        `${r.errors} / ${r.non2xx} | ${fmt(r.serverCpuPct, 0)} | ${fmt(r.generatorCpuPct, 0)} | ` +
        `${fmt(r.generatorLoopLagP99Ms, 1)} | ${fmt(r.otherLoadPct.serverCore, 0)} / ${fmt(r.otherLoadPct.generatorCore, 0)} | ` +
        `${r.valid ? "yes" : `no: ${r.invalidReasons.join("; ")}`} |`,
    );
  }
  return lines;
}

/** Median (min–max) of the valid runs per case. */
export function renderMedianTable(names: string[], cases: Record<string, CaseSummary>): string[] {
  const lines = [
    "Median of the valid runs (min–max):",
    "",
    "| case | valid runs | p50 ms | p95 ms | p99 ms | req/s | server CPU % | generator CPU % |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const cell = (st: Stat, digits = 2) => `${fmt(st.median, digits)} (${fmt(st.min, digits)}–${fmt(st.max, digits)})`;
  for (const name of names) {
    const s = cases[name];
    lines.push(
      `| ${name} | ${s.validRuns}/${s.totalRuns} | ${cell(s.p50)} | ${cell(s.p95)} | ${cell(s.p99)} | ${cell(s.reqPerS, 0)} | ` +
        `${cell(s.serverCpuPct, 0)} | ${cell(s.generatorCpuPct, 0)} |`,
    );
  }
  return lines;
}

/** Server log lines during the runs and the time spent waiting for a quiet machine. */
export function renderFooter(runs: Run[]): string[] {
  const logLines = runs.reduce((n, r) => n + r.serverLogLines, 0);
  const waited = runs.reduce((n, r) => n + Math.max(0, r.quietWait.seconds - 1), 0);
  const busyStarts = runs.filter((r) => !r.quietWait.quiet).length;
  return [
    `Server log lines during the measured runs: ${logLines}.`,
    `Waited ${fmt(waited, 0)} s in all for idle cores (≤ ${QUIET_LIMIT} % busy) before runs; ` +
      `runs started on a busy machine: ${busyStarts}.`,
  ];
}

/** The settings block of the JSON file. */
export function settingsJson(cases: string[]) {
  return {
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
    cases,
    load: "closed loop (no rate limit)",
    validity: {
      generatorCpuLimitPct: GENERATOR_CPU_LIMIT,
      loopLagLimitMs: LOOP_LAG_LIMIT_MS,
      otherLoadLimitPct: OTHER_LOAD_LIMIT,
    },
  };
}

/** Prints the markdown report to stdout and writes the JSON to tests/bench/results/<prefix>-<ISO date>.json. */
export function publish(prefix: string, startedAt: Date, markdown: string, json: object) {
  process.stdout.write(`\n${markdown}\n`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${prefix}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\nJSON: ${path.relative(repoRoot, file)}\n`);
}
