import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/**
 * The Diskussion tab in a browser: posting without JavaScript, locking by the
 * group moderation (the member can no longer reply), the report queue; axe on
 * the list, thread and queue pages, with screenshots.
 */

const slug = "ag-e2e-diskussion";
let browser: Browser;

beforeAll(async () => {
  // A fixture group of our own in the shared test database: Thomas moderates, Anna and Jonas are members.
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  const id = (email: string) => (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
  const { lastInsertRowid } = db
    .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
    .run(slug, "E2E Diskussion", "Gruppe für die Browser-Tests der Diskussion.", now, now);
  for (const [email, role] of [
    ["moderation@ag-portal.test", "moderation"],
    ["anna.schmidt@ag-portal.test", "member"],
    ["jonas.weber@ag-portal.test", "member"],
  ]) {
    db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)").run(lastInsertRowid, id(email), role, now);
  }
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const title = "Barrierefreie Online-Terminvergabe";

/** A click that loads a new document without JavaScript; waits until that document (with its styles) has loaded. */
async function submitAndLoad(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForEvent("framenavigated"), click()]);
  await page.waitForLoadState("load");
  // Headless Chromium may not have painted with the styles yet: screen-reader-only text is 1 px wide once they apply.
  await expect.poll(async () => (await page.locator(".kern-sr-only").first().boundingBox())?.width ?? 999).toBeLessThanOrEqual(1);
}

async function openThread(page: Page) {
  await page.goto(`/gruppen/${slug}/diskussion`);
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/diskussion\/\d+/);
  await expect.poll(() => page.getByRole("heading", { name: title, level: 2 }).count()).toBe(1);
}

describe("Diskussion", () => {
  it("works without JavaScript: field errors, a new thread, a reply and a quote", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto(`/gruppen/${slug}/diskussion`);
    expect(await page.getByText("Noch keine Themen").count()).toBe(1);

    await page.getByRole("link", { name: "Neues Thema" }).click();
    await submitAndLoad(page, () => page.getByRole("button", { name: "Thema beginnen" }).click());
    expect(await page.getByText("Bitte geben Sie einen Titel ein.").count()).toBe(1);
    expect(await page.getByText("Bitte schreiben Sie einen Beitrag.").count()).toBe(1);
    await screenshot(page, "diskussion-neues-thema-fehler");

    await page.getByLabel("Titel", { exact: true }).fill(title);
    await page.getByLabel("Erster Beitrag").fill("Viele Buchungssysteme lassen sich nicht mit der Tastatur bedienen.\n\nSollten wir das in die Checkliste aufnehmen?");
    await page.getByRole("button", { name: "Thema beginnen" }).click();
    await page.waitForURL(/\/diskussion\/\d+/);
    expect(await page.getByRole("heading", { name: title }).count()).toBe(1);
    expect(await page.getByText("Sollten wir das in die Checkliste aufnehmen?").count()).toBe(1);

    await page.getByLabel("Ihre Antwort").fill("Nachtrag: Auch die Bestätigungsmail sollte barrierefrei sein.");
    await submitAndLoad(page, () => page.getByRole("button", { name: "Antworten" }).click());
    expect(await page.getByText("Nachtrag: Auch die Bestätigungsmail sollte barrierefrei sein.").count()).toBe(1);

    // Quote-reply by link and form, without script.
    await submitAndLoad(page, () => page.getByRole("link", { name: "Beitrag von Anna Schmidt zitieren" }).first().click());
    expect(await page.getByText("Sie antworten mit einem Zitat von Anna Schmidt.").count()).toBe(1);
    await page.getByLabel("Ihre Antwort").fill("Ich zitiere mich selbst.");
    await submitAndLoad(page, () => page.getByRole("button", { name: "Antworten" }).click());
    expect(await page.getByText("Anna Schmidt schrieb:").count()).toBe(1);
    await screenshot(page, "diskussion-ohne-javascript");
    await context.close();
  });

  it("the group moderation locks the thread; the member can no longer reply; axe on list and thread", async () => {
    const moderation = await newContext(browser);
    const mod = await moderation.newPage();
    await signIn(mod, "moderation@ag-portal.test");
    await mod.goto(`/gruppen/${slug}/diskussion`);
    await expect.poll(() => mod.getByRole("link", { name: title }).count()).toBe(1);
    await expectNoAxeViolations(mod, "Diskussion Themenliste");
    await screenshot(mod, "diskussion-liste");

    await openThread(mod);
    await expectNoAxeViolations(mod, "Diskussion Thema");
    await mod.getByRole("button", { name: "Schließen" }).click();
    await expect.poll(() => mod.getByRole("status").filter({ hasText: "Das Thema ist geschlossen." }).count()).toBe(1);
    await screenshot(mod, "diskussion-thema-geschlossen-moderation");

    const member = await newContext(browser);
    const anna = await member.newPage();
    await signIn(anna, "anna.schmidt@ag-portal.test");
    await openThread(anna);
    await expect.poll(() => anna.getByText("Dieses Thema ist geschlossen: Antworten sind nicht mehr möglich.").count()).toBeGreaterThan(0);
    expect(await anna.getByRole("button", { name: "Antworten" }).count()).toBe(0);
    await expectNoAxeViolations(anna, "Diskussion Thema geschlossen");
    await screenshot(anna, "diskussion-thema-geschlossen-mitglied");

    await mod.getByRole("button", { name: "Wieder öffnen" }).click();
    await expect.poll(() => mod.getByRole("status").filter({ hasText: "Das Thema ist wieder offen." }).count()).toBe(1);
    await moderation.close();
    await member.close();
  });

  it("a member reports a post; the queue shows it to the group moderation (axe)", async () => {
    const member = await newContext(browser);
    const jonas = await member.newPage();
    await signIn(jonas, "jonas.weber@ag-portal.test");
    await openThread(jonas);
    const first = jonas.locator("article").first();
    await first.getByText("Melden", { exact: true }).click();
    await first.getByLabel("Grund der Meldung").fill("Bitte prüfen: gehört das in dieses Thema?");
    await first.getByRole("button", { name: "Meldung absenden" }).click();
    await expect.poll(() => jonas.getByRole("status").filter({ hasText: "Die Gruppenmoderation prüft Ihre Meldung" }).count()).toBe(1);
    await member.close();

    const moderation = await newContext(browser);
    const mod = await moderation.newPage();
    await signIn(mod, "moderation@ag-portal.test");
    await mod.goto(`/gruppen/${slug}/diskussion`);
    // The live layer may reload the list meanwhile; wait for the link with the new count.
    await expect.poll(() => mod.getByRole("link", { name: "Gemeldete Beiträge (1)" }).count()).toBe(1);
    await mod.getByRole("link", { name: "Gemeldete Beiträge (1)" }).click();
    await mod.waitForURL(/\/meldungen$/);
    await expect.poll(() => mod.getByText("Bitte prüfen: gehört das in dieses Thema?").count()).toBe(1);
    await expectNoAxeViolations(mod, "Gemeldete Beiträge");
    await screenshot(mod, "diskussion-meldungen");
    await mod.getByRole("button", { name: "Meldung abweisen" }).click();
    await expect.poll(() => mod.getByText("Keine offenen Meldungen.").count()).toBe(1);
    await moderation.close();
  });
});
