import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/** @mentions in discussion posts: the suggestion listbox, keyboard and mouse, and the textarea without JavaScript. */

const groups = { js: "ag-e2e-erwaehnungen", noJs: "ag-e2e-erwaehnungen-ohne-js" };
let browser: Browser;

beforeAll(async () => {
  // Fixture groups of our own in the shared test database: Jonas writes, Anna is the member he mentions.
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  const idOf = (email: string) => (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
  const people = [idOf("jonas.weber@ag-portal.test"), idOf("anna.schmidt@ag-portal.test")];
  for (const slug of Object.values(groups)) {
    const { lastInsertRowid } = db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
      .run(slug, `E2E Erwähnungen ${slug}`, "Gruppe für die Browser-Tests der Erwähnungen.", now, now);
    for (const userId of people) {
      db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(lastInsertRowid, userId, now);
    }
  }
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The rich-text editor of a field, once it has replaced the textarea. */
async function editorOf(page: Page, label: string) {
  const editor = page.locator('[contenteditable="true"][role="textbox"]').and(page.getByRole("textbox", { name: label }));
  await editor.waitFor();
  return editor;
}

describe("Erwähnungen", () => {
  it("suggests members after @, chosen by keyboard or mouse, and shows the mention in the post", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The editor and the list must live with the CSP (no inline <style>, no style attributes in markup).
    const cspErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    // Anna has the portal open elsewhere: her bell must count the mention without a reload.
    const annaContext = await newContext(browser);
    const annaPage = await annaContext.newPage();
    await signIn(annaPage, "anna.schmidt@ag-portal.test");
    await annaPage.goto(`/gruppen/${groups.js}`);
    await expect.poll(() => annaPage.locator(".live-indicator").getAttribute("data-status")).toBe("online");
    const annaUnread = async () => {
      const text = (await annaPage.getByRole("link", { name: /^Benachrichtigungen/ }).textContent()) ?? "";
      return Number(/(\d+) ungelesen/.exec(text)?.[1] ?? 0);
    };
    const unreadBefore = await annaUnread();

    await signIn(page, "jonas.weber@ag-portal.test");
    await page.goto(`/gruppen/${groups.js}/diskussion/neu`);
    await page.getByLabel("Titel", { exact: true }).fill("Abstimmung zum Meilenstein");

    const first = await editorOf(page, "Erster Beitrag");
    await first.click();
    await page.keyboard.type("Bitte um Rückmeldung, @An");
    const list = page.getByRole("listbox", { name: "Mitglieder zum Erwähnen" });
    await list.waitFor();
    const anna = list.getByRole("option", { name: "Anna Schmidt" });
    expect(await anna.getAttribute("aria-selected")).toBe("true");
    // The editor points at the active option (focus stays in the text).
    expect(await first.getAttribute("aria-activedescendant")).toBe(await anna.getAttribute("id"));
    expect(await first.getAttribute("aria-controls")).toBe(await list.getAttribute("id"));
    await expectNoAxeViolations(page, "Neues Thema mit Vorschlagsliste");
    await screenshot(page, "mentions-vorschlaege");

    // Escape closes the list; the text stays as typed.
    await page.keyboard.press("Escape");
    await expect.poll(() => list.count()).toBe(0);
    expect(await first.getAttribute("aria-activedescendant")).toBeNull();
    // A new "@" opens it again; Enter takes the active member.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("@An");
    await list.waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => list.count()).toBe(0);
    await page.keyboard.type("danke!");
    expect(await first.locator(".mention").textContent()).toBe("@Anna Schmidt");

    await page.getByRole("button", { name: "Thema beginnen" }).click();
    await page.waitForURL(new RegExp(`/gruppen/${groups.js}/diskussion/\\d+`));
    const mention = page.locator(".post-list .mention", { hasText: "@Anna Schmidt" });
    await expect.poll(() => mention.count()).toBe(1);
    expect(await mention.first().getAttribute("data-user-id")).toMatch(/^\d+$/);
    expect(await page.locator(".post-list .post__body").first().textContent()).toContain("Bitte um Rückmeldung, @Anna Schmidt danke!");
    // One notification for Anna (the mention; not a second one for the new thread), live in her open page.
    await expect.poll(annaUnread, { timeout: 10_000 }).toBe(unreadBefore + 1);
    await screenshot(annaPage, "mentions-glocke-live");
    await annaContext.close();

    // A reply: the list filters as one types, arrow keys move, the mouse chooses.
    const reply = await editorOf(page, "Ihre Antwort");
    await reply.click();
    await page.keyboard.type("Und @");
    await list.waitFor();
    expect(await list.getByRole("option").count()).toBeGreaterThanOrEqual(2);
    expect(await list.getByRole("option").count()).toBeLessThanOrEqual(8);
    await page.keyboard.type("sch");
    await expect.poll(() => list.getByRole("option").allTextContents()).toEqual(["Anna Schmidt"]);
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("We");
    await expect.poll(() => list.getByRole("option").allTextContents()).toEqual(["Jonas Weber"]);
    for (let i = 0; i < 2; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("An");
    await list.getByRole("option", { name: "Anna Schmidt" }).click();
    await expect.poll(() => list.count()).toBe(0);
    await page.keyboard.type("sieht das auch so.");
    await page.getByRole("button", { name: "Antworten", exact: true }).click();
    await expect.poll(() => page.locator(".post-list .mention", { hasText: "@Anna Schmidt" }).count()).toBe(2);
    // A fresh, empty editor for the next reply.
    const again = await editorOf(page, "Ihre Antwort");
    await expect.poll(() => again.textContent()).toBe("");
    await expectNoAxeViolations(page, "Thema mit Erwähnungen");
    await screenshot(page, "mentions-thema");

    // A reset of the form empties the editor and what it submits.
    await again.click();
    await page.keyboard.type("Entwurf");
    await expect.poll(() => page.locator('input[name="bodyJson"]').inputValue()).toContain("Entwurf");
    await again.evaluate((el) => el.closest("form")?.reset());
    await expect.poll(() => again.textContent()).toBe("");
    expect(await page.locator('input[name="bodyJson"]').inputValue()).toBe("");
    expect(await page.locator('input[name="body"]').inputValue()).toBe("");
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it("formats with the toolbar, refuses a javascript: link, sends with Ctrl+Enter and edits a post keeping its mention", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto(`/gruppen/${groups.js}/diskussion/neu`);
    await page.getByLabel("Titel", { exact: true }).fill("Formatierte Beiträge");
    let editor = await editorOf(page, "Erster Beitrag");
    // Sent empty: a field error, announced on the editor itself.
    await page.getByRole("button", { name: "Thema beginnen" }).click();
    await expect.poll(() => page.getByText("Bitte schreiben Sie einen Beitrag.").count()).toBe(1);
    editor = await editorOf(page, "Erster Beitrag");
    await expect.poll(() => editor.getAttribute("aria-invalid")).toBe("true");
    const errorId = await page.locator(".kern-error", { hasText: "Bitte schreiben Sie einen Beitrag." }).getAttribute("id");
    expect((await editor.getAttribute("aria-describedby"))?.split(" ")).toContain(errorId);
    await expectNoAxeViolations(page, "Neues Thema mit Fehler im Beitrag");
    await editor.click();

    const toolbar = page.getByRole("toolbar", { name: "Textformatierung" });
    const bold = toolbar.getByRole("button", { name: "Fett" });
    await bold.click();
    expect(await bold.getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.type("wichtig");
    await bold.click();
    await page.keyboard.type(" siehe ");
    // One tab stop, arrow keys move within the toolbar.
    await bold.focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Kursiv");

    await toolbar.getByRole("button", { name: "Link" }).click();
    const address = page.getByLabel("Linkadresse (http, https oder mailto)");
    await address.fill(" JaVa\tScRiPt:alert(1)");
    await address.press("Enter");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Nur Adressen mit" }).count()).toBe(1);
    await address.fill("beispiel.de/leitfaden");
    await address.press("Enter");
    await expect.poll(() => address.count()).toBe(0);
    await page.keyboard.type(" und @Jo");
    await page.getByRole("option", { name: "Jonas Weber" }).waitFor();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+Enter");

    await page.waitForURL(new RegExp(`/gruppen/${groups.js}/diskussion/\\d+`));
    const body = page.locator(".post-list .post__body").first();
    await expect.poll(() => body.locator("strong").textContent()).toBe("wichtig");
    expect(await body.locator("a").getAttribute("href")).toBe("https://beispiel.de/leitfaden");
    expect(await body.locator(".mention").textContent()).toBe("@Jonas Weber");

    // Editing starts from the stored rich text: bold, link and mention survive.
    await page.getByRole("link", { name: "Bearbeiten" }).first().click();
    const edit = await editorOf(page, "Beitrag bearbeiten");
    await expect.poll(() => edit.locator(".mention").textContent()).toBe("@Jonas Weber");
    await edit.press("Control+End");
    await page.keyboard.type("– ergänzt");
    await page.getByRole("button", { name: "Änderung speichern" }).click();
    await expect.poll(() => page.locator(".post-list .post__body").first().textContent()).toContain("ergänzt");
    const edited = page.locator(".post-list .post__body").first();
    expect(await edited.locator("strong").textContent()).toBe("wichtig");
    expect(await edited.locator(".mention").textContent()).toBe("@Jonas Weber");
    await context.close();
  });

  it("without JavaScript, @Vorname Nachname in the textarea becomes a mention and a non-member stays text", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "jonas.weber@ag-portal.test");
    await page.goto(`/gruppen/${groups.noJs}/diskussion/neu`);
    await page.getByLabel("Titel", { exact: true }).fill("Ohne JavaScript erwähnen");
    const textarea = page.getByRole("textbox", { name: "Erster Beitrag" });
    expect(await textarea.evaluate((el) => el.tagName)).toBe("TEXTAREA");
    await textarea.fill("Hallo @Anna Schmidt,\nbitte ansehen.\n\n@Petra Hoffmann ist nicht in der Gruppe. <img src=x onerror=alert(1)>");
    await page.getByRole("button", { name: "Thema beginnen" }).click();
    await page.waitForURL(new RegExp(`/gruppen/${groups.noJs}/diskussion/\\d+`));
    const content = page.locator(".post-list .post__body").first();
    expect(await content.locator(".mention").allTextContents()).toEqual(["@Anna Schmidt"]);
    expect(await content.locator("p").count()).toBe(2);
    expect(await content.locator("br").count()).toBe(1);
    expect(await content.locator("img").count()).toBe(0);
    expect(await content.textContent()).toContain("@Petra Hoffmann ist nicht in der Gruppe. <img src=x onerror=alert(1)>");
    await screenshot(page, "mentions-ohne-js");

    // An empty reply is a field error, not a post.
    await page.getByRole("button", { name: "Antworten", exact: true }).click();
    await expect.poll(() => page.getByText("Bitte schreiben Sie einen Beitrag.").count()).toBeGreaterThan(0);
    await context.close();
  });
});
