import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client.server";

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../migrations",
);

export function applyMigrations(db: Db): void {
  migrate(db, { migrationsFolder });
}

/** True when every migration in migrations/ has been applied to this database. */
export function migrationsApplied(db: Db): boolean {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
  ) as { entries: { when: number }[] };
  const latest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const row = db.$client
      .prepare("SELECT max(created_at) AS last FROM __drizzle_migrations")
      .get() as { last: number | null };
    return row.last !== null && Number(row.last) >= latest;
  } catch {
    return false;
  }
}
