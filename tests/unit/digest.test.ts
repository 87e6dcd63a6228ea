import fs from "node:fs";
import path from "node:path";
import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { mailOutbox, notifications } from "../../db/schema";
import { claimDigest } from "../../app/models/notification-digest.server";
import { claimMail, MAIL_CLAIM_LEASE_MS, markMailFailed, markMailSent, queueMail } from "../../app/models/notification-outbox.server";
import { notify } from "../../app/models/notification.server";
import { berlinDay, berlinDayLabel, runDigest } from "../../app/notifications/digest.server";
import { emlFileName } from "../../app/notifications/mailer.server";
import { composeDigestMail, groupDigestItems } from "../../app/notifications/mail-texts";
import { digestDue } from "../../app/notifications/scheduler.server";
import { forgetSingleton } from "../../app/server/singleton.server";
import { useTempDatabase } from "../setup/test-db";
import { makeDocument, makeGroup, makeProposal, makeThread, makeUser } from "../setup/notification-fixtures";

// The logger is created on import; keep the mail log lines out of the test output.
vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

let cleanup: () => void;
let outboxDir: string;
const ORIGIN = "https://ag.example.de";

beforeAll(() => {
  const db = useTempDatabase();
  cleanup = db.cleanup;
  outboxDir = path.join(path.dirname(db.dbPath), "mails");
  process.env.OUTBOX_DIR = outboxDir;
  process.env.PUBLIC_ORIGIN = ORIGIN;
  delete process.env.SMTP_URL;
  forgetSingleton("env");
});

afterAll(() => {
  delete process.env.OUTBOX_DIR;
  delete process.env.PUBLIC_ORIGIN;
  forgetSingleton("env");
  cleanup();
});

beforeEach(() => {
  getDb().delete(notifications).run();
  getDb().delete(mailOutbox).run();
  fs.rmSync(outboxDir, { recursive: true, force: true });
});

const files = () => (fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).sort() : []);
const later = () => new Date(Date.now() + 1000);
/** The .eml body is quoted-printable; this turns it back into text. */
function decodeEml(raw: string): string {
  const body = raw.slice(raw.indexOf("\n\n") + 2).replace(/=\r?\n/g, "");
  return Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
}

describe("digest texts", () => {
  it("groups by group (alphabetical, no group last), then by kind in catalogue order", () => {
    const sections = groupDigestItems([
      { id: 5, kind: "new_document", groupTitle: "Zukunft Register", text: "Z-Dokument" },
      { id: 2, kind: "topic_decision", groupTitle: null, text: "Thema entschieden" },
      { id: 3, kind: "document_status", groupTitle: "Antragsverfahren", text: "Status" },
      { id: 1, kind: "reply", groupTitle: "Antragsverfahren", text: "Antwort" },
      { id: 4, kind: "new_document", groupTitle: "Antragsverfahren", text: "Dokument" },
    ]);
    expect(sections.map((s) => s.heading)).toEqual([
      "Arbeitsgruppe „Antragsverfahren“",
      "Arbeitsgruppe „Zukunft Register“",
      "Wie weiter? – Themenvorschläge und Anfragen",
    ]);
    expect(sections[0].kinds.map((k) => k.kind)).toEqual(["reply", "new_document", "document_status"]);
  });

  it("writes a German mail with absolute links that mark the notification read", () => {
    const mail = composeDigestMail("Anna Schmidt", [{ id: 7, kind: "new_document", groupTitle: "AG", text: "Neu." }], "2. Dezember 2026", ORIGIN);
    expect(mail.subject).toBe("AG-Portal: Ihr Tagesüberblick vom 2. Dezember 2026");
    expect(mail.textBody).toContain("Guten Tag Anna Schmidt,");
    expect(mail.textBody).toContain("Neue Dokumente:\n- Neu.\n  https://ag.example.de/benachrichtigungen/7/oeffnen");
    expect(mail.textBody).toContain("https://ag.example.de/konto/benachrichtigungen");
  });

  it("counts days and the digest hour in Berlin time", () => {
    // 23:30 UTC on 1 Dec is 00:30 on 2 Dec in Berlin.
    expect(berlinDay(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-02");
    expect(berlinDayLabel(new Date("2026-12-01T23:30:00Z"))).toBe("2. Dezember 2026");
    // 06:30 UTC in winter is 07:30 in Berlin; in summer 05:30 UTC is 07:30.
    expect(digestDue(new Date("2026-12-02T06:30:00Z"), 7, null)).toBe(true);
    expect(digestDue(new Date("2026-12-02T05:30:00Z"), 7, null)).toBe(false);
    expect(digestDue(new Date("2026-07-02T05:30:00Z"), 7, null)).toBe(true);
    expect(digestDue(new Date("2026-12-02T06:30:00Z"), 7, "2026-12-02")).toBe(false);
  });
});

describe("runDigest", () => {
  let anna: number, jonas: number, petra: number, groupA: number, groupB: number;

  beforeAll(() => {
    anna = makeUser("Anna Schmidt");
    jonas = makeUser("Jonas Weber");
    petra = makeUser("Petra Hoffmann");
    groupA = makeGroup("Antragsverfahren", [[anna], [jonas], [petra]]);
    groupB = makeGroup("Register", [[anna], [jonas]]);
  });

  function someActivity() {
    notify({ kind: "new_document", groupId: groupA, actorId: petra, documentId: makeDocument(groupA, petra, "Leitfaden") });
    notify({ kind: "new_thread", groupId: groupB, actorId: jonas, threadId: makeThread(groupB, jonas, "Registermodernisierung"), mentionedUserIds: [] });
    notify({ kind: "document_status", groupId: groupA, actorId: petra, documentId: makeDocument(groupA, petra, "Protokoll"), toStatus: "beschlossen" });
  }

  it("writes one mail per user with that user's items, grouped, and marks them carried", async () => {
    someActivity();
    const summary = await runDigest(later());
    // anna: 3 items (A doc, B thread, A status); jonas: 2 (A doc, A status); petra: the B thread is not hers.
    expect(summary).toMatchObject({ queued: 2, sent: 2, failed: 0 });
    const mails = getDb().select().from(mailOutbox).all();
    expect(mails.map((m) => m.dedupKey).sort()).toEqual([`digest:${anna}:${berlinDay(new Date())}`, `digest:${jonas}:${berlinDay(new Date())}`].sort());
    expect(files()).toEqual(mails.map((m) => emlFileName(m)).sort());
    const annaMail = mails.find((m) => m.userId === anna)!;
    const text = decodeEml(fs.readFileSync(path.join(outboxDir, emlFileName(annaMail)), "utf8"));
    expect(text).toContain("Guten Tag Anna Schmidt,");
    expect(text).toContain("3 Neuigkeiten");
    const a = text.indexOf("Arbeitsgruppe „Antragsverfahren“");
    const b = text.indexOf("Arbeitsgruppe „Register“");
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(text.indexOf("Neue Dokumente:")).toBeLessThan(text.indexOf("Statuswechsel von Dokumenten:"));
    expect(text).toContain("„Leitfaden“");
    expect(text).toContain("„Registermodernisierung“");
    expect(getDb().select().from(notifications).where(isNull(notifications.mailId)).all()).toEqual([]);
    expect(mails.every((m) => m.sentAt !== null)).toBe(true);
  });

  it("never twice: a second run the same day sends nothing, later items wait for tomorrow", async () => {
    someActivity();
    await runDigest(later());
    const before = files();
    expect(before).toHaveLength(2);
    notify({ kind: "new_document", groupId: groupA, actorId: petra, documentId: makeDocument(groupA, petra, "Nachtrag") });
    const again = await runDigest(later());
    expect(again).toMatchObject({ queued: 0, alreadyQueued: 2, sent: 0 });
    expect(files()).toEqual(before);
    expect(getDb().select().from(mailOutbox).all()).toHaveLength(2);
    // The next day picks the waiting item up.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const next = await runDigest(tomorrow);
    expect(next).toMatchObject({ queued: 2, sent: 2 });
    expect(files()).toHaveLength(4);
  });

  it("a crash after the outbox row was committed but before sending: the next run sends it exactly once", async () => {
    someActivity();
    const now = later();
    // Step 1 only, as if the process died right after the commit.
    expect(claimDigest(anna, now, berlinDay(now), berlinDayLabel(now), ORIGIN)).toBe("queued");
    expect(files()).toEqual([]);
    const resumed = await runDigest(now);
    expect(resumed).toMatchObject({ queued: 1, alreadyQueued: 0, sent: 2 });
    expect(files()).toHaveLength(2);
    expect(getDb().select().from(mailOutbox).where(eq(mailOutbox.userId, anna)).all()).toHaveLength(1);
    const third = await runDigest(now);
    expect(third).toMatchObject({ queued: 0, sent: 0 });
    expect(files()).toHaveLength(2);
  });

  it("a crash after the file was written but before it was marked sent: the file is not rewritten", async () => {
    someActivity();
    const now = later();
    claimDigest(anna, now, berlinDay(now), berlinDayLabel(now), ORIGIN);
    const row = getDb().select().from(mailOutbox).where(eq(mailOutbox.userId, anna)).get()!;
    fs.mkdirSync(outboxDir, { recursive: true });
    const file = path.join(outboxDir, emlFileName(row));
    fs.writeFileSync(file, "schon geschrieben");
    await runDigest(now);
    expect(fs.readFileSync(file, "utf8")).toBe("schon geschrieben");
    expect(getDb().select().from(mailOutbox).where(eq(mailOutbox.id, row.id)).get()!.sentAt).not.toBeNull();
    expect(files()).toHaveLength(2);
  });

  it("leaves out notifications delivered in the portal only or by mail at once, and topic decisions go last", async () => {
    const proposalId = makeProposal(anna, "Open Data", [jonas]);
    notify({ kind: "topic_decision", proposalId, actorId: petra, toStatus: "abgelehnt", reason: "Doppelt" }); // sofort by default
    const sofort = getDb().select().from(mailOutbox).all();
    expect(sofort.map((m) => m.dedupKey.split(":")[0])).toEqual(["sofort", "sofort"]);
    const digest = await runDigest(later());
    // Only the two sofort mails went out; no digest was queued.
    expect(digest).toMatchObject({ queued: 0, sent: 2 });
  });
});

describe("claimMail: one sender per mail", () => {
  const row = (id: number) => getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).get()!;
  const queue = (key: string) => queueMail({ userId: makeUser("Anna Schmidt"), toAddress: "a@test.example", subject: "S", textBody: "T", dedupKey: key })!.id;

  it("of two senders only the first gets the mail; a sent mail is claimed by nobody", () => {
    const id = queue("sofort:claim-1");
    const now = new Date();
    expect(claimMail(id, "server", now)).toBe(true);
    expect(claimMail(id, "script", now)).toBe(false);
    expect(row(id)).toMatchObject({ claimedBy: "server", claimedUntil: new Date(now.getTime() + MAIL_CLAIM_LEASE_MS) });
    markMailSent(id);
    expect(row(id)).toMatchObject({ claimedBy: null, claimedUntil: null, attempts: 1 });
    expect(claimMail(id, "script", new Date(now.getTime() + 2 * MAIL_CLAIM_LEASE_MS))).toBe(false);
  });

  it("a claim whose sender died expires with its lease", () => {
    const id = queue("sofort:claim-2");
    const now = new Date();
    expect(claimMail(id, "dead", now)).toBe(true);
    expect(claimMail(id, "next", new Date(now.getTime() + MAIL_CLAIM_LEASE_MS - 1))).toBe(false);
    expect(claimMail(id, "next", new Date(now.getTime() + MAIL_CLAIM_LEASE_MS + 1))).toBe(true);
    expect(row(id).claimedBy).toBe("next");
  });

  it("a failure gives the claim back, but only the claimer's", () => {
    const id = queue("sofort:claim-3");
    const now = new Date();
    claimMail(id, "server", now);
    markMailFailed(id, "someone-else", "nicht meiner");
    expect(row(id)).toMatchObject({ claimedBy: "server", attempts: 0, lastError: null });
    markMailFailed(id, "server", "451 später");
    expect(row(id)).toMatchObject({ claimedBy: null, claimedUntil: null, attempts: 1, lastError: "451 später" });
    expect(claimMail(id, "script", now)).toBe(true);
  });
});
