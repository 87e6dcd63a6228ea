import fs from "node:fs";
import { closeDb, getDb } from "../../../db/client.server";

/**
 * The fixture database kept as a file and copied back before every call
 * that may change state, so no outcome depends on the calls before it.
 * The models reopen DATABASE_PATH on their next query.
 */
export function snapshotDatabase(dbPath: string): { restore: () => void } {
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb();
  const snapshotPath = `${dbPath}.snapshot`;
  fs.copyFileSync(dbPath, snapshotPath);
  return {
    restore() {
      closeDb();
      for (const suffix of ["-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
      fs.copyFileSync(snapshotPath, dbPath);
    },
  };
}
