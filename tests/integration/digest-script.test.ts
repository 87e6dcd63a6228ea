import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { applyMigrations } from "../../db/migrate.server";

/**
 * `npm run digest` against a database of its own (no server running):
 * exactly one .eml per user with pending digest items, each with that
 * user's items grouped by working group, and a second run writes nothing.
 */

const ORIGIN = "https://ag.example.de";
let dir: string;
let dbPath: string;
let outboxDir: string;
let db: Database.Database;

function runDigestScript() {
  const result = spawnSync("npm", ["run", "--silent", "digest"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: dbPath, OUTBOX_DIR: outboxDir, PUBLIC_ORIGIN: ORIGIN, LOG_LEVEL: "silent" } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The .eml body is quoted-printable; this turns it back into text. */
function readEml(file: string): string {
  const raw = fs.readFileSync(path.join(outboxDir, file), "utf8");
  const [head, ...rest] = raw.split("\n\n");
  const body = rest.join("\n\n").replace(/=\r?\n/g, "");
  return `${head}\n\n${Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")}`;
}

const emlFiles = () => (fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((f) => f.endsWith(".eml")).sort() : []);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-digest-"));
  dbPath = path.join(dir, "portal.db");
  outboxDir = path.join(dir, "mails");
  const migrated = openDatabase(dbPath);
  applyMigrations(migrated);
  migrated.$client.close();
  db = new Database(dbPath);
  const now = Date.now() - 60_000;
  const user = (email: string, name: string, deactivated = false) =>
    Number(
      db
        .prepare("insert into users (email, display_name, role, password_hash, created_at, deactivated_at) values (?, ?, 'member', 'x', ?, ?)")
        .run(email, name, now, deactivated ? now : null).lastInsertRowid,
    );
  const group = (slug: string, title: string) =>
    Number(db.prepare("insert into groups (slug, title, description, created_at, updated_at) values (?, ?, 'd', ?, ?)").run(slug, title, now, now).lastInsertRowid);
  const anna = user("anna@example.de", "Anna Schmidt");
  const jonas = user("jonas@example.de", "Jonas Weber");
  const petra = user("petra@example.de", "Petra Hoffmann");
  const gone = user("gerd@example.de", "Gerd Gegangen", true);
  const rathaus = group("digitales-rathaus", "Digitales Rathaus");
  const ki = group("ki", "KI in der Verwaltung");
  const note = (userId: number, kind: string, groupId: number | null, text: string, delivery: string, link = "/gruppen/digitales-rathaus") =>
    db
      .prepare("insert into notifications (user_id, kind, group_id, text, link, created_at, delivery) values (?, ?, ?, ?, ?, ?, ?)")
      .run(userId, kind, groupId, text, link, now, delivery);
  note(anna, "new_document", rathaus, "Jonas Weber hat in „Digitales Rathaus“ das Dokument „E-Akte“ angelegt.", "digest");
  note(anna, "document_status", rathaus, "Thomas Keller hat den Status von „Checkliste“ auf „In Konsultation“ gesetzt.", "digest");
  note(anna, "new_thread", ki, "Jonas Weber hat in „KI in der Verwaltung“ die Diskussion „Chatbots“ begonnen.", "digest");
  note(anna, "mention", rathaus, "Nur im Portal für Anna.", "portal");
  note(jonas, "reply", ki, "Anna Schmidt hat in „Chatbots“ geantwortet.", "digest");
  note(petra, "new_document", rathaus, "Nur im Portal für Petra.", "portal");
  note(gone, "new_document", rathaus, "Für einen deaktivierten Zugang.", "digest");
});

afterAll(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run digest", () => {
  it("writes one .eml per user with pending digest items, each with that user's items", () => {
    const first = runDigestScript();
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain("2 neu eingereiht, 2 E-Mails versandt");
    const files = emlFiles();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^\d{6}-digest\.eml$/.test(f))).toBe(true);

    const mails = files.map(readEml);
    const annas = mails.find((m) => m.includes("To: anna@example.de"))!;
    const jonas = mails.find((m) => m.includes("To: jonas@example.de"))!;
    expect(annas).toBeDefined();
    expect(jonas).toBeDefined();

    expect(annas).toContain("Guten Tag Anna Schmidt,");
    expect(annas).toContain("3 Neuigkeiten");
    expect(annas).toContain("Arbeitsgruppe „Digitales Rathaus“");
    expect(annas).toContain("Arbeitsgruppe „KI in der Verwaltung“");
    expect(annas.indexOf("Arbeitsgruppe „Digitales Rathaus“")).toBeLessThan(annas.indexOf("Arbeitsgruppe „KI in der Verwaltung“"));
    expect(annas).toContain("das Dokument „E-Akte“ angelegt.");
    expect(annas).toContain("„In Konsultation“ gesetzt.");
    expect(annas).toContain("die Diskussion „Chatbots“ begonnen.");
    expect(annas).toContain(`${ORIGIN}/benachrichtigungen/`);
    expect(annas).not.toContain("Nur im Portal");
    expect(annas).not.toContain("geantwortet");

    expect(jonas).toContain("1 Neuigkeit aus dem AG-Portal");
    expect(jonas).toContain("Anna Schmidt hat in „Chatbots“ geantwortet.");
    expect(jonas).not.toContain("E-Akte");

    const outbox = db.prepare("select dedup_key, sent_at from mail_outbox").all() as { dedup_key: string; sent_at: number | null }[];
    expect(outbox).toHaveLength(2);
    expect(outbox.every((m) => m.sent_at !== null && m.dedup_key.startsWith("digest:"))).toBe(true);
  }, 90_000);

  it("a second run writes nothing", () => {
    const before = emlFiles().map((f) => [f, fs.readFileSync(path.join(outboxDir, f), "utf8")]);
    const second = runDigestScript();
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain("0 neu eingereiht, 0 E-Mails versandt");
    expect(emlFiles().map((f) => [f, fs.readFileSync(path.join(outboxDir, f), "utf8")])).toEqual(before);
  }, 90_000);

  it("after a crash between queuing and sending, the next run sends the queued mail once", () => {
    // As if a run died after its commit: the row is there, unsent, and no file.
    db.prepare("update mail_outbox set sent_at = null where id = (select min(id) from mail_outbox)").run();
    const row = db.prepare("select id from mail_outbox where sent_at is null").get() as { id: number };
    const file = emlFiles().find((f) => f.startsWith(String(row.id).padStart(6, "0")))!;
    fs.rmSync(path.join(outboxDir, file));
    const resumed = runDigestScript();
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toContain("0 neu eingereiht, 1 E-Mail versandt");
    expect(emlFiles()).toHaveLength(2);
    expect(emlFiles()).toContain(file);
  }, 90_000);
});
