/**
 * The portal under test: the real server (`node --import tsx server.ts`,
 * NODE_ENV=production) as a child process pinned to the server core, on a
 * given database file, listening on loopback only. Collects its output
 * (line count and tail) and stops it with SIGTERM, SIGKILL after a grace time.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { cpusAllowed } from "./machine";
import { freePort, request } from "./http-client";
import { CPU_PROF_DIR, READY_TIMEOUT_MS, repoRoot, SERVER_CORE, SERVER_LOG_LEVEL, STOP_GRACE_MS } from "./settings";
import { log, sleep } from "./util";

export type ServerOptions = {
  port: number;
  origin: string;
  databasePath: string;
  seedDemo: boolean;
  /** Start with --cpu-prof into this folder (the profile is written at shutdown). */
  cpuProfDir: string | null;
};

export class PortalServer {
  readonly child: ChildProcess;
  /** Non-empty lines the server wrote to stdout and stderr so far. */
  logLines = 0;
  logTail = "";

  constructor(options: ServerOptions) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(options.port),
      // Only localhost traffic: the benchmark server listens on loopback only.
      HOST: "127.0.0.1",
      PUBLIC_ORIGIN: options.origin,
      DATABASE_PATH: options.databasePath,
      SEED_DEMO: String(options.seedDemo),
      LOG_LEVEL: SERVER_LOG_LEVEL,
      NODE_ENV: "production",
    };
    delete env.REMIX_DEV_ORIGIN;
    const nodeArgs = ["--import", "tsx"];
    // Extra V8/Node flags for experiments (e.g. "--log-deopt --logfile=/tmp/v8.log"), which NODE_OPTIONS refuses.
    nodeArgs.push(...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean));
    if (options.cpuProfDir) {
      fs.mkdirSync(options.cpuProfDir, { recursive: true });
      nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`);
    }
    // taskset execs node, so the child's pid is the server's pid.
    this.child = spawn("taskset", ["-c", SERVER_CORE, process.execPath, ...nodeArgs, "server.ts"], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      this.logLines += text.split("\n").filter((l) => l.trim() !== "").length;
      this.logTail = (this.logTail + text).slice(-4000);
    };
    this.child.stdout!.on("data", collect);
    this.child.stderr!.on("data", collect);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitReady(base: string) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`server exited during start-up (code ${this.child.exitCode}, signal ${this.child.signalCode}):\n${this.logTail}`);
      }
      try {
        const res = await request(`${base}/readyz`, { method: "GET" });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`server not ready within ${READY_TIMEOUT_MS / 1000} s:\n${this.logTail}`);
  }

  async stop() {
    const child = this.child;
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
    if (timedOut) {
      log(`server did not exit ${STOP_GRACE_MS / 1000} s after SIGTERM, sending SIGKILL`);
      child.kill("SIGKILL");
      await Promise.race([exited, sleep(2_000)]);
    }
  }
}

/** A started, ready portal and the addresses to reach it. */
export type Portal = {
  server: PortalServer;
  /** Where requests go (127.0.0.1). */
  base: string;
  /** The public origin the server was told (localhost), sent as Origin on forms. */
  origin: string;
  /** Host header matching the origin. */
  host: string;
};

/**
 * Starts the portal on a free port with `databasePath` and waits for /readyz.
 * `onStart` learns of the server at once, so cleanup can stop it even when
 * start-up fails.
 */
export async function startPortal(
  databasePath: string,
  options: { seedDemo: boolean; onStart: (server: PortalServer) => void },
): Promise<Portal> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const base = `http://127.0.0.1:${port}`;
  const server = new PortalServer({ port, origin, databasePath, seedDemo: options.seedDemo, cpuProfDir: CPU_PROF_DIR });
  options.onStart(server);
  await server.waitReady(base);
  const comm = fs.readFileSync(`/proc/${server.pid}/comm`, "utf8").trim();
  if (comm !== "node") throw new Error(`expected pid ${server.pid} to be the node server, it is "${comm}"`);
  log(`server pid ${server.pid} on core ${SERVER_CORE} (Cpus_allowed_list: ${cpusAllowed(server.pid)}), ready on ${base}, LOG_LEVEL=${SERVER_LOG_LEVEL}`);
  return { server, base, origin, host: `localhost:${port}` };
}

/** Creates the database file and applies the migrations (db/migrate-cli.ts), without starting the server. */
export function migrateDatabase(databasePath: string) {
  execFileSync(process.execPath, ["--import", "tsx", "db/migrate-cli.ts"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "production", LOG_LEVEL: SERVER_LOG_LEVEL },
    stdio: ["ignore", "ignore", "pipe"],
    timeout: READY_TIMEOUT_MS,
  });
}
