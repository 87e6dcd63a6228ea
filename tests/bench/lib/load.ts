/**
 * One measured run: autocannon (programmatic API, main thread, closed loop)
 * against one URL, with the generator's own CPU and event-loop lag, the
 * server's CPU from /proc/<pid>/stat, the other load on both cores, and
 * exact nearest-rank percentiles over every 2xx response time.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { CLK_TCK, coreTicks, procTicks, type QuietWait } from "./machine";
import type { PortalServer } from "./server";
import {
  CONNECTIONS,
  GENERATOR_CORE,
  GENERATOR_CPU_LIMIT,
  LOOP_LAG_LIMIT_MS,
  LOOP_RESOLUTION_MS,
  OTHER_LOAD_LIMIT,
  SERVER_CORE,
} from "./settings";
import { fmt } from "./util";

export type Run = {
  case: string;
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
  quietWait: QuietWait;
  valid: boolean;
  invalidReasons: string[];
};

/** Marks a run invalid with a reason. */
export function invalidate(run: Run, reason: string) {
  run.valid = false;
  run.invalidReasons.push(reason);
}

export async function runLoad(options: {
  name: string;
  run: number;
  target: string;
  headers: Record<string, string>;
  durationS: number;
  warmup: boolean;
  server: PortalServer;
}): Promise<Run> {
  const { name, run, target, headers, durationS, warmup, server } = options;
  const latencies: number[] = [];
  let minBytes = Infinity;
  let maxBytes = 0;
  const logLinesBefore = server.logLines;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  const serverTicks0 = procTicks(server.pid);
  const cores0 = coreTicks();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  loop.enable();

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: target, connections: CONNECTIONS, duration: durationS, headers, timeout: 10 },
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
  const serverTicks1 = procTicks(server.pid);
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
    serverLogLines: server.logLines - logLinesBefore,
    quietWait: { seconds: 0, quiet: true, busyPct: [] },
    valid: invalidReasons.length === 0,
    invalidReasons,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
