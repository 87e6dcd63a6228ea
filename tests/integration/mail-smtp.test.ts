import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { mailOutbox, notifications, users } from "../../db/schema";
import { MAIL_CLAIM_LEASE_MS } from "../../app/models/notification-outbox.server";
import { runDigest } from "../../app/notifications/digest.server";
import { sendPendingMail } from "../../app/notifications/outbox.server";
import { makeUser } from "../setup/notification-fixtures";
import { smtpForMailer, type TestSmtpServer } from "../setup/smtp-server";
import { useTempDatabase } from "../setup/test-db";

/**
 * Mail over SMTP, against a real SMTP server on a local port
 * (tests/setup/smtp-server.ts): the digest sends one mail per user, and when
 * the server (here: this process) and `npm run digest` (a child process on the
 * same database) send at the same time, each mail is accepted exactly once.
 * A sender killed in the middle of a send leaves its mail to the next run
 * after the claim's lease.
 */

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

const ORIGIN = "https://ag.example.de";
const ROOT = path.resolve(import.meta.dirname, "../..");
let smtp: TestSmtpServer;
let restoreSmtp: (() => Promise<void>) | undefined;
let dbPath: string;
let cleanup: () => void;

beforeAll(async () => {
  const db = useTempDatabase();
  dbPath = db.dbPath;
  cleanup = db.cleanup;
  ({ smtp, restore: restoreSmtp } = await smtpForMailer(ORIGIN));
});

afterAll(async () => {
  await restoreSmtp?.();
  cleanup?.();
});

/** Users with one pending digest item each; returns their addresses. */
function usersWithDigestItems(names: string[]): string[] {
  const db = getDb();
  return names.map((name) => {
    const id = makeUser(name);
    db.insert(notifications)
      .values({ userId: id, kind: "new_document", text: `Neues Dokument für ${name}.`, link: "/gruppen", createdAt: new Date(Date.now() - 60_000), delivery: "digest" })
      .run();
    return db.select({ email: users.email }).from(users).where(eq(users.id, id)).get()!.email;
  });
}

const acceptedFor = (addresses: string[]) => smtp.accepted.filter((m) => addresses.includes(m.to[0])).map((m) => m.to[0]);

/** `npm run digest` as its own process (node --import tsx, one pid, so a kill hits the sender itself). */
function startDigestScript(): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/digest.ts"], {
    cwd: ROOT,
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: dbPath, SMTP_URL: smtp.url, PUBLIC_ORIGIN: ORIGIN, LOG_LEVEL: "silent" },
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("mail over SMTP", () => {
  it("the digest sends one mail per user to the SMTP server and marks each sent", async () => {
    const addresses = usersWithDigestItems(["Anna Schmidt", "Jonas Weber", "Petra Hoffmann"]);
    const summary = await runDigest(new Date());
    expect(summary).toMatchObject({ queued: 3, sent: 3, failed: 0 });
    expect(acceptedFor(addresses).sort()).toEqual([...addresses].sort());
    const annas = smtp.accepted.find((m) => m.to[0] === addresses[0])!;
    expect(annas.from).toBe("no-reply@localhost");
    expect(annas.raw).toContain("Subject: =?UTF-8?Q?AG-Portal=3A_Ihr_Tages=C3=BCberblick_vom?=");
    expect(annas.raw).toContain("Guten Tag Anna Schmidt,");
    const row = getDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, addresses[0])).get()!;
    // The Message-ID carries the outbox id, so a receiver can tell a repeated send.
    expect(annas.raw).toContain(`Message-ID: <outbox-${row.id}-digest.`);
    expect(row).toMatchObject({ attempts: 1, lastError: null, claimedBy: null, claimedUntil: null });
    expect(row.sentAt).not.toBeNull();
    // Nothing is left, so a second run sends nothing.
    expect(await runDigest(new Date())).toMatchObject({ queued: 0, sent: 0 });
    expect(acceptedFor(addresses)).toHaveLength(3);
  });

  it("the server and `npm run digest` at the same time: every mail is accepted exactly once", async () => {
    const addresses = usersWithDigestItems(["Lena Krause", "Max Vogel", "Sara Berg", "Tom Lange"]);
    // The server's first send is held at the end of DATA until the script has finished.
    const held = deferred();
    const release = deferred();
    let first = true;
    smtp.beforeAccept = async () => {
      if (!first) return;
      first = false;
      held.resolve();
      await release.promise;
    };
    try {
      const inServer = runDigest(new Date());
      await held.promise;
      const script = await startDigestScript().done;
      release.resolve();
      const summary = await inServer;
      expect(script.code, script.out).toBe(0);
      // The server queued all four and holds the first; the script sends the other three.
      expect(script.out).toContain("0 neu eingereiht, 3 E-Mails versandt (per SMTP), 0 fehlgeschlagen");
      expect(summary).toMatchObject({ queued: 4, sent: 1, failed: 0 });
    } finally {
      smtp.beforeAccept = null;
      release.resolve();
    }
    expect(acceptedFor(addresses).sort()).toEqual([...addresses].sort());
    const rows = getDb().select().from(mailOutbox).where(inArray(mailOutbox.toAddress, addresses)).all();
    expect(rows.map((r) => [r.attempts, r.sentAt !== null, r.claimedBy])).toEqual(rows.map(() => [1, true, null]));
  }, 90_000);

  it("a sender killed in the middle of a send: its mail waits for the lease, then goes out once", async () => {
    const addresses = usersWithDigestItems(["Uwe Kern", "Vera Licht"]);
    const held = deferred();
    // The killed script's DATA is never answered: the server has not accepted the mail.
    smtp.beforeAccept = () => {
      held.resolve();
      return new Promise<never>(() => undefined);
    };
    const script = startDigestScript();
    try {
      await held.promise;
      script.child.kill("SIGKILL");
      expect((await script.done).signal).toBe("SIGKILL");
    } finally {
      smtp.beforeAccept = null;
    }
    const rows = () => getDb().select().from(mailOutbox).where(inArray(mailOutbox.toAddress, addresses)).orderBy(mailOutbox.id).all();
    const [claimed, untouched] = rows();
    expect(claimed).toMatchObject({ sentAt: null, attempts: 0 });
    expect(claimed.claimedBy).toMatch(/^\d+:/);
    expect(untouched).toMatchObject({ sentAt: null, claimedBy: null });
    expect(acceptedFor(addresses)).toEqual([]);

    // The next run at once sends the other mail and leaves the claimed one alone.
    expect(await sendPendingMail()).toEqual({ sent: 1, failed: 0 });
    expect(acceptedFor(addresses)).toEqual([untouched.toAddress]);
    // After the lease the claimed mail goes out, once.
    const afterLease = () => new Date(Date.now() + MAIL_CLAIM_LEASE_MS + 1000);
    expect(await sendPendingMail(afterLease)).toEqual({ sent: 1, failed: 0 });
    expect(await sendPendingMail(afterLease)).toEqual({ sent: 0, failed: 0 });
    expect(acceptedFor(addresses).sort()).toEqual([...addresses].sort());
    expect(rows().every((r) => r.sentAt !== null && r.claimedBy === null)).toBe(true);
  }, 90_000);
});
