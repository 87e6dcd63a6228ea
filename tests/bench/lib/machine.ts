/**
 * The machine: its cores and model, pinning this process to the generator
 * core, CPU ticks of processes and cores from /proc, and waiting until the
 * shared machine is quiet before a run.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { QUIET_BUDGET_MS, QUIET_LIMIT, QUIET_WAIT_MS, repoRoot } from "./settings";
import { fmt, log, sleep } from "./util";

/** All cores of the machine, read when this module loads, before this process pins itself. */
export const MACHINE_CORES = os.cpus().length;
export const CLK_TCK = clockTicks();

export type MachineInfo = ReturnType<typeof machineInfo>;

export function machineInfo() {
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

/** Pins this process to `core`, after checking the machine has the 2 cores we need. */
export function pinSelf(core: string) {
  if (MACHINE_CORES < 2) throw new Error(`need at least 2 cores to pin server and generator apart, found ${MACHINE_CORES}`);
  // -a: every thread of this process (libuv pool and V8 threads included).
  execFileSync("taskset", ["-a", "-p", "-c", core, String(process.pid)], { stdio: "ignore" });
  const allowed = cpusAllowed(process.pid);
  if (allowed !== core) throw new Error(`pinning the generator to core ${core} failed (allowed: ${allowed})`);
}

export function cpusAllowed(pid: number): string {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]?.trim() ?? "?";
}

export type QuietWait = { seconds: number; quiet: boolean; busyPct: number[] };

let quietBudgetLeft = QUIET_BUDGET_MS;
/**
 * The machine is shared: wait until both cores are nearly idle (our server
 * is idle between runs) so that another process's burst does not spoil a
 * run. Gives up after QUIET_WAIT_MS, or earlier when the overall budget is
 * used up; the run's own other-load check then decides whether it counts.
 */
export async function waitForQuiet(): Promise<QuietWait> {
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
export function coreTicks(): Record<string, { busy: number; total: number }> {
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
export function procTicks(pid: number): number {
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
