import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { until } from "../setup/yjs-client";

/*
 * A test that fails or times out must still stop the servers it started
 * (issue 18: on a loaded machine two timed-out tests left their portal
 * servers serving for minutes after the suite). The hardest case is a test
 * worker that is killed outright, with no chance to clean up: its servers
 * must notice and end by themselves.
 */
const root = path.resolve(import.meta.dirname, "../..");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("servers started by tests end with the process that started them", () => {
  it("a portal server ends by itself when its test process is killed with SIGKILL", { timeout: 240_000 }, async () => {
    const worker = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/start-portal-and-wait.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    worker.stdout!.on("data", (d) => (out += d));
    let started: { pid: number; origin: string } | null = null;
    try {
      await until(() => out.includes("\n"), 180_000, "the stand-in worker's server to be ready");
      started = JSON.parse(out.split("\n")[0]) as { pid: number; origin: string };
      expect((await fetch(`${started.origin}/readyz`)).status).toBe(200);

      worker.kill("SIGKILL");
      // The server's graceful shutdown closes its sockets and the database first (at most its 10 s grace).
      await until(() => !alive(started!.pid), 30_000, "the orphaned server to end");
      await expect(fetch(`${started.origin}/readyz`)).rejects.toThrow();
    } finally {
      worker.kill("SIGKILL");
      if (started && alive(started.pid)) process.kill(started.pid, "SIGKILL");
    }
  });
});
