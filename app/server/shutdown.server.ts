import type http from "node:http";
import { closeDb } from "../../db/client.server";
import { logger } from "./logger.server";

type Closable = { close(reason: string): Promise<void> | void };

/** Requests in flight get this long to finish before their connections are cut. */
const GRACE_MS = 10_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, tell
 * sockets why and close them, let requests in flight finish, close the
 * database (which checkpoints the WAL), exit.
 */
export function installGracefulShutdown(httpServer: http.Server, realtime: Closable) {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await realtime.close("Der Server wird neu gestartet.");
    const timer = setTimeout(() => {
      logger.warn("requests still open after grace period, closing them");
      httpServer.closeAllConnections();
    }, GRACE_MS);
    timer.unref();
    await closed;
    closeDb();
    logger.info("shutdown complete");
    logger.flush();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  // Started by a program with an IPC channel (the test harness, a process manager): when that
  // program ends, however it ends (a killed test worker sends no signal), the channel closes and
  // the server ends too, instead of serving on unseen.
  if (process.channel) {
    process.channel.unref();
    process.once("disconnect", () => void shutdown("parent process gone"));
  }
  return { isShuttingDown: () => shuttingDown };
}
