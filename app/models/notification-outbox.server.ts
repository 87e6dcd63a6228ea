import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { mailOutbox } from "../../db/schema";

/**
 * The mail outbox: every mail is a row before it is sent (written in the
 * transaction that claims its notifications) and marked sent afterwards.
 * dedupKey is unique, so the same mail can never be queued twice.
 */

/** After this many failed attempts a mail stays in the outbox for a person to look at. */
export const MAX_MAIL_ATTEMPTS = 10;

export type NewMail = { userId: number; toAddress: string; subject: string; textBody: string; dedupKey: string };

/** Queues a mail; undefined when a mail with this dedupKey exists already. */
export function queueMail(values: NewMail, db: Db = getDb()): { id: number } | undefined {
  return db
    .insert(mailOutbox)
    .values({ ...values, createdAt: new Date() })
    .onConflictDoNothing({ target: mailOutbox.dedupKey })
    .returning({ id: mailOutbox.id })
    .get();
}

/** Mails still to send, oldest first. */
export function listUnsentMail(limit = 200) {
  return getDb()
    .select({
      id: mailOutbox.id,
      dedupKey: mailOutbox.dedupKey,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      createdAt: mailOutbox.createdAt,
      attempts: mailOutbox.attempts,
    })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS)))
    .orderBy(asc(mailOutbox.id))
    .limit(limit)
    .all();
}

export function markMailSent(id: number): void {
  getDb()
    .update(mailOutbox)
    .set({ sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
    .where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt)))
    .run();
}

export function markMailFailed(id: number, error: string): void {
  getDb()
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(mailOutbox.id, id))
    .run();
}

/** For tests and the digest script's summary. */
export function getMail(id: number) {
  return getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
}
