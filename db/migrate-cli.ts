/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH (the server does this at start too). */
import { closeDb, getDb } from "./client.server";
import { applyMigrations } from "./migrate.server";
import { getEnv } from "../app/server/env.server";

try {
  applyMigrations(getDb());
  process.stdout.write(`Migrationen angewendet: ${getEnv().DATABASE_PATH}\n`);
  closeDb();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
