import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { mailOutbox } from "../../db/schema";

/**
 * The mail outbox: every mail is a row before it is sent (written in the
 * transaction that claims its notifications) and marked sent afterwards.
 * dedupKey is unique, so the same mail can never be queued twice. A sender
 * claims a row before sending it (claimMail), so two senders never send the
 * same row at the same time.
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

/**
 * How long a sender may hold a mail (claimMail). Longer than one SMTP send
 * can take (the transport's timeouts, mailer.server.ts); a sender that died
 * leaves the mail to the next run after this.
 */
export const MAIL_CLAIM_LEASE_MS = 10 * 60_000;

const claimable = (now: Date) =>
  and(
    isNull(mailOutbox.sentAt),
    lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS),
    or(isNull(mailOutbox.claimedUntil), lt(mailOutbox.claimedUntil, now)),
  );

/** Mails still to send and held by no sender, oldest first. Only claimMail decides who sends one. */
export function listUnsentMail(now: Date = new Date(), limit = 200) {
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
    .where(claimable(now))
    .orderBy(asc(mailOutbox.id))
    .limit(limit)
    .all();
}

/**
 * Takes the mail for one sender: true for exactly one of several senders
 * (server scheduler, `npm run digest`) that try at the same time, and false
 * once it is sent or while another sender's lease runs. One UPDATE, so
 * SQLite's write lock decides between processes.
 */
export function claimMail(id: number, claimer: string, now: Date = new Date()): boolean {
  const result = getDb()
    .update(mailOutbox)
    .set({ claimedBy: claimer, claimedUntil: new Date(now.getTime() + MAIL_CLAIM_LEASE_MS) })
    .where(and(eq(mailOutbox.id, id), claimable(now)))
    .run();
  return result.changes === 1;
}

/** Sent is sent, also when the lease ran out meanwhile: marking it keeps others from sending it once more. */
export function markMailSent(id: number): void {
  getDb()
    .update(mailOutbox)
    .set({ sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null, claimedBy: null, claimedUntil: null })
    .where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt)))
    .run();
}

/** Gives the claim back for the next retry; a claim another sender holds by now is left alone. */
export function markMailFailed(id: number, claimer: string, error: string): void {
  getDb()
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, lastError: error.slice(0, 1000), claimedBy: null, claimedUntil: null })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.claimedBy, claimer)))
    .run();
}

/** For tests and the digest script's summary. */
export function getMail(id: number) {
  return getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
}
