import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { mailOutbox, notifications, users } from "../../db/schema";
import { queueMail } from "../../app/models/notification-outbox.server";
import { startMailScheduler } from "../../app/notifications/scheduler.server";
import { makeUser } from "../setup/notification-fixtures";
import { smtpForMailer, type TestSmtpServer } from "../setup/smtp-server";
import { useTempDatabase } from "../setup/test-db";

/**
 * startMailScheduler as server.ts runs it, with its clock and intervals
 * passed in: the digest goes out when DIGEST_HOUR has come (Berlin time),
 * once per day, and mail the SMTP server refused is tried again.
 */

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

let smtp: TestSmtpServer;
let restoreSmtp: (() => Promise<void>) | undefined;
let cleanup: () => void;
let scheduler: { stop: () => Promise<void> } | undefined;

beforeAll(async () => {
  cleanup = useTempDatabase().cleanup;
  ({ smtp, restore: restoreSmtp } = await smtpForMailer("https://ag.example.de"));
});

afterAll(async () => {
  await restoreSmtp?.();
  cleanup?.();
});

beforeEach(() => {
  getDb().delete(notifications).run();
  getDb().delete(mailOutbox).run();
  smtp.accepted.length = 0;
  smtp.beforeAccept = null;
});

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Nicht eingetreten: ${what}`);
    await sleep(10);
  }
}

function emailOf(userId: number): string {
  return getDb().select({ email: users.email }).from(users).where(eq(users.id, userId)).get()!.email;
}

function digestItem(userId: number, createdAt: Date) {
  getDb().insert(notifications).values({ userId, kind: "new_document", text: "Neues Dokument.", link: "/gruppen", createdAt, delivery: "digest" }).run();
}

describe("startMailScheduler", () => {
  it("runs the digest when the hour has come in Berlin, once a day", async () => {
    const anna = makeUser("Anna Schmidt");
    const jonas = makeUser("Jonas Weber");
    // 10 March 2030: winter time, Berlin = UTC + 1.
    digestItem(anna, new Date("2030-03-10T04:00:00Z"));
    digestItem(jonas, new Date("2030-03-10T04:00:00Z"));
    let now = new Date("2030-03-10T05:58:00Z"); // 06:58 in Berlin
    scheduler = startMailScheduler({ digestHour: 7, tickMs: 10, retryEveryTicks: 1_000, clock: () => now });

    await sleep(150);
    expect(smtp.accepted).toEqual([]);
    expect(getDb().select().from(mailOutbox).all()).toEqual([]);

    now = new Date("2030-03-10T06:00:00Z"); // 07:00 in Berlin
    await until(() => smtp.accepted.length === 2, "two digest mails");
    expect(smtp.accepted.map((m) => m.to[0]).sort()).toEqual([emailOf(anna), emailOf(jonas)].sort());
    expect(getDb().select({ key: mailOutbox.dedupKey }).from(mailOutbox).all().map((r) => r.key).sort()).toEqual(
      [`digest:${anna}:2030-03-10`, `digest:${jonas}:2030-03-10`].sort(),
    );

    // Later that day: a new item waits, the digest does not run again.
    digestItem(anna, new Date("2030-03-10T08:00:00Z"));
    now = new Date("2030-03-10T09:00:00Z");
    await sleep(150);
    expect(smtp.accepted).toHaveLength(2);

    // The next day at the hour it goes out.
    now = new Date("2030-03-11T06:01:00Z");
    await until(() => smtp.accepted.length === 3, "the next day's digest");
    expect(smtp.accepted[2].to).toEqual([emailOf(anna)]);
    await sleep(100);
    expect(smtp.accepted).toHaveLength(3);
  });

  it("sends mail left unsent by a previous process right after the start, before the digest hour", async () => {
    const anna = makeUser("Anna Schmidt");
    queueMail({ userId: anna, toAddress: emailOf(anna), subject: "Liegen geblieben", textBody: "Text", dedupKey: "sofort:start" });
    // One tick an hour: only the start itself can send it.
    scheduler = startMailScheduler({ digestHour: 7, tickMs: 3_600_000, clock: () => new Date("2030-03-10T05:00:00Z") });
    await until(() => smtp.accepted.length === 1, "the mail sent at the start", 2_000);
    // The test server counts the mail when it takes it; the scheduler marks it sent once the reply is back.
    await until(() => getDb().select().from(mailOutbox).get()!.sentAt !== null, "the mail marked as sent", 2_000);
    expect(smtp.accepted.map((m) => m.to[0])).toEqual([emailOf(anna)]);
  });

  it("tries mail the SMTP server refused again at the retry interval", async () => {
    const anna = makeUser("Anna Schmidt");
    const { id } = queueMail({ userId: anna, toAddress: emailOf(anna), subject: "Sofort", textBody: "Text", dedupKey: "sofort:retry" })!;
    let refusals = 0;
    smtp.beforeAccept = () => {
      if (refusals >= 2) return;
      refusals++;
      return "451 4.3.0 Bitte später erneut versuchen";
    };
    const row = () => getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).get()!;
    scheduler = startMailScheduler({ digestHour: 7, tickMs: 20, retryEveryTicks: 5, clock: () => new Date("2030-03-10T05:00:00Z") });

    await until(() => row().attempts === 1, "the first attempt");
    expect(row()).toMatchObject({ sentAt: null, claimedBy: null });
    expect(row().lastError).toContain("451");
    await until(() => row().sentAt !== null, "the mail sent on a retry");
    expect(row()).toMatchObject({ attempts: 3, lastError: null });
    expect(smtp.accepted.map((m) => m.to[0])).toEqual([emailOf(anna)]);
  });
});
