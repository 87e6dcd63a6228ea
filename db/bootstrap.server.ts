import { getDb } from "./client.server";
import { applyMigrations } from "./migrate.server";
import { seedDemo } from "./seed";

/** Opens (or creates) the database, applies pending migrations and, if asked, the demo data. */
export async function prepareDatabase(options: { seedDemo: boolean }) {
  const db = getDb();
  applyMigrations(db);
  if (options.seedDemo) await seedDemo(db);
  return db;
}
