import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { groups, notifications, users } from "../../db/schema";
import { composeDigestMail } from "../notifications/mail-texts";
import { queueMail } from "./notification-outbox.server";

/**
 * Digest notifications no mail carries yet, created up to `now`. Read in the
 * portal or not: the digest is the day's overview of what happened
 * (tests/e2e/notifications.e2e.test.ts holds it to that).
 */
const pending = (now: Date) =>
  and(eq(notifications.delivery, "digest"), isNull(notifications.mailId), lte(notifications.createdAt, now));

/** Active users with something for their digest. */
export function usersWithPendingDigest(now: Date): number[] {
  return getDb()
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(pending(now), isNull(users.deactivatedAt)))
    .orderBy(asc(notifications.userId))
    .all()
    .map((r) => r.userId);
}

export type DigestClaim = "queued" | "already_queued" | "nothing";

/**
 * In one transaction: the user's digest mail goes into the outbox (at most
 * one per user and day, by its dedupKey) and the notifications it carries
 * point at it. A crash before the commit leaves neither; after it, both, and
 * the next run only has to send the row.
 */
export function claimDigest(userId: number, now: Date, day: string, dayLabel: string, origin: string): DigestClaim {
  const db = getDb();
  return db.transaction((): DigestClaim => {
    const user = db.select({ email: users.email, name: users.displayName }).from(users).where(eq(users.id, userId)).get();
    const items = db
      .select({ id: notifications.id, kind: notifications.kind, text: notifications.text, groupTitle: groups.title })
      .from(notifications)
      .leftJoin(groups, eq(groups.id, notifications.groupId))
      .where(and(eq(notifications.userId, userId), pending(now)))
      .orderBy(asc(notifications.id))
      .all();
    if (!user || items.length === 0) return "nothing";
    const mail = composeDigestMail(user.name, items, dayLabel, origin);
    const queued = queueMail({ userId, toAddress: user.email, ...mail, dedupKey: `digest:${userId}:${day}` }, db);
    // Today's digest exists already: what came since waits for tomorrow's.
    if (!queued) return "already_queued";
    db.update(notifications)
      .set({ mailId: queued.id })
      .where(inArray(notifications.id, items.map((i) => i.id)))
      .run();
    return "queued";
  });
}
