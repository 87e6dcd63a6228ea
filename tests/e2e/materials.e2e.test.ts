import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildTalkPdf } from "../../db/seed-materials";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/** The Materialien tab in a browser: upload, download and delete, with and without JavaScript. */

const groups = { js: "ag-e2e-materialien", noJs: "ag-e2e-materialien-ohne-js" };
let browser: Browser;

beforeAll(async () => {
  // A fixture group of our own in the shared test database, with Anna as member.
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  const anna = (db.prepare("select id from users where lower(email) = ?").get("anna.schmidt@ag-portal.test") as { id: number }).id;
  for (const slug of Object.values(groups)) {
    const { lastInsertRowid } = db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
      .run(slug, `E2E Materialien ${slug}`, "Gruppe für die Browser-Tests der Materialien.", now, now);
    db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(lastInsertRowid, anna, now);
  }
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const talkTitle = "Das digitale Rathaus in der Praxis – Erfahrungen aus Jena";
const pdfFile = { name: "rathaus-jena.pdf", mimeType: "application/pdf", buffer: Buffer.from(buildTalkPdf({ title: talkTitle, speaker: "Dr. Katrin Vogel" })) };
const fakePdf = { name: "vortrag.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]) };

async function fillUpload(page: Page, title: string, file: typeof pdfFile) {
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Beschreibung").fill("Folien vom Kongress");
  await page.getByLabel("Vortragende Person").fill("Dr. Katrin Vogel, Leiterin Digitalisierung, Stadt Jena");
  await page.getByLabel("Loge").selectOption("Digitales Rathaus");
  await page.getByLabel("Datei").setInputFiles(file);
  await page.getByRole("button", { name: "Hochladen" }).click();
}

describe("Materialien", () => {
  it("a member uploads a talk, downloads it, is refused a disguised executable and deletes the talk", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto(`/gruppen/${groups.js}/materialien`);
    await expect.poll(() => page.getByText("Noch keine Materialien").count()).toBe(1);
    await expectNoAxeViolations(page, "Materialien leer");

    await fillUpload(page, talkTitle, pdfFile);
    await page.waitForURL(/hochgeladen=\d+/);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "wurde hochgeladen" }).count()).toBe(1);
    const row = page.getByRole("row").filter({ hasText: talkTitle });
    expect(await row.textContent()).toContain("PDF");
    expect(await row.textContent()).toContain("Loge: Digitales Rathaus");
    expect(await row.textContent()).toContain("Anna Schmidt");
    // The form is empty again for the next upload.
    expect(await page.getByLabel("Titel", { exact: true }).inputValue()).toBe("");
    await expectNoAxeViolations(page, "Materialien mit Liste");
    await screenshot(page, "materialien-liste");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("link", { name: /herunterladen/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("rathaus-jena.pdf");

    await fillUpload(page, "Getarnte Datei", fakePdf);
    await expect.poll(() => page.getByText("Erlaubt sind PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG und JPEG.").count()).toBeGreaterThan(0);
    expect(await page.getByRole("row").filter({ hasText: "Getarnte Datei" }).count()).toBe(0);
    await screenshot(page, "materialien-falscher-typ");

    await row.getByRole("button", { name: `Material „${talkTitle}“ löschen` }).click();
    await expect.poll(() => page.getByText("Noch keine Materialien").count()).toBe(1);
    expect(await page.getByRole("status").filter({ hasText: "wurde gelöscht" }).count()).toBe(1);
    await context.close();
  });

  it("works without JavaScript", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto(`/gruppen/${groups.noJs}/materialien`);

    await page.getByRole("button", { name: "Hochladen" }).click();
    await page.waitForLoadState();
    expect(await page.getByText("Bitte wählen Sie eine Datei aus.").count()).toBe(1);

    await fillUpload(page, talkTitle, pdfFile);
    await page.waitForURL(/hochgeladen=\d+/);
    const row = page.getByRole("row").filter({ hasText: talkTitle });
    expect(await row.count()).toBe(1);

    await row.getByRole("button", { name: `Material „${talkTitle}“ löschen` }).click();
    await page.waitForLoadState();
    expect(await page.getByText("Noch keine Materialien").count()).toBe(1);
    await context.close();
  });
});
