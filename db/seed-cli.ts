/** `npm run db:seed`: the demo data, on an empty or demo database only (see seed.ts). */
import { prepareDatabase } from "./bootstrap.server";
import { closeDb } from "./client.server";

prepareDatabase({ seedDemo: true })
  .then(() => {
    process.stdout.write("Demodaten sind vorhanden.\n");
    closeDb();
  })
  .catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
