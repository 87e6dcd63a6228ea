import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/**
 * Search in the browser, end to end: text typed into a document is derived
 * by the server (document_contents), indexed by the triggers, found by a
 * part of a compound word from the header's search box, and the result
 * link opens the document.
 */
const slug = "ag-e2e-suche";
let browser: Browser;
let documentUrl = "";

beforeAll(async () => {
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  const anna = (db.prepare("select id from users where lower(email) = ?").get("anna.schmidt@ag-portal.test") as { id: number }).id;
  const groupId = db
    .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
    .run(slug, "E2E Suche", "Gruppe für die Browser-Tests der Suche.", now, now).lastInsertRowid;
  db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(groupId, anna, now);
  const id = db
    .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)")
    .run(groupId, "Empfehlung zur Wärmeplanung", anna, now, now).lastInsertRowid;
  db.close();
  documentUrl = `/gruppen/${slug}/dokumente/${id}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const editorOf = (page: Page) => page.locator(".document-editor__content");

describe("Suche", () => {
  it("finds words typed into a document by a part of a compound, and the link opens it", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto(documentUrl);
    await expect.poll(() => editorOf(page).getAttribute("contenteditable", { timeout: 1_000 }).catch(() => null), { timeout: 30_000 }).toBe("true");
    await editorOf(page).click();
    await page.keyboard.type("Die Quartiersbürgerversammlung tagt im Frühjahr.");

    // The server derives the text at most ~1.5 s after the last stored change; search from the header box.
    const search = page.getByRole("search", { name: "Suche" });
    await expect
      .poll(
        async () => {
          await page.goto("/");
          await search.getByLabel("Suche").fill("buergerversammlung");
          await search.getByRole("button", { name: "Suchen" }).click();
          await page.waitForURL(/\/suche\?q=/);
          return page.getByRole("link", { name: "Empfehlung zur Wärmeplanung" }).count();
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toBe(1);
    expect(await page.locator(".search-result__snippet mark").first().textContent()).toBe("bürgerversammlung");
    await expectNoAxeViolations(page, "Suchergebnisse");
    await screenshot(page, "suche-ergebnisse");

    await page.getByRole("link", { name: "Empfehlung zur Wärmeplanung" }).click();
    await page.waitForURL((url) => url.pathname === documentUrl);
    // The group's name is the page's h1; the document's title its h2.
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Empfehlung zur Wärmeplanung" }).count()).toBe(1);
    await page.context().close();
  });

  it("works without JavaScript and answers an unusable query in German", async () => {
    const page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signIn(page, "jonas.weber@ag-portal.test");
    await page.goto("/suche");
    await page.getByRole("searchbox", { name: "Suchbegriff" }).fill('"*"');
    await page.getByRole("button", { name: "Suchen" }).last().click();
    await page.waitForURL(/\/suche\?q=/);
    await expect.poll(() => page.getByText("Bitte geben Sie einen Suchbegriff ein").count()).toBe(1);
    expect(await page.getByRole("searchbox", { name: "Suchbegriff" }).getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "suche-fehler");
    await page.context().close();
    // axe runs as script in the page: the same page again with JavaScript.
    const withJs = await (await newContext(browser)).newPage();
    await signIn(withJs, "jonas.weber@ag-portal.test");
    await withJs.goto("/suche?q=%22*%22");
    await expectNoAxeViolations(withJs, "Suche mit Fehlermeldung");
    await withJs.goto("/suche");
    await expectNoAxeViolations(withJs, "Suche leer");
    await withJs.context().close();
  });
});
