import { randomUUID } from "node:crypto";
import { claimMail, listUnsentMail, markMailFailed, markMailSent } from "../models/notification-outbox.server";
import { getEnv } from "../server/env.server";
import { logger } from "../server/logger.server";
import { singleton } from "../server/singleton.server";
import { deliverMail } from "./mailer.server";

export type SendSummary = { sent: number; failed: number };

/**
 * Sends every unsent outbox mail once. Runs are chained per process (the
 * Remix bundle and server.ts share the chain through a singleton), so two
 * triggers in one process never even try the same row at once. Across
 * processes (the server's scheduler and `npm run digest`) each row is claimed
 * before it is sent (claimMail): only the claimer sends it. A failure is
 * kept on the row (attempts, lastError), the claim given back, and the
 * scheduler retries it. `now` is the clock the leases are read with.
 */
export function sendPendingMail(now?: () => Date): Promise<SendSummary> {
  const state = singleton("mailSendChain", () => ({ tail: Promise.resolve() as Promise<unknown> }));
  const send = () => sendAllOnce(now ?? (() => new Date()));
  const run = state.tail.then(send, send);
  state.tail = run.catch(() => undefined);
  return run;
}

/**
 * Fire and forget for request paths: the request never waits for a mail server.
 * Under NODE_ENV=test nothing runs behind a test's back (after its temp
 * database is gone); tests call sendPendingMail() themselves.
 */
export function sendPendingMailSoon(): void {
  if (getEnv().NODE_ENV === "test") return;
  setImmediate(() => {
    sendPendingMail().catch((error) => logger.error({ err: error }, "mail sending failed"));
  });
}

async function sendAllOnce(now: () => Date): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0 };
  // One id per run: the claim says which run holds a row, also in the log.
  const claimer = `${process.pid}:${randomUUID()}`;
  for (const mail of listUnsentMail(now())) {
    // The list is a snapshot; another sender may have taken or sent the row since.
    if (!claimMail(mail.id, claimer, now())) continue;
    try {
      const outcome = await deliverMail(mail);
      markMailSent(mail.id);
      summary.sent++;
      if (outcome === "already_written") logger.info({ mailId: mail.id }, "mail file existed already, marked sent");
    } catch (error) {
      markMailFailed(mail.id, claimer, (error as Error).message);
      summary.failed++;
      logger.warn({ mailId: mail.id, err: error }, "mail not sent, will retry");
    }
  }
  return summary;
}
