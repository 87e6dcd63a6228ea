import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "../../db/client.server";
import { applyMigrations } from "../../db/migrate.server";
import { forgetSingleton } from "../../app/server/singleton.server";

/**
 * A migrated SQLite file in a fresh temp folder for this test file; the
 * models' getDb() uses it. Returns the path and a cleanup.
 */
export function useTempDatabase(): { dbPath: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-test-"));
  const dbPath = path.join(dir, "portal.db");
  process.env.DATABASE_PATH = dbPath;
  process.env.LOG_LEVEL ??= "silent";
  closeDb();
  forgetSingleton("env");
  applyMigrations(getDb());
  return {
    dbPath,
    cleanup: () => {
      closeDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
