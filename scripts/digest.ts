/**
 * `npm run digest`: sends the daily digest now (one mail per user and day,
 * never twice) and every unsent outbox mail. Uses DATABASE_PATH like the
 * server; without SMTP_URL the mails become .eml files in OUTBOX_DIR. The
 * server runs the same at DIGEST_HOUR, and both may run at once: the dedup
 * key queues one digest per user and day, and each mail is claimed before it
 * is sent, so only one of them sends it. .eml files go out exactly once
 * (an existing file is never rewritten); over SMTP a sender that dies after
 * the server accepted a mail but before marking it sent leaves it to be sent
 * again after the claim's lease (docs/decisions/005-mail-outbox-and-digest.md).
 */
import { runDigest } from "../app/notifications/digest.server";
import { getEnv } from "../app/server/env.server";
import { prepareDatabase } from "../db/bootstrap.server";
import { closeDb } from "../db/client.server";

const mails = (n: number) => (n === 1 ? "1 E-Mail" : `${n} E-Mails`);

async function main() {
  const env = getEnv();
  await prepareDatabase({ seedDemo: false });
  const summary = await runDigest(new Date());
  closeDb();
  const where = env.SMTP_URL ? "per SMTP" : `als .eml-Dateien in ${env.OUTBOX_DIR}`;
  process.stdout.write(
    `Tagesüberblick: ${summary.queued} neu eingereiht, ${mails(summary.sent)} versandt (${where}), ${summary.failed} fehlgeschlagen.\n`,
  );
  if (summary.failed > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`Tagesüberblick fehlgeschlagen: ${error.message}\n`);
  process.exit(1);
});
