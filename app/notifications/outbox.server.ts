import { listUnsentMail, markMailFailed, markMailSent } from "../models/notification-outbox.server";
import { getEnv } from "../server/env.server";
import { logger } from "../server/logger.server";
import { singleton } from "../server/singleton.server";
import { deliverMail } from "./mailer.server";

export type SendSummary = { sent: number; failed: number };

/**
 * Sends every unsent outbox mail once. Runs are chained per process (the
 * Remix bundle and server.ts share the chain through a singleton), so two
 * triggers at the same moment never send the same row twice; a failure is
 * kept on the row (attempts, lastError) and retried by the scheduler.
 */
export function sendPendingMail(): Promise<SendSummary> {
  const state = singleton("mailSendChain", () => ({ tail: Promise.resolve() as Promise<unknown> }));
  const run = state.tail.then(sendAllOnce, sendAllOnce);
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

async function sendAllOnce(): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0 };
  for (const mail of listUnsentMail()) {
    try {
      const outcome = await deliverMail(mail);
      markMailSent(mail.id);
      summary.sent++;
      if (outcome === "already_written") logger.info({ mailId: mail.id }, "mail file existed already, marked sent");
    } catch (error) {
      markMailFailed(mail.id, (error as Error).message);
      summary.failed++;
      logger.warn({ mailId: mail.id, err: error }, "mail not sent, will retry");
    }
  }
  return summary;
}
