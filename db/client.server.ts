import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { getEnv } from "../app/server/env.server";
import { forgetSingleton, singleton } from "../app/server/singleton.server";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export class DatabaseFileError extends Error {}

/**
 * Opens the SQLite file, creating it (and its folder) when missing. A file that
 * exists but is not a database stops here with a message naming the path; it
 * is never overwritten.
 */
export function openDatabase(filePath: string): Db {
  const absolute = path.resolve(filePath);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(absolute, { fileMustExist: false });
    // Reading the schema version makes SQLite read the header; a foreign file fails here.
    sqlite.pragma("schema_version", { simple: true });
  } catch (error) {
    throw new DatabaseFileError(
      `Die Datei ${absolute} ist keine gültige SQLite-Datenbank (${(error as Error).message}). ` +
        `Sie wird nicht überschrieben: Pfad in DATABASE_PATH prüfen oder die Datei sichern und entfernen.`,
    );
  }
  // First: any statement below may meet another connection's lock (a checkpoint, a commit).
  sqlite.pragma("busy_timeout = 5000");
  // WAL: readers never wait for the writer (docs/decisions/003-sqlite-wal.md).
  sqlite.pragma("journal_mode = WAL");
  // FULL: a commit survives power loss too, at ~0.1 ms per commit here (docs/decisions/004).
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  return withImmediateTransactions(drizzle(sqlite, { schema }) as Db);
}

/**
 * Makes IMMEDIATE the default of `db.transaction`. Our transactions read
 * before they write (claim a digest, decide a request, move a status). A
 * DEFERRED one reads from a snapshot, and when another connection commits
 * before its first write (the server's writer thread does so all the time
 * while people type; the digest CLI is another process), SQLite fails the
 * write at once with SQLITE_BUSY_SNAPSHOT ("database is locked"): the busy
 * timeout cannot help, since the snapshot is already stale. IMMEDIATE takes
 * the write lock at BEGIN, so it waits for the other commit instead.
 * Nested calls become savepoints, as before.
 */
function withImmediateTransactions(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: "immediate", ...config })) as Db["transaction"];
  return db;
}

/** The process's one database client, opened on first use from DATABASE_PATH. */
export function getDb(): Db {
  return singleton("db", () => openDatabase(getEnv().DATABASE_PATH));
}

export function closeDb(): void {
  const store = (globalThis as { __agPortal?: Record<string, unknown> }).__agPortal;
  const db = store?.db as Db | undefined;
  if (db) {
    db.$client.close();
    forgetSingleton("db");
  }
}
