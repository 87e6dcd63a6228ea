import { claimDigest, usersWithPendingDigest } from "../models/notification-digest.server";
import { getEnv } from "../server/env.server";
import { sendPendingMail, type SendSummary } from "./outbox.server";

/**
 * The daily digest. Step 1 queues one mail per user and day (claimDigest,
 * one transaction each); step 2 sends every unsent outbox mail, each claimed
 * first so a concurrent run does not send it too. Whatever stops a run
 * between or during the steps, a later run finds the rows and sends them:
 * .eml exactly once (an existing file only marks its row sent), SMTP at least
 * once (see docs/decisions/005-mail-outbox-and-digest.md).
 */

/** Days and hours of the digest are those of the portal's users: Thuringia, Europe/Berlin. */
export const DIGEST_TIME_ZONE = "Europe/Berlin";

/** "2026-12-02": the calendar day in Berlin, for the dedup key. */
export function berlinDay(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: DIGEST_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** "2. Dezember 2026": the day in the mail's subject. */
export function berlinDayLabel(now: Date): string {
  return new Intl.DateTimeFormat("de-DE", { timeZone: DIGEST_TIME_ZONE, dateStyle: "long" }).format(now);
}

export type DigestSummary = { queued: number; alreadyQueued: number } & SendSummary;

export async function runDigest(now: Date = new Date()): Promise<DigestSummary> {
  const origin = getEnv().PUBLIC_ORIGIN;
  const day = berlinDay(now);
  const label = berlinDayLabel(now);
  let queued = 0;
  let alreadyQueued = 0;
  for (const userId of usersWithPendingDigest(now)) {
    const outcome = claimDigest(userId, now, day, label, origin);
    if (outcome === "queued") queued++;
    if (outcome === "already_queued") alreadyQueued++;
  }
  const sent = await sendPendingMail();
  return { queued, alreadyQueued, ...sent };
}
