/**
 * `npm run bench`: runs the benchmarks one after the other, each in its own
 * process (each pins itself to the generator core and starts its own
 * server). BENCH_SUITE=http or BENCH_SUITE=groups (or "http,groups") runs a
 * selection. With BENCH_CASES but no BENCH_SUITE, only the suites that have
 * those cases run (`BENCH_CASES=home npm run bench` runs http's home case).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import url from "node:url";

const SUITES: Record<string, string[]> = {
  http: ["home", "static"],
  groups: ["list", "overview"],
  // Issue 5 and 6 benchmarks; each runs all its cases.
  fanout: ["fanout", "idle-memory"],
  dashboard: ["dashboard"],
  search: ["search"],
};

function selectedSuites(): string[] {
  const named = process.env.BENCH_SUITE?.split(",").map((s) => s.trim()).filter(Boolean);
  if (named?.length) {
    for (const s of named) if (!(s in SUITES)) throw new Error(`BENCH_SUITE: unknown suite "${s}" (known: ${Object.keys(SUITES).join(", ")})`);
    return named;
  }
  const cases = process.env.BENCH_CASES?.split(",").map((c) => c.trim()).filter(Boolean);
  if (!cases?.length) return Object.keys(SUITES);
  const suites = Object.keys(SUITES).filter((s) => cases.some((c) => SUITES[s].includes(c)));
  if (suites.length !== 1) {
    throw new Error(`BENCH_CASES=${process.env.BENCH_CASES}: name cases of one suite (${JSON.stringify(SUITES)}), or set BENCH_SUITE`);
  }
  return suites;
}

const here = path.dirname(url.fileURLToPath(import.meta.url));
let failed = 0;
for (const suite of selectedSuites()) {
  process.stderr.write(`bench: ── ${suite} ──\n`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(here, `${suite}.ts`)], { stdio: "inherit" });
  const code = result.status ?? 1;
  if (code !== 0) {
    process.stderr.write(`bench: ${suite} failed (exit ${result.status ?? result.signal})\n`);
    failed ||= code;
  }
}
process.exit(failed);
