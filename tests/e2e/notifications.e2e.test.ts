import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PortalClient } from "../setup/http-client";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/**
 * Notifications in a browser: the bell's count, the list (with and without
 * JavaScript), the preferences, and a digest run over the same database
 * that writes one .eml per user with that user's items.
 */

const slug = "ag-e2e-benachrichtigungen";
const emails = { erika: "erika.e2e@ag-portal.test", fritz: "fritz.e2e@ag-portal.test" };
const texts = {
  erikaDoc: "Anna Schmidt hat in „E2E Benachrichtigungen“ das Dokument „Leitfaden E2E“ angelegt.",
  erikaThread: "Jonas Weber hat in „E2E Benachrichtigungen“ die Diskussion „Fragen zum Test“ begonnen.",
  erikaOld: "Eine ältere, schon gelesene Benachrichtigung.",
  fritzDoc: "Anna Schmidt hat in „E2E Benachrichtigungen“ das Dokument „Protokoll E2E“ angelegt.",
};
let browser: Browser;
let proposalId: number;

beforeAll(async () => {
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now() - 60_000;
  const hash = (db.prepare("select password_hash from users where lower(email) = ?").get("anna.schmidt@ag-portal.test") as { password_hash: string }).password_hash;
  const user = (email: string, name: string) =>
    Number(db.prepare("insert into users (email, display_name, role, password_hash, created_at) values (?, ?, 'member', ?, ?)").run(email, name, hash, now).lastInsertRowid);
  const erika = user(emails.erika, "Erika Muster");
  const fritz = user(emails.fritz, "Fritz Beispiel");
  const groupId = Number(
    db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, 'E2E Benachrichtigungen', 'Gruppe für die Browser-Tests.', '', 'aktiv', 'intern', ?, ?)")
      .run(slug, now, now).lastInsertRowid,
  );
  for (const id of [erika, fritz]) db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(groupId, id, now);
  const note = (userId: number, kind: string, text: string, read: boolean, at: number) =>
    db
      .prepare("insert into notifications (user_id, kind, group_id, text, link, created_at, read_at, delivery) values (?, ?, ?, ?, ?, ?, ?, 'digest')")
      .run(userId, kind, groupId, text, `/gruppen/${slug}`, at, read ? at : null);
  note(erika, "new_document", texts.erikaOld, true, now - 3_600_000);
  note(erika, "new_document", texts.erikaDoc, false, now - 1000);
  note(erika, "new_thread", texts.erikaThread, false, now);
  note(fritz, "new_document", texts.fritzDoc, false, now);
  proposalId = Number(
    db
      .prepare("insert into topic_proposals (title, description, proposer_id, status, created_at, updated_at) values ('E2E-Thema', 'Für die Glocke.', ?, 'neu', ?, ?)")
      .run(erika, now, now).lastInsertRowid,
  );
  db.close();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const bell = (page: import("playwright-core").Page) => page.getByRole("link", { name: /^Benachrichtigungen (\d+ ungelesen|keine ungelesen)$/ });

describe("Benachrichtigungen", () => {
  it("the bell counts unread ones; the list marks read and opens; the preferences save", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, emails.erika);
    await expect.poll(() => bell(page).textContent()).toContain("2 ungelesen");

    await bell(page).click();
    await page.waitForURL("**/benachrichtigungen");
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Benachrichtigungen" }).count()).toBe(1);
    const items = page.getByRole("list", { name: "Ihre Benachrichtigungen" }).getByRole("listitem");
    expect(await items.count()).toBe(3);
    // Newest first.
    expect(await items.first().textContent()).toContain(texts.erikaThread);
    await expectNoAxeViolations(page, "Benachrichtigungen");
    await screenshot(page, "benachrichtigungen");

    await page.getByRole("button", { name: `Als gelesen markieren: ${texts.erikaThread}` }).click();
    await expect.poll(() => bell(page).textContent()).toContain("1 ungelesen");
    await expect.poll(() => page.getByText("Die Benachrichtigung ist als gelesen markiert.").count()).toBe(1);

    await page.getByRole("link", { name: texts.erikaDoc }).click();
    await page.waitForURL(`**/gruppen/${slug}`);
    await expect.poll(() => bell(page).textContent()).toContain("keine ungelesen");

    await page.goto("/konto/benachrichtigungen");
    await expectNoAxeViolations(page, "Benachrichtigungen einstellen");
    const mentions = page.getByRole("group", { name: "Erwähnungen" });
    expect(await mentions.getByLabel("E-Mail sofort").isChecked()).toBe(true);
    await mentions.getByLabel("Nur im Portal").check();
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    await expect.poll(() => page.getByText("Ihre Einstellungen sind gespeichert.").count()).toBe(1);
    await page.reload();
    expect(await page.getByRole("group", { name: "Erwähnungen" }).getByLabel("Nur im Portal").isChecked()).toBe(true);

    // Live: the moderation decides on Erika's proposal; her open page's bell counts it without a reload.
    await expect.poll(() => page.locator(".live-indicator").getAttribute("data-status")).toBe("online");
    const moderation = new PortalClient(inject("baseUrl"));
    await moderation.login("moderation@ag-portal.test", "Demo-Passwort-2018");
    const decided = await moderation.post(`/themen/${proposalId}`, { intent: "triage", to: "abgelehnt", reason: "Nur ein Test." });
    expect(decided.status).toBe(200);
    await expect.poll(() => bell(page).textContent(), { timeout: 10_000 }).toContain("1 ungelesen");
    await context.close();
  }, 150_000);

  it("without JavaScript: all read with one button", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, emails.fritz);
    expect(await bell(page).textContent()).toContain("1 ungelesen");
    await page.goto("/benachrichtigungen");
    await page.getByRole("button", { name: "Alle als gelesen markieren" }).click();
    await page.waitForLoadState("load");
    expect(await page.getByText("1 Benachrichtigung als gelesen markiert.").count()).toBe(1);
    expect(await bell(page).textContent()).toContain("keine ungelesen");
    await context.close();
  });

  it("a digest run writes one .eml per user with that user's items", () => {
    const dbPath = inject("dbPath");
    // The server's own outbox folder: a file it wrote is never written twice.
    const outboxDir = path.join(path.dirname(dbPath), "outbox");
    const run = spawnSync("npm", ["run", "--silent", "digest"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: dbPath, PUBLIC_ORIGIN: inject("baseUrl"), LOG_LEVEL: "silent" } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    const mails = fs
      .readdirSync(outboxDir)
      .filter((f) => f.endsWith("-digest.eml"))
      .map((f) => decodeEml(fs.readFileSync(path.join(outboxDir, f), "utf8")));
    const erikas = mails.filter((m) => m.includes(`To: ${emails.erika}`));
    const fritzs = mails.filter((m) => m.includes(`To: ${emails.fritz}`));
    expect(erikas).toHaveLength(1);
    expect(fritzs).toHaveLength(1);
    // Read or not in the portal, the digest reports what happened that day.
    expect(erikas[0]).toContain("Guten Tag Erika Muster,");
    expect(erikas[0]).toContain("Arbeitsgruppe „E2E Benachrichtigungen“");
    for (const t of [texts.erikaDoc, texts.erikaThread, texts.erikaOld]) expect(erikas[0]).toContain(t);
    expect(erikas[0]).not.toContain(texts.fritzDoc);
    expect(fritzs[0]).toContain(texts.fritzDoc);
    expect(fritzs[0]).not.toContain(texts.erikaDoc);
  }, 120_000);
});

/** The .eml body is quoted-printable; this turns it back into text. */
function decodeEml(raw: string): string {
  const body = raw.replace(/=\r?\n/g, "");
  return Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
}
