/**
 * The frame around a benchmark: an overall time limit, SIGINT/SIGTERM, and
 * cleanup that always stops the servers it started and removes the temp
 * folder, so no server outlives the benchmark.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PortalServer } from "./server";

const servers: PortalServer[] = [];
const tmpDirs: string[] = [];

/** Servers to stop at the end (also on failure, timeout or signal). */
export function stopAtExit(server: PortalServer) {
  servers.push(server);
}

/** A fresh temp folder (for the database), removed at the end. */
export function makeTmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-bench-"));
  tmpDirs.push(dir);
  return dir;
}

let cleanedUp: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    try {
      for (const server of servers) await server.stop();
    } finally {
      for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return cleanedUp;
}

/** Runs `bench` and exits: 0 on success, 1 on failure, 2 on timeout, 130 on a signal. */
export function runMain(overallTimeoutMs: number, bench: () => Promise<void>) {
  const main = async () => {
    const watchdog = setTimeout(() => {
      process.stderr.write(`bench: overall time limit of ${Math.round(overallTimeoutMs / 1000)} s exceeded, aborting\n`);
      void cleanup().finally(() => process.exit(2));
    }, overallTimeoutMs);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        process.stderr.write(`bench: ${signal}, stopping the server\n`);
        void cleanup().finally(() => process.exit(130));
      });
    }
    // Last resort if we die without cleanup (e.g. an uncaught throw elsewhere).
    process.once("exit", () => {
      for (const server of servers) if (server.running) server.child.kill("SIGKILL");
    });

    try {
      await bench();
    } finally {
      clearTimeout(watchdog);
      await cleanup();
    }
  };
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`bench FAILED: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
