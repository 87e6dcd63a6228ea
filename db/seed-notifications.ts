import { and, eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { documents, notifications, type NotificationDelivery, type NotificationKind } from "./schema";

type DemoNotification = {
  to: string;
  actor: string;
  kind: NotificationKind;
  group: string;
  /** A demo document the notification points to (by title), or the group page. */
  document?: string;
  text: string;
  read: boolean;
  delivery: NotificationDelivery;
  hoursAgo: number;
};

/**
 * A few notifications for the demo accounts, matching the demo groups and
 * documents: some read, some unread, two waiting for the morning digest (so
 * `npm run digest` on a demo database writes a mail to look at).
 */
const demo: DemoNotification[] = [
  {
    to: "anna.schmidt@ag-portal.test",
    actor: "moderation@ag-portal.test",
    kind: "document_status",
    group: "digitales-rathaus",
    document: "Empfehlung: Checkliste „Digitales Rathaus“ für kleine und mittlere Kommunen",
    text: "Thomas Keller hat den Status von „Empfehlung: Checkliste „Digitales Rathaus“ für kleine und mittlere Kommunen“ auf „In Konsultation“ gesetzt.",
    read: false,
    delivery: "digest",
    hoursAgo: 3,
  },
  {
    to: "anna.schmidt@ag-portal.test",
    actor: "jonas.weber@ag-portal.test",
    kind: "new_document",
    group: "digitales-rathaus",
    document: "Protokoll der Auftaktsitzung am 14. Oktober 2026",
    text: "Jonas Weber hat in „Digitales Rathaus“ das Dokument „Protokoll der Auftaktsitzung am 14. Oktober 2026“ angelegt.",
    read: false,
    delivery: "digest",
    hoursAgo: 20,
  },
  {
    to: "anna.schmidt@ag-portal.test",
    actor: "moderation@ag-portal.test",
    kind: "new_document",
    group: "onlinezugangsgesetz",
    document: "Empfehlung zur Nachnutzung von EfA-Leistungen",
    text: "Thomas Keller hat in „Onlinezugangsgesetz in Land und Kommunen“ das Dokument „Empfehlung zur Nachnutzung von EfA-Leistungen“ angelegt.",
    read: true,
    delivery: "portal",
    hoursAgo: 72,
  },
  {
    to: "jonas.weber@ag-portal.test",
    actor: "anna.schmidt@ag-portal.test",
    kind: "new_document",
    group: "digitales-rathaus",
    document: "Empfehlung: E-Akte schrittweise einführen",
    text: "Anna Schmidt hat in „Digitales Rathaus“ das Dokument „Empfehlung: E-Akte schrittweise einführen“ angelegt.",
    read: false,
    delivery: "portal",
    hoursAgo: 5,
  },
  {
    to: "moderation@ag-portal.test",
    actor: "jonas.weber@ag-portal.test",
    kind: "new_document",
    group: "behoerden-chatbots-und-ki",
    document: "Leitfaden für den rechtssicheren Einsatz von Chatbots",
    text: "Jonas Weber hat in „Behörden-Chatbots und KI in der Verwaltung“ das Dokument „Leitfaden für den rechtssicheren Einsatz von Chatbots“ angelegt.",
    read: true,
    delivery: "portal",
    hoursAgo: 48,
  },
];

export function seedNotifications(db: Db, ctx: { userIds: Record<string, number>; groupIds: Record<string, number> }) {
  const now = Date.now();
  for (const n of demo) {
    const userId = ctx.userIds[n.to];
    const groupId = ctx.groupIds[n.group];
    if (!userId || !groupId) continue;
    const exists = db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.text, n.text)))
      .get();
    if (exists) continue;
    const doc = n.document
      ? db.select({ id: documents.id }).from(documents).where(and(eq(documents.groupId, groupId), eq(documents.title, n.document))).get()
      : undefined;
    const link = doc ? `/gruppen/${n.group}/dokumente/${doc.id}` : `/gruppen/${n.group}`;
    const createdAt = new Date(now - n.hoursAgo * 3600_000);
    db.insert(notifications)
      .values({
        userId,
        kind: n.kind,
        groupId,
        actorId: ctx.userIds[n.actor] ?? null,
        text: n.text,
        link,
        createdAt,
        readAt: n.read ? new Date(createdAt.getTime() + 3600_000) : null,
        delivery: n.delivery,
      })
      .run();
  }
}
