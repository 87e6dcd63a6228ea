import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import {
  groups,
  notificationPreferences,
  notifications,
  users,
  type NotificationDelivery,
  type NotificationKind,
} from "../../db/schema";
import type { NotificationEvent } from "../notifications/events";
import { composeSofortMail } from "../notifications/mail-texts";
import { sendPendingMailSoon } from "../notifications/outbox.server";
import { withDefaults, type DeliveryPreferences } from "../notifications/preferences";
import { getEnv } from "../server/env.server";
import { portalEvents } from "../server/events.server";
import { logger } from "../server/logger.server";
import { resolveFanout } from "./notification-recipients.server";
import { queueMail } from "./notification-outbox.server";

/**
 * Notifications: the fan-out from events of the data path, the bell's count,
 * the list, reading, and each user's delivery preferences.
 */

/**
 * Tells everyone concerned about an event. Called by the models after their
 * own transaction, so a failure here is logged and never undoes or fails
 * what the user just did. All rows (and the outbox rows of "sofort" mails)
 * are written in one transaction; the mails go out afterwards, outside the request.
 */
export function notify(event: NotificationEvent): void {
  try {
    const created = fanOut(event);
    if (created.userIds.length > 0) portalEvents.emit("notifications:changed", { userIds: created.userIds });
    if (created.mails > 0) sendPendingMailSoon();
  } catch (error) {
    logger.error({ err: error, kind: event.kind }, "notification fan-out failed");
  }
}

function fanOut(event: NotificationEvent): { userIds: number[]; mails: number } {
  const db = getDb();
  return db.transaction(() => {
    const fanout = resolveFanout(event);
    if (!fanout || fanout.userIds.length === 0) return { userIds: [], mails: 0 };
    const prefs = preferencesOf(fanout.userIds);
    const recipients = db
      .select({ id: users.id, email: users.email, name: users.displayName })
      .from(users)
      .where(inArray(users.id, fanout.userIds))
      .all();
    const groupTitle = fanout.groupId === null ? null : (db.select({ title: groups.title }).from(groups).where(eq(groups.id, fanout.groupId)).get()?.title ?? null);
    const now = new Date();
    let mails = 0;
    for (const recipient of recipients) {
      const delivery = prefs.get(recipient.id)![event.kind];
      const row = db
        .insert(notifications)
        .values({ userId: recipient.id, kind: event.kind, groupId: fanout.groupId, actorId: event.actorId, text: fanout.text, link: fanout.link, createdAt: now, delivery })
        .returning({ id: notifications.id })
        .get();
      if (delivery !== "sofort") continue;
      const mail = composeSofortMail(recipient.name, { id: row.id, kind: event.kind, groupTitle, text: fanout.text }, getEnv().PUBLIC_ORIGIN);
      const queued = queueMail({ userId: recipient.id, toAddress: recipient.email, ...mail, dedupKey: `sofort:${row.id}` }, db);
      if (queued) {
        db.update(notifications).set({ mailId: queued.id }).where(eq(notifications.id, row.id)).run();
        mails++;
      }
    }
    return { userIds: recipients.map((r) => r.id), mails };
  });
}

// ── Preferences ─────────────────────────────────────────────────────────────

function preferencesOf(userIds: number[]): Map<number, DeliveryPreferences> {
  const rows = getDb()
    .select({ userId: notificationPreferences.userId, kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.userId, userIds))
    .all();
  return new Map(userIds.map((id) => [id, withDefaults(rows.filter((r) => r.userId === id))]));
}

/** A user's delivery per kind, defaults filled in. */
export function getPreferences(userId: number): DeliveryPreferences {
  return preferencesOf([userId]).get(userId)!;
}

export function setPreferences(userId: number, prefs: Partial<Record<NotificationKind, NotificationDelivery>>): void {
  const db = getDb();
  db.transaction(() => {
    for (const [kind, delivery] of Object.entries(prefs) as [NotificationKind, NotificationDelivery][]) {
      db.insert(notificationPreferences)
        .values({ userId, kind, delivery })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery } })
        .run();
    }
  });
}

// ── The bell, the list, reading ─────────────────────────────────────────────

/** Unread notifications of one user: the bell's number. */
export function countUnreadNotifications(userId: number): number {
  const [{ n }] = getDb()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .all();
  return n;
}

export const NOTIFICATIONS_PER_PAGE = 20;

/** One page of a user's notifications, newest first. */
export function listNotifications(userId: number, page = 1) {
  const db = getDb();
  const [{ total }] = db.select({ total: count() }).from(notifications).where(eq(notifications.userId, userId)).all();
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      text: notifications.text,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      groupTitle: groups.title,
    })
    .from(notifications)
    .leftJoin(groups, eq(groups.id, notifications.groupId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(NOTIFICATIONS_PER_PAGE)
    .offset((current - 1) * NOTIFICATIONS_PER_PAGE)
    .all();
  return { notifications: rows, total, page: current, pageCount };
}

/**
 * Marks one of the user's own notifications read and returns its link;
 * undefined when it is not theirs (the user id is in the where clause).
 */
export function markNotificationRead(userId: number, notificationId: number): { link: string } | undefined {
  const db = getDb();
  const own = db
    .select({ link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .get();
  if (!own) return undefined;
  if (!own.readAt) {
    db.update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId), isNull(notifications.readAt)))
      .run();
    portalEvents.emit("notifications:changed", { userIds: [userId] });
  }
  return { link: own.link };
}

/** Returns how many were unread. */
export function markAllNotificationsRead(userId: number): number {
  const changed = getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
  if (changed > 0) portalEvents.emit("notifications:changed", { userIds: [userId] });
  return changed;
}
