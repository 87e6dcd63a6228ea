import { getDb } from "./client.server";
import { applyMigrations } from "./migrate.server";
import { seedDemo } from "./seed";
import { removeStaleTempFiles } from "../app/materials/storage.server";
import { deriveStaleDocuments } from "../app/models/document-content.server";

/** Opens (or creates) the database, applies pending migrations and, if asked, the demo data. */
export async function prepareDatabase(options: { seedDemo: boolean }) {
  const db = getDb();
  applyMigrations(db);
  // Uploads cut off by a crash leave .part files; nothing refers to them.
  await removeStaleTempFiles();
  if (options.seedDemo) await seedDemo(db);
  // A crash can stop the debounced derivation of a document's text (search, observers): catch up.
  deriveStaleDocuments();
  return db;
}
