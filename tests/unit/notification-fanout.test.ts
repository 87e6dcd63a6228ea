import fs from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { mailOutbox, notifications } from "../../db/schema";
import { countUnreadNotifications, getPreferences, markAllNotificationsRead, markNotificationRead, notify, setPreferences } from "../../app/models/notification.server";
import { sendPendingMail } from "../../app/notifications/outbox.server";
import { portalEvents } from "../../app/server/events.server";
import { forgetSingleton } from "../../app/server/singleton.server";
import { useTempDatabase } from "../setup/test-db";
import { makeDocument, makeGroup, makePost, makeProposal, makeThread, makeUser } from "../setup/notification-fixtures";

// The logger is created on import; keep the mail log lines out of the test output.
vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

let cleanup: () => void;
let outboxDir: string;

beforeAll(() => {
  const db = useTempDatabase();
  cleanup = db.cleanup;
  outboxDir = path.join(path.dirname(db.dbPath), "outbox");
  process.env.OUTBOX_DIR = outboxDir;
  delete process.env.SMTP_URL;
  forgetSingleton("env");
});

afterAll(() => {
  delete process.env.OUTBOX_DIR;
  cleanup();
});

beforeEach(() => {
  getDb().delete(notifications).run();
  getDb().delete(mailOutbox).run();
});

function received() {
  return getDb()
    .select({ userId: notifications.userId, kind: notifications.kind, delivery: notifications.delivery, text: notifications.text, link: notifications.link, mailId: notifications.mailId })
    .from(notifications)
    .orderBy(asc(notifications.userId))
    .all();
}
const recipients = () => received().map((n) => n.userId).sort((a, b) => a - b);

describe("notify(): who gets what", () => {
  const people = {} as Record<"anna" | "jonas" | "mod" | "petra" | "outsider" | "gone" | "starter", number>;
  let groupId: number;
  let secretGroupId: number;

  beforeAll(() => {
    people.anna = makeUser("Anna Schmidt");
    people.jonas = makeUser("Jonas Weber");
    people.mod = makeUser("Thomas Keller", { role: "moderator" });
    people.petra = makeUser("Petra Hoffmann");
    people.outsider = makeUser("Olaf Außen");
    people.gone = makeUser("Gerd Gegangen", { deactivated: true });
    people.starter = makeUser("Stefan Start");
    groupId = makeGroup("Digitale Antragsverfahren", [[people.anna], [people.jonas], [people.mod, "moderation"], [people.petra], [people.gone], [people.starter]]);
    secretGroupId = makeGroup("Vertrauliche Runde", [[people.anna], [people.jonas]], "vertraulich");
  });

  it("new document: every active member except the actor, digest by default, with title and link", () => {
    const documentId = makeDocument(groupId, people.anna, "Empfehlung Onlinezugang");
    notify({ kind: "new_document", groupId, actorId: people.anna, documentId });
    expect(recipients()).toEqual([people.jonas, people.mod, people.petra, people.starter].sort((a, b) => a - b));
    const first = received()[0];
    expect(first.delivery).toBe("digest");
    expect(first.mailId).toBeNull();
    expect(first.text).toBe("Anna Schmidt hat in „Digitale Antragsverfahren“ das Dokument „Empfehlung Onlinezugang“ angelegt.");
    expect(first.link).toMatch(new RegExp(`^/gruppen/gruppe-\\d+/dokumente/${documentId}$`));
  });

  it("document status: members minus actor, the German status name", () => {
    const documentId = makeDocument(groupId, people.anna, "Leitfaden");
    notify({ kind: "document_status", groupId, actorId: people.mod, documentId, toStatus: "in_konsultation" });
    expect(recipients()).not.toContain(people.mod);
    expect(recipients()).not.toContain(people.gone);
    expect(recipients()).not.toContain(people.outsider);
    expect(received()[0].text).toContain("„In Konsultation“");
  });

  it("mention: only mentioned members, never the actor, non-members or deactivated people; mail at once", async () => {
    const threadId = makeThread(groupId, people.starter, "Zugang für Kommunen");
    const postId = makePost(threadId, people.anna);
    notify({ kind: "mention", groupId, actorId: people.anna, threadId, postId, mentionedUserIds: [people.jonas, people.outsider, people.gone, people.anna] });
    const rows = received();
    expect(rows.map((r) => r.userId)).toEqual([people.jonas]);
    expect(rows[0].delivery).toBe("sofort");
    expect(rows[0].text).toBe("Anna Schmidt hat Sie in „Zugang für Kommunen“ erwähnt.");
    expect(rows[0].link).toMatch(new RegExp(`/diskussion/${threadId}#beitrag-${postId}$`));
    // The outbox row is written in the same transaction; the file follows outside it.
    expect(rows[0].mailId).not.toBeNull();
    const mail = getDb().select().from(mailOutbox).where(eq(mailOutbox.id, rows[0].mailId!)).get()!;
    expect(mail.dedupKey).toMatch(/^sofort:\d+$/);
    expect(mail.textBody).toContain("Anna Schmidt hat Sie in „Zugang für Kommunen“ erwähnt.");
    // Under NODE_ENV=test nothing is sent in the background: send now, as the request path would after the commit.
    await sendPendingMail();
    expect(getDb().select().from(mailOutbox).where(eq(mailOutbox.id, mail.id)).get()!.sentAt).not.toBeNull();
    expect(fs.readdirSync(outboxDir)).toContain(`${String(mail.id).padStart(6, "0")}-sofort.eml`);
  });

  it("reply: thread starter and everyone who wrote in it, minus actor and minus those mentioned in the same post", () => {
    const threadId = makeThread(groupId, people.starter, "Formulare");
    makePost(threadId, people.starter);
    makePost(threadId, people.jonas);
    makePost(threadId, people.petra);
    makePost(threadId, people.gone);
    const postId = makePost(threadId, people.anna);
    notify({ kind: "reply", groupId, actorId: people.anna, threadId, postId, mentionedUserIds: [people.petra] });
    expect(recipients()).toEqual([people.jonas, people.starter].sort((a, b) => a - b));
    expect(received()[0].kind).toBe("reply");
  });

  it("new thread: members minus actor and minus those mentioned in its first post", () => {
    const threadId = makeThread(groupId, people.jonas, "Neue Frage");
    notify({ kind: "new_thread", groupId, actorId: people.jonas, threadId, mentionedUserIds: [people.anna] });
    expect(recipients()).toEqual([people.mod, people.petra, people.starter].sort((a, b) => a - b));
  });

  it("a confidential group: someone who was removed (no longer a member) is not told", () => {
    const threadId = makeThread(secretGroupId, people.anna, "Intern");
    const postId = makePost(threadId, people.anna);
    makePost(threadId, people.petra); // wrote there while a member, since removed
    notify({ kind: "reply", groupId: secretGroupId, actorId: people.anna, threadId, postId, mentionedUserIds: [] });
    expect(recipients()).toEqual([]);
  });

  it("a thread of another group than the event names tells nobody", () => {
    const threadId = makeThread(secretGroupId, people.anna, "Fremd");
    notify({ kind: "new_thread", groupId, actorId: people.anna, threadId, mentionedUserIds: [] });
    expect(recipients()).toEqual([]);
  });

  it("join request answer: only the requester, with the reason of a decline", () => {
    notify({ kind: "join_request_answer", groupId, actorId: people.mod, requesterId: people.outsider, accepted: false, reason: "Bitte zuerst Kontakt aufnehmen." });
    const rows = received();
    expect(rows.map((r) => r.userId)).toEqual([people.outsider]);
    expect(rows[0].text).toBe("Ihre Anfrage zur Mitarbeit in „Digitale Antragsverfahren“ wurde abgelehnt. Begründung: Bitte zuerst Kontakt aufnehmen.");
    expect(rows[0].delivery).toBe("sofort");
  });

  it("topic decision: proposer and supporters, not the deciding moderator, not deactivated supporters", () => {
    const proposalId = makeProposal(people.anna, "KI in der Verwaltung", [people.jonas, people.gone, people.mod]);
    notify({ kind: "topic_decision", proposalId, actorId: people.mod, toStatus: "abgelehnt", reason: "Gibt es schon." });
    expect(recipients()).toEqual([people.anna, people.jonas].sort((a, b) => a - b));
    expect(received()[0].link).toBe(`/themen/${proposalId}`);
    expect(received()[0].text).toContain("„Abgelehnt“");
  });

  it("follows each person's preference per kind", () => {
    setPreferences(people.jonas, { new_document: "portal" });
    setPreferences(people.petra, { new_document: "sofort" });
    const documentId = makeDocument(groupId, people.anna, "Protokoll");
    notify({ kind: "new_document", groupId, actorId: people.anna, documentId });
    const byUser = new Map(received().map((r) => [r.userId, r]));
    expect(byUser.get(people.jonas)!.delivery).toBe("portal");
    expect(byUser.get(people.jonas)!.mailId).toBeNull();
    expect(byUser.get(people.petra)!.delivery).toBe("sofort");
    expect(byUser.get(people.petra)!.mailId).not.toBeNull();
    expect(byUser.get(people.mod)!.delivery).toBe("digest");
    expect(getPreferences(people.jonas)).toMatchObject({ new_document: "portal", mention: "sofort", reply: "digest" });
    setPreferences(people.jonas, { new_document: "digest" });
    setPreferences(people.petra, { new_document: "digest" });
  });

  it("tells the bells (notifications:changed) and counts, reads only one's own", () => {
    const seen: number[][] = [];
    const listener = ({ userIds }: { userIds: number[] }) => seen.push(userIds);
    portalEvents.on("notifications:changed", listener);
    try {
      const documentId = makeDocument(groupId, people.anna, "Zwischenstand");
      notify({ kind: "new_document", groupId, actorId: people.anna, documentId });
      expect(seen[0].sort((a, b) => a - b)).toEqual([people.jonas, people.mod, people.petra, people.starter].sort((a, b) => a - b));
      expect(countUnreadNotifications(people.jonas)).toBe(1);
      const jonasRow = getDb().select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, people.jonas)).get()!;
      expect(markNotificationRead(people.petra, jonasRow.id)).toBeUndefined();
      expect(countUnreadNotifications(people.jonas)).toBe(1);
      expect(markNotificationRead(people.jonas, jonasRow.id)?.link).toMatch(/\/dokumente\//);
      expect(countUnreadNotifications(people.jonas)).toBe(0);
      expect(markAllNotificationsRead(people.petra)).toBe(1);
      expect(countUnreadNotifications(people.petra)).toBe(0);
      expect(countUnreadNotifications(people.mod)).toBe(1);
    } finally {
      portalEvents.off("notifications:changed", listener);
    }
  });

  it("an event about something that no longer exists tells nobody and does not throw", () => {
    expect(() => notify({ kind: "new_document", groupId, actorId: people.anna, documentId: 999_999 })).not.toThrow();
    expect(recipients()).toEqual([]);
  });
});
