import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { replyTo, startThread } from "../setup/discussion-fixtures";
import { PortalClient } from "../setup/http-client";
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

/** The element is (at least partly) inside the browser window. */
const inWindow = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
};

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

  it("the thread list opens a thread at its first unread post, on a later page (axe)", async () => {
    // Anna writes a thread of 35 posts through the real actions (30 fit on a page) and Jonas reads it.
    // Anna writes, so her bell stays as it is (mentions.e2e.test.ts counts it while this file runs).
    const writer = new PortalClient(inject("baseUrl"));
    await writer.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
    const longTitle = "Lange Abstimmung zur Checkliste";
    const threadId = await startThread(writer, slug, longTitle, "Beitrag 1 der Abstimmung.");
    const ids: number[] = [];
    for (let i = 2; i <= 30; i++) ids.push(await replyTo(writer, slug, threadId, `Beitrag ${i} der Abstimmung.`));

    // Jonas reads the first page; then five more posts arrive, the first of them on page two.
    const context = await newContext(browser);
    const jonas = await context.newPage();
    await signIn(jonas, "jonas.weber@ag-portal.test");
    await jonas.goto(`/gruppen/${slug}/diskussion/${threadId}`);
    await expect.poll(() => jonas.getByText("Beitrag 30 der Abstimmung.").count()).toBe(1);
    const later: number[] = [];
    for (let i = 31; i <= 35; i++) later.push(await replyTo(writer, slug, threadId, `Beitrag ${i} der Abstimmung.`));

    // In the list, the thread's title leads to page two at post 31.
    await jonas.goto(`/gruppen/${slug}/diskussion`);
    const link = jonas.getByRole("link", { name: longTitle });
    await expect.poll(() => link.getAttribute("href")).toBe(`/gruppen/${slug}/diskussion/${threadId}?nach=${ids.at(-1)}#beitrag-${later[0]}`);
    expect(await jonas.getByRole("row", { name: new RegExp(longTitle) }).getByText("5 neu").count()).toBe(1);
    await expectNoAxeViolations(jonas, "Diskussion Themenliste mit ungelesenen Beiträgen");
    await link.click();
    await jonas.waitForURL((url) => url.search === `?nach=${ids.at(-1)}` && url.hash === `#beitrag-${later[0]}`);
    const first = jonas.locator(`#beitrag-${later[0]}`);
    await expect.poll(() => first.textContent()).toContain("Beitrag 31 der Abstimmung.");
    // Scrolled to it: the post is in the window, the divider right above it.
    await expect.poll(() => first.evaluate(inWindow)).toBe(true);
    expect(await jonas.getByText("neu seit Ihrem letzten Besuch").count()).toBe(1);
    expect(await jonas.getByText("Beitrag 30 der Abstimmung.").count()).toBe(0);
    await screenshot(jonas, "diskussion-erster-ungelesener");

    // All read now: the title leads to the start of the thread again.
    await jonas.goto(`/gruppen/${slug}/diskussion`);
    await expect.poll(() => jonas.getByRole("link", { name: longTitle }).getAttribute("href")).toBe(`/gruppen/${slug}/diskussion/${threadId}`);
    await context.close();
  });

  it("the document page starts a thread about a section, also without JavaScript, and links it to the heading (axe)", async () => {
    // A draft of the group's own, with two headings written in the editor.
    const db = new Database(inject("dbPath"));
    db.pragma("busy_timeout = 5000");
    const now = Date.now();
    const groupId = (db.prepare("select id from groups where slug = ?").get(slug) as { id: number }).id;
    const annaId = (db.prepare("select id from users where lower(email) = ?").get("anna.schmidt@ag-portal.test") as { id: number }).id;
    const docId = db
      .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)")
      .run(groupId, "Checkliste Terminvergabe", annaId, now, now).lastInsertRowid;
    db.close();
    const docPath = `/gruppen/${slug}/dokumente/${docId}`;
    const anchor = "abschnitt-online-terminvergabe";
    const section = (page: Page) => page.getByRole("region", { name: "Diskussionen zu diesem Dokument" });
    /** The text of the rendered document's heading with this id (null when there is none). */
    const headingWithId = (page: Page, id: string) =>
      page.evaluate((wanted) => {
        const el = document.getElementById(wanted);
        return el && /^H[1-6]$/.test(el.tagName) && el.closest(".document-content, .document-editor__content") ? el.textContent : null;
      }, id);

    const withJs = await newContext(browser);
    const anna = await withJs.newPage();
    await signIn(anna, "anna.schmidt@ag-portal.test");
    await anna.goto(docPath);
    const editor = anna.locator(".document-editor__content");
    await expect.poll(() => editor.getAttribute("contenteditable", { timeout: 1_000 }).catch(() => null), { timeout: 15_000 }).toBe("true");
    await editor.click();
    for (const [button, heading, text] of [
      ["Überschrift", "Ziele", "Termine ohne Wartezeit."],
      ["Unterüberschrift", "Online-Terminvergabe", "Buchung rund um die Uhr."],
    ]) {
      await anna.getByRole("button", { name: button, exact: true }).click();
      await anna.keyboard.type(heading);
      await anna.keyboard.press("Enter");
      await anna.keyboard.type(text);
      await anna.keyboard.press("Enter");
    }
    await expect.poll(() => anna.locator(".document-editor__status").textContent(), { timeout: 10_000 }).toContain("Gespeichert");

    // Without JavaScript: choose the section, start the thread there.
    const noJs = await newContext(browser, { javaScriptEnabled: false });
    const page = await noJs.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto(docPath);
    expect(await headingWithId(page, anchor)).toBe("Online-Terminvergabe");
    const choice = section(page).getByLabel("Abschnitt des Dokuments");
    expect(await choice.locator("option").allTextContents()).toEqual(["Ziele", "– Online-Terminvergabe"]);
    await choice.selectOption(anchor);
    await submitAndLoad(page, () => section(page).getByRole("button", { name: "Abschnitt diskutieren" }).click());
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/gruppen/${slug}/diskussion/neu`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ dokument: String(docId), abschnitt: anchor });
    expect(await page.getByLabel("Abschnitt im Dokument").inputValue()).toBe(anchor);
    const sectionTitle = "Rückfrage zur Buchung";
    await page.getByLabel("Titel", { exact: true }).fill(sectionTitle);
    await page.getByLabel("Erster Beitrag").fill("Gilt das auch für Termine am Wochenende?");
    await submitAndLoad(page, () => page.getByRole("button", { name: "Thema beginnen" }).click());
    expect(await page.getByRole("heading", { name: sectionTitle }).count()).toBe(1);
    const reference = page.locator(".thread-reference").getByRole("link");
    expect(await reference.textContent()).toContain("Abschnitt „Online-Terminvergabe“");
    expect(await reference.getAttribute("href")).toBe(`${docPath}#${anchor}`);

    // Back on the document page the thread's heading links to the heading in the text.
    await page.goto(docPath);
    const item = section(page).getByRole("listitem").filter({ hasText: sectionTitle });
    expect(await item.getByRole("link", { name: "Abschnitt „Online-Terminvergabe“" }).getAttribute("href")).toBe(`#${anchor}`);
    await noJs.close();

    // With JavaScript the editor has replaced the text; the link still lands on the heading.
    await anna.reload();
    await expect.poll(() => editor.getAttribute("contenteditable", { timeout: 1_000 }).catch(() => null), { timeout: 15_000 }).toBe("true");
    await expect.poll(() => headingWithId(anna, anchor)).toBe("Online-Terminvergabe");
    await section(anna).getByRole("link", { name: "Abschnitt „Online-Terminvergabe“" }).click();
    await expect.poll(() => new URL(anna.url()).hash).toBe(`#${anchor}`);
    await expect
      .poll(() => anna.locator(`#${anchor}`).evaluate(inWindow))
      .toBe(true);
    await expectNoAxeViolations(anna, "Dokument mit Diskussionen und Abschnittswahl");
    await section(anna).scrollIntoViewIfNeeded();
    await screenshot(anna, "dokument-diskussionen-abschnitte");
    await withJs.close();

    // Observers follow the link but get no way to start a thread.
    const observerContext = await newContext(browser);
    const observer = await observerContext.newPage();
    await signIn(observer, "beobachtung@ag-portal.test");
    await observer.goto(docPath);
    expect(await section(observer).getByRole("link", { name: "Abschnitt „Online-Terminvergabe“" }).getAttribute("href")).toBe(`#${anchor}`);
    expect(await section(observer).getByRole("button", { name: "Abschnitt diskutieren" }).count()).toBe(0);
    expect(await section(observer).getByRole("combobox").count()).toBe(0);
    expect(await section(observer).getByRole("link", { name: "Diskussion zu diesem Dokument beginnen" }).count()).toBe(0);
    await expectNoAxeViolations(observer, "Dokument für Beobachtung");
    await observerContext.close();
  });
});
