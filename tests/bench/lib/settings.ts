/**
 * The knobs every benchmark shares (environment variables), the cores it
 * pins to, and the limits that decide whether a run counts. Read once at
 * start; a wrong value stops the benchmark before anything runs.
 */
import path from "node:path";
import url from "node:url";

export const repoRoot = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../../..");
export const resultsDir = path.join(repoRoot, "tests/bench/results");

export const CONNECTIONS = intFromEnv("BENCH_CONNECTIONS", 50);
export const DURATION_S = intFromEnv("BENCH_DURATION", 10);
export const RUNS = intFromEnv("BENCH_RUNS", 3);
export const WARMUP_S = intFromEnv("BENCH_WARMUP", 2);
/** Pause after every run (and warm-up) before the next one. */
export const PAUSE_MS = 1_000;
export const SERVER_LOG_LEVEL = process.env.BENCH_LOG_LEVEL || "warn";
export const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
export const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING || null;

// A run is invalid when one of these is exceeded (see docs/benchmarks.md).
export const GENERATOR_CPU_LIMIT = 90; // % of one core
export const LOOP_LAG_LIMIT_MS = 20;
export const OTHER_LOAD_LIMIT = 20; // % of one core used by other processes
export const LOOP_RESOLUTION_MS = 10;

/** Before each run, wait (up to QUIET_WAIT_MS, at most QUIET_BUDGET_MS in all) until both cores are idle. */
export const QUIET_LIMIT = 15; // % busy per core, measured over 1 s while our server is idle
export const QUIET_WAIT_MS = 60_000;
export const QUIET_BUDGET_MS = 180_000;

export const SERVER_CORE = "0";
export const GENERATOR_CORE = "1";
export const READY_TIMEOUT_MS = 90_000;
export const STOP_GRACE_MS = 5_000;

/**
 * Everything, including start-up and shutdown, must finish within this:
 * quiet waits, a warm-up and RUNS runs of each case, one server start, plus
 * `extraMs` for whatever else the scenario does (preparing data, more starts).
 */
export function overallTimeoutMs(caseCount: number, extraMs = 0): number {
  return (
    60_000 +
    QUIET_BUDGET_MS +
    caseCount * (WARMUP_S * 1000 + PAUSE_MS) +
    caseCount * RUNS * (DURATION_S * 1000 + 15_000) +
    READY_TIMEOUT_MS +
    extraMs
  );
}

/** The cases named in BENCH_CASES (comma-separated), or all of them. */
export function selectedCases<Name extends string>(known: readonly Name[]): Name[] {
  const raw = process.env.BENCH_CASES;
  if (!raw) return [...known];
  const names = raw.split(",").map((n) => n.trim());
  for (const n of names) {
    if (!(known as readonly string[]).includes(n)) {
      throw new Error(`BENCH_CASES: unknown case "${n}" (known: ${known.join(", ")})`);
    }
  }
  return names as Name[];
}

export function intFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}
