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
 * How long a server may take to answer /readyz. About 2 s on a quiet machine
 * (tsx, migrations, the Remix bundle, two threads; the demo seed hashes five
 * passwords the first time); ten times that has been seen with the machine's
 * two cores shared by a load of 10 and more. A slow start is not a failure.
 */
const READY_WITHIN_MS = 120_000;
/** After SIGTERM, the graceful shutdown gets this long before SIGKILL. */
const STOP_WITHIN_MS = 15_000;

/**
 * Every server this test process started and has not seen exit. A test that
 * fails or times out may never reach its own stop(): the setup file's afterAll
 * stops what is left (stopAllPortals), and each server also ends by itself
 * when this process is gone (its IPC channel closes; app/server/shutdown.server.ts).
 */
const running = new Set<ChildProcess>();

/** Stops every server this process started that still runs: SIGTERM, then SIGKILL after STOP_WITHIN_MS. */
export async function stopAllPortals(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_WITHIN_MS);
  await exited;
  clearTimeout(timer);
  return child.exitCode;
}

/** server.ts via tsx with an IPC channel (so it ends with this process), tracked until it exits. */
function spawnServer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  // The channel is only there to close when this process ends; it must not keep this process alive.
  child.channel?.unref();
  return child;
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
  const child = spawnServer({
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
  } as NodeJS.ProcessEnv);
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));

  const started = Date.now();
  const deadline = started + READY_WITHIN_MS;
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
      throw new Error(`The portal server did not answer /readyz within ${READY_WITHIN_MS / 1000} s of its start:\n${out}`);
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
    stop: () => stopChild(child),
  };
}

/** Runs server.ts with an environment that must make it refuse to start; returns its exit code and output. */
export async function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnServer({ NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", ...env } as NodeJS.ProcessEnv);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  // A server that should refuse to start but starts is killed, not left running.
  const timer = setTimeout(() => child.kill("SIGKILL"), READY_WITHIN_MS);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}
