import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/**
 * Writing a document in the browser beyond the basics (co-editing.e2e.test.ts):
 * undo/redo of one's own changes, the local copy that survives a reload while
 * the connection is gone, and the status workflow with its reason and the
 * adopted version.
 */
const slug = "ag-e2e-dokumente";
let browser: Browser;
let groupId = 0;
let annaId = 0;

beforeAll(async () => {
  // A fixture group of our own in the shared test database: Anna and Jonas write, Thomas Keller moderates.
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  const idOf = (email: string) => (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
  annaId = idOf("anna.schmidt@ag-portal.test");
  groupId = Number(
    db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
      .run(slug, "E2E Dokumente", "Gruppe für die Browser-Tests der Dokumente.", now, now).lastInsertRowid,
  );
  const member = db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)");
  member.run(groupId, annaId, "member", now);
  member.run(groupId, idOf("jonas.weber@ag-portal.test"), "member", now);
  member.run(groupId, idOf("moderation@ag-portal.test"), "moderation", now);
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh draft for one test, so tests never see each other's text. */
function newDocument(title: string): string {
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  const id = db
    .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)")
    .run(groupId, title, annaId, now, now).lastInsertRowid;
  db.close();
  return `/gruppen/${slug}/dokumente/${id}`;
}

const problems = new Map<Page, string[]>();
async function as(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await newContext(browser, options)).newPage();
  const list: string[] = [];
  problems.set(page, list);
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) list.push(m.text());
  });
  page.on("pageerror", (e) => list.push(String(e)));
  await signIn(page, email);
  return page;
}

const editorOf = (page: Page) => page.locator(".document-editor__content");
const textOf = async (page: Page) => ((await editorOf(page).textContent()) ?? "").replace(/\u00a0/g, " ");
const statusOf = async (page: Page) => ((await page.locator(".document-editor__status").textContent()) ?? "").trim();
async function openEditor(page: Page, url: string) {
  await page.goto(url);
  await expect.poll(() => editorOf(page).getAttribute("contenteditable", { timeout: 1_000 }).catch(() => null), { timeout: 15_000 }).toBe("true");
}

describe("writing a document", () => {
  it("Rückgängig and Wiederherstellen undo only one's own changes, by button and keyboard", async () => {
    const url = newDocument("Rückgängig im Browser");
    const anna = await as("anna.schmidt@ag-portal.test");
    const jonas = await as("jonas.weber@ag-portal.test");
    await openEditor(anna, url);
    await openEditor(jonas, url);

    const toolbar = anna.getByRole("toolbar", { name: "Textformatierung" });
    const undo = toolbar.getByRole("button", { name: "Rückgängig" });
    const redo = toolbar.getByRole("button", { name: "Wiederherstellen" });
    expect(await undo.getAttribute("aria-disabled")).toBe("true");
    expect(await redo.getAttribute("aria-disabled")).toBe("true");
    expect(await undo.getAttribute("aria-keyshortcuts")).toContain("Control+Z");
    expect(await redo.getAttribute("aria-keyshortcuts")).toContain("Control+Y");

    await editorOf(anna).click();
    await anna.keyboard.type("Annas Satz.");
    await expect.poll(() => undo.getAttribute("aria-disabled")).toBeNull();
    await expect.poll(() => textOf(jonas), { timeout: 10_000 }).toContain("Annas Satz.");

    // Jonas writes a paragraph of his own; Anna's undo must leave it alone.
    await editorOf(jonas).click();
    await jonas.keyboard.press("Control+End");
    await jonas.keyboard.press("Enter");
    await jonas.keyboard.type("Jonas bleibt.");
    await expect.poll(() => textOf(anna), { timeout: 10_000 }).toContain("Jonas bleibt.");

    await undo.click();
    await expect.poll(() => textOf(anna)).not.toContain("Annas Satz.");
    expect(await textOf(anna)).toContain("Jonas bleibt.");
    await expect.poll(() => textOf(jonas), { timeout: 10_000 }).not.toContain("Annas Satz.");
    expect(await textOf(jonas)).toContain("Jonas bleibt.");
    await expect.poll(() => redo.getAttribute("aria-disabled")).toBeNull();
    await screenshot(anna, "document-undo");

    await redo.click();
    await expect.poll(() => textOf(anna)).toContain("Annas Satz.");
    await expect.poll(() => textOf(jonas), { timeout: 10_000 }).toContain("Annas Satz.");

    // The keyboard: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y.
    await editorOf(anna).click();
    await anna.keyboard.press("Control+z");
    await expect.poll(() => textOf(anna)).not.toContain("Annas Satz.");
    await anna.keyboard.press("Control+Shift+z");
    await expect.poll(() => textOf(anna)).toContain("Annas Satz.");
    await anna.keyboard.press("Control+z");
    await expect.poll(() => textOf(anna)).not.toContain("Annas Satz.");
    await anna.keyboard.press("Control+y");
    await expect.poll(() => textOf(anna)).toContain("Annas Satz.");
    expect(await textOf(anna)).toContain("Jonas bleibt.");

    // Saved: the status says so once the server has acknowledged everything.
    await expect.poll(() => statusOf(anna), { timeout: 10_000 }).toContain("Gespeichert");
    await expectNoAxeViolations(anna, "document editor with undo and redo");
    for (const page of [anna, jonas]) expect(problems.get(page)).toEqual([]);
    for (const page of [anna, jonas]) await page.context().close();
  }, 90_000);

  it("a reload without connection keeps the typed text, asks before leaving, and the text reaches the others later", async () => {
    const url = newDocument("Offline neu geladen");
    const anna = await as("anna.schmidt@ag-portal.test");
    const jonas = await as("jonas.weber@ag-portal.test");
    // Jonas's live connection runs through a route the test can cut: Chromium's offline mode alone keeps an
    // open WebSocket and delivers its frames once back online, and a page cannot be reloaded while offline.
    let blocked = false;
    const open: { close: () => Promise<void> }[] = [];
    await jonas.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (blocked) return void ws.close();
      const server = ws.connectToServer();
      open.push({ close: async () => (await Promise.all([ws.close(), server.close()]), undefined) });
    });
    await jonas.route("**/socket.io/**", (route) => (blocked ? route.abort() : route.continue()));
    await openEditor(anna, url);
    await openEditor(jonas, url);
    await editorOf(jonas).click();
    await jonas.keyboard.type("Vorher online.");
    await expect.poll(() => textOf(anna), { timeout: 10_000 }).toContain("Vorher online.");

    // The network goes away; Jonas keeps typing.
    blocked = true;
    await jonas.context().setOffline(true);
    for (const connection of open.splice(0)) await connection.close();
    await expect.poll(() => statusOf(jonas), { timeout: 10_000 }).toContain("Offline – Änderungen werden gespeichert, sobald die Verbindung zurück ist");
    const sentence = `Offline getippt ${Date.now()}.`;
    await jonas.keyboard.press("End");
    await jonas.keyboard.press("Enter");
    await jonas.keyboard.type(sentence);
    // Give IndexedDB a moment to write (it does so on every change).
    await new Promise((r) => setTimeout(r, 500));
    await screenshot(jonas, "document-offline-typing");

    // Reload: the page comes from the server again, the live connection stays cut.
    const dialogs: string[] = [];
    jonas.on("dialog", (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await jonas.context().setOffline(false);
    await jonas.reload();
    // Leaving with unacknowledged changes asked first.
    expect(dialogs).toContain("beforeunload");

    // The local copy is back, although the server has never seen the sentence.
    await expect.poll(() => textOf(jonas), { timeout: 15_000 }).toContain(sentence);
    expect(await textOf(jonas)).toContain("Vorher online.");
    expect(await textOf(anna)).not.toContain(sentence);
    await screenshot(jonas, "document-offline-reloaded");

    // The connection returns: the sentence is sent and reaches Anna.
    blocked = false;
    await expect.poll(() => textOf(anna), { timeout: 30_000 }).toContain(sentence);
    await expect.poll(() => editorOf(jonas).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await expect.poll(() => statusOf(jonas), { timeout: 10_000 }).toContain("Verbunden.");
    expect(await textOf(anna)).toContain("Vorher online.");

    // Stored on the server: a page without JavaScript shows it.
    const noJs = await as("anna.schmidt@ag-portal.test", { javaScriptEnabled: false });
    await noJs.goto(url);
    expect(await noJs.locator(".document-content").first().textContent()).toContain(sentence);

    expect(problems.get(anna)).toEqual([]);
    for (const page of [anna, jonas, noJs]) await page.context().close();
    // socket.io's reconnection backs off up to 5 s between attempts.
  }, 90_000);

  it("the moderation gives a reason for every step; the adopted version stays on the page after reopening", async () => {
    const url = newDocument("Beschluss mit Begründung");
    const anna = await as("anna.schmidt@ag-portal.test");
    await openEditor(anna, url);
    await editorOf(anna).click();
    await anna.getByRole("button", { name: "Überschrift", exact: true }).click();
    await anna.keyboard.type("Empfehlung");
    await anna.keyboard.press("Enter");
    await anna.keyboard.type("So beschlossen.");
    await expect.poll(() => statusOf(anna), { timeout: 10_000 }).toContain("Gespeichert");

    const moderation = await as("moderation@ag-portal.test");
    await moderation.goto(url);
    const reason = moderation.getByLabel("Begründung");
    // Without a reason: a German field error, nothing changes.
    await moderation.getByRole("button", { name: "In Konsultation geben" }).click();
    await expect.poll(() => moderation.getByText("Bitte begründen Sie die Statusänderung.").count()).toBe(1);
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    await screenshot(moderation, "document-status-reason-missing");

    const step = async (action: string, why: string, now: string) => {
      await reason.fill(why);
      await moderation.getByRole("button", { name: action }).click();
      await expect.poll(() => moderation.getByText(`Der Status ist jetzt: ${now}.`).count()).toBe(1);
      await expect.poll(() => moderation.getByText(`Begründung: ${why}`).count()).toBe(1);
    };
    await step("In Konsultation geben", "Bitte bis Freitag kommentieren.", "In Konsultation");
    await step("Als beschlossen festhalten", "In der Sitzung am 1. Dezember beschlossen.", "Beschlossen");
    await expect.poll(() => moderation.getByRole("heading", { name: /Beschlossene Fassung vom/ }).count()).toBe(1);
    expect(await moderation.locator(".document-adopted").textContent()).toContain("So beschlossen.");
    expect(await moderation.locator('.document-adopted h3[id="beschlossen-abschnitt-empfehlung"]').count()).toBe(1);
    await expect.poll(() => editorOf(anna).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("false");

    // Reopened and changed: the adopted version still shows the decided text.
    await step("In Konsultation geben", "Nachbesserung gewünscht.", "In Konsultation");
    await expect.poll(() => editorOf(anna).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await editorOf(anna).click();
    await anna.keyboard.press("Control+End");
    await anna.keyboard.type(" Nachgetragen.");
    await expect.poll(() => statusOf(anna), { timeout: 10_000 }).toContain("Gespeichert");
    await moderation.reload();
    expect(await moderation.locator(".document-adopted").textContent()).not.toContain("Nachgetragen.");
    expect(await moderation.locator(".document-adopted").textContent()).toContain("So beschlossen.");
    // The live text's heading has the plain anchor (for links from discussions).
    await expect.poll(() => moderation.locator('#abschnitt-empfehlung').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(moderation, "document-adopted-version");
    await expectNoAxeViolations(moderation, "document page with status form and adopted version");
    for (const page of [anna, moderation]) expect(problems.get(page)).toEqual([]);
    for (const page of [anna, moderation]) await page.context().close();
  }, 120_000);

  it("without JavaScript the status form works and names a missing reason", async () => {
    const url = newDocument("Ablauf ohne JavaScript");
    const moderation = await as("moderation@ag-portal.test", { javaScriptEnabled: false });
    await moderation.goto(url);
    await moderation.getByRole("button", { name: "Zurückziehen" }).click();
    expect(await moderation.getByText("Bitte begründen Sie die Statusänderung.").count()).toBe(1);
    await moderation.getByLabel("Begründung").fill("Thema hat sich erledigt.");
    await moderation.getByRole("button", { name: "Zurückziehen" }).click();
    expect(await moderation.getByText("Der Status ist jetzt: Zurückgezogen.").count()).toBe(1);
    expect(await moderation.getByText("Begründung: Thema hat sich erledigt.").count()).toBe(1);
    expect(await moderation.getByRole("button", { name: "Zurück in den Entwurf" }).count()).toBe(1);
    await screenshot(moderation, "document-withdrawn-no-js");
    await moderation.context().close();
  });
});
