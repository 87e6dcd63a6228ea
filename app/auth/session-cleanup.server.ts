import { lte } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { sessions } from "../../db/schema";
import { logger } from "../server/logger.server";

const HOUR = 60 * 60 * 1000;

/** Expired sessions are refused anyway; deleting them keeps the promise of the privacy statement. */
export function deleteExpiredSessions(now = new Date()): number {
  return getDb().delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}

export function scheduleSessionCleanup(): void {
  const run = () => {
    const removed = deleteExpiredSessions();
    if (removed > 0) logger.info({ removed }, "expired sessions deleted");
  };
  run();
  setInterval(run, HOUR).unref();
}
