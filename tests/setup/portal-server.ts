import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type PortalServer = {
  url: string;
  origin: string;
  port: number;
  dbPath: string;
  dir: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (server.ts via tsx) on a free port with a fresh
 * SQLite file in a temp folder, and waits until /readyz answers. The Remix
 * build must exist (`npm test` builds first).
 */
export async function startPortal(options: { env?: Record<string, string>; dir?: string } = {}): Promise<PortalServer> {
  const port = await freePort();
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-it-"));
  const dbPath = path.join(dir, "portal.db");
  const origin = `http://localhost:${port}`;
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_ORIGIN: origin,
      DATABASE_PATH: dbPath,
      UPLOAD_DIR: path.join(dir, "uploads"),
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      ...options.env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Server ended with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${origin}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Server not ready within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url: origin,
    origin,
    port,
    dbPath,
    dir,
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      return child.exitCode;
    },
  };
}

/** Runs server.ts with an environment that must make it refuse to start; returns its exit code and output. */
export async function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}
