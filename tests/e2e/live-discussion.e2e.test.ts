import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const GROUP = "/gruppen/digitales-rathaus";

async function as(email: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, email);
  return page;
}

/** The names in "Gerade in der Gruppe:" (the entries start with the name). */
const presenceOf = (page: Page) => page.getByRole("list", { name: "Gerade in der Gruppe:" });

describe("a live discussion in two browsers", () => {
  it("shows who is here, who is typing, and the other's reply without a reload", async () => {
    const anna = await as("anna.schmidt@ag-portal.test");
    const title = `Live-Abstimmung ${Date.now().toString(36)}`;
    await anna.goto(`${GROUP}/diskussion/neu`);
    await anna.getByLabel("Titel", { exact: true }).fill(title);
    const first = anna.getByRole("textbox", { name: "Erster Beitrag" });
    await expect.poll(() => first.getAttribute("contenteditable"), { timeout: 15_000 }).toBe("true");
    await first.click();
    await anna.keyboard.type("Sollen wir die Empfehlung vor der Sitzung abstimmen?");
    await anna.getByRole("button", { name: "Thema beginnen" }).click();
    await anna.waitForURL(/\/diskussion\/\d+/);
    await expect.poll(() => anna.getByText("Sollen wir die Empfehlung vor der Sitzung abstimmen?").count()).toBe(1);
    const threadUrl = new URL(anna.url()).pathname;

    const jonas = await as("jonas.weber@ag-portal.test");
    await jonas.goto(threadUrl);

    // Presence: both see both, with where they are.
    for (const page of [anna, jonas]) {
      await expect.poll(() => presenceOf(page).textContent(), { timeout: 10_000 }).toContain("Jonas Weber");
      await expect.poll(() => presenceOf(page).textContent(), { timeout: 10_000 }).toContain("Anna Schmidt");
    }
    expect(await presenceOf(anna).textContent()).toContain(`Jonas Weber (Diskussion »${title}«)`);

    // Anna's page must not reload: a marker on window survives only without navigation.
    await anna.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 42));

    // Jonas types: Anna sees "Jonas Weber schreibt …" before the reply exists.
    const editor = jonas.getByRole("textbox", { name: "Ihre Antwort" });
    await expect.poll(() => editor.getAttribute("contenteditable"), { timeout: 15_000 }).toBe("true");
    await editor.click();
    await jonas.keyboard.type("Ja, gern – ich bereite die Vorlage vor.");
    const typing = anna.locator(".typing-indicator");
    await expect.poll(() => typing.textContent(), { timeout: 5_000 }).toBe("Jonas Weber schreibt …");
    expect(await anna.getByText("ich bereite die Vorlage vor").count()).toBe(0);
    await screenshot(anna, "live-discussion-typing");

    await jonas.getByRole("button", { name: "Antworten", exact: true }).click();
    // Stored first (Jonas sees his reply), so that a slow action on a busy machine is not taken for a missed live update.
    await expect.poll(() => jonas.locator(".post-list").getByText("Ja, gern – ich bereite die Vorlage vor.").count()).toBe(1);
    await expect.poll(() => anna.locator(".post-list").getByText("Ja, gern – ich bereite die Vorlage vor.").count()).toBe(1);
    expect(await anna.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
    // The reply ends the typing indicator.
    await expect.poll(() => typing.textContent(), { timeout: 6_000 }).toBe("");

    await expectNoAxeViolations(anna, "thread page with presence");
    await screenshot(anna, "live-discussion-reply");

    // The Dokumente tab lists who is in which document, live.
    await anna.goto(`${GROUP}/dokumente`);
    await jonas.goto(`${GROUP}/dokumente`);
    await jonas.getByRole("link", { name: /Empfehlung: E-Akte schrittweise einführen/ }).click();
    await jonas.waitForURL(/\/dokumente\/\d+$/);
    const row = anna.getByRole("row", { name: /Empfehlung: E-Akte schrittweise einführen/ });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Jonas Weber");
    await expect.poll(() => presenceOf(anna).textContent(), { timeout: 10_000 }).toContain("Jonas Weber (Dokument »Empfehlung: E-Akte schrittweise einführen«)");
    await expectNoAxeViolations(anna, "document list with presence");
    await screenshot(anna, "live-documents-presence");

    // Jonas leaves: Anna's list drops him (and the live region says so).
    await jonas.context().close();
    // Alone again: the list gives way to "Gerade ist niemand sonst in der Gruppe."
    await expect.poll(() => anna.locator(".group-presence").textContent(), { timeout: 10_000 }).toContain("niemand sonst");
    expect(await presenceOf(anna).count()).toBe(0);
    await expect.poll(() => anna.locator(".group-presence [aria-live]").textContent()).toBe("Jonas Weber hat die Gruppe verlassen.");
    await anna.context().close();
  });
});

/** Starts a thread in a group through the form and returns its path. */
async function startThread(page: Page, group: string, title: string, text: string): Promise<string> {
  await page.goto(`${group}/diskussion/neu`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  const first = page.getByRole("textbox", { name: "Erster Beitrag" });
  await expect.poll(() => first.getAttribute("contenteditable"), { timeout: 15_000 }).toBe("true");
  await first.click();
  await page.keyboard.type(text);
  await page.getByRole("button", { name: "Thema beginnen" }).click();
  await page.waitForURL(/\/diskussion\/\d+/);
  return new URL(page.url()).pathname;
}

/** The reply editor once the tiptap editor has taken over from the text field. */
async function replyEditor(page: Page) {
  const editor = page.getByRole("textbox", { name: "Ihre Antwort" });
  await expect.poll(() => editor.getAttribute("contenteditable"), { timeout: 15_000 }).toBe("true");
  return editor;
}

describe("a reply being written while others post", () => {
  // A group of its own with Thomas and Jonas: no notifications for Anna, whose bell mentions.e2e.test.ts counts.
  const DRAFT_GROUP = "/gruppen/ag-e2e-entwurf";
  beforeAll(() => {
    const db = new Database(inject("dbPath"));
    db.pragma("busy_timeout = 5000");
    const now = Date.now();
    const id = (email: string) => (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
    const groupId = db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
      .run("ag-e2e-entwurf", "E2E Entwürfe", "Gruppe für den Browser-Test der Antwortentwürfe.", now, now).lastInsertRowid;
    for (const email of ["moderation@ag-portal.test", "jonas.weber@ag-portal.test"]) {
      db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(groupId, id(email), now);
    }
    db.close();
  });

  it("keeps the half-written reply through a live update and a reload, and empties it after one's own post", async () => {
    const thomas = await as("moderation@ag-portal.test");
    const threadUrl = await startThread(thomas, DRAFT_GROUP, "Wer schreibt das Protokoll?", "Wer übernimmt das Protokoll?");
    const jonas = await as("jonas.weber@ag-portal.test");
    await jonas.goto(threadUrl);

    // Jonas starts his reply and is still typing when Thomas's reply arrives.
    const draft = await replyEditor(jonas);
    await draft.click();
    await jonas.keyboard.type("Ich kann es diesmal");
    await jonas.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 7));

    const other = await replyEditor(thomas);
    await other.click();
    await thomas.keyboard.type("Ich habe es letztes Mal gemacht.");
    await thomas.getByRole("button", { name: "Antworten", exact: true }).click();
    await expect.poll(() => thomas.locator(".post-list").getByText("Ich habe es letztes Mal gemacht.").count()).toBe(1);

    // Live, without a reload: Thomas's reply shows up, Jonas's text stays, and so do the focus and caret.
    await expect.poll(() => jonas.locator(".post-list").getByText("Ich habe es letztes Mal gemacht.").count()).toBe(1);
    expect(await jonas.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(7);
    await jonas.keyboard.type(" übernehmen.");
    expect(await draft.textContent()).toBe("Ich kann es diesmal übernehmen.");
    await screenshot(jonas, "live-discussion-draft-kept");

    // A reload brings the draft back (sessionStorage of the tab).
    await jonas.reload();
    await replyEditor(jonas);
    await expect.poll(() => draft.textContent()).toBe("Ich kann es diesmal übernehmen.");

    // His own post goes out and leaves an empty editor, also after another reload.
    await jonas.getByRole("button", { name: "Antworten", exact: true }).click();
    await expect.poll(() => jonas.locator(".post-list").getByText("Ich kann es diesmal übernehmen.").count()).toBe(1);
    await expect.poll(() => draft.textContent()).toBe("");
    await expectNoAxeViolations(jonas, "thread page after one's own reply");
    await screenshot(jonas, "live-discussion-own-reply");
    await jonas.reload();
    expect(await (await replyEditor(jonas)).textContent()).toBe("");

    await jonas.context().close();
    await thomas.context().close();
  });
});
