import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/** Feed tokens on Meine Sitzungen and the progress report's downloads, in a browser, with and without JavaScript. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("Feeds und Datenzugang", () => {
  it("creates a token, shows its URLs once, and revokes it", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto("/konto/sitzungen");
    await expect.poll(() => page.getByRole("heading", { name: "Feeds und Datenzugang" }).count()).toBe(1);
    await expectNoAxeViolations(page, "Meine Sitzungen mit Feeds");
    // An empty label is refused in the browser already, with the same German error as the server's.
    await page.getByRole("button", { name: "Schlüssel anlegen" }).click();
    await expect.poll(() => page.getByText("Bitte geben Sie eine Bezeichnung ein.").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "Feed-Schlüssel ohne Bezeichnung");

    await page.getByLabel("Bezeichnung").fill("Feedreader Büro");
    await page.getByRole("button", { name: "Schlüssel anlegen" }).click();
    const urls = page.getByTestId("feed-urls");
    await expect.poll(() => urls.count()).toBe(1);
    const text = (await urls.textContent()) ?? "";
    const feedUrl = text.match(/https?:\/\/[^\s]+\/feeds\/[a-z2-9]{48}\/empfehlungen\.atom/)?.[0];
    expect(feedUrl).toBeDefined();
    expect(text).toMatch(/\/feeds\/[a-z2-9]{48}\/fortschritt\.json/);
    expect(text).toMatch(/\/feeds\/[a-z2-9]{48}\/gruppen\/KURZNAME\.atom/);
    await expectNoAxeViolations(page, "Feed-Adressen");
    await screenshot(page, "feeds-token-angelegt");

    const feed = await context.request.get(feedUrl!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");

    // Reloading shows the token by its label only: the URLs were shown once.
    await page.goto("/konto/sitzungen");
    expect(await page.getByTestId("feed-urls").count()).toBe(0);
    await page.getByRole("button", { name: "Schlüssel „Feedreader Büro“ widerrufen" }).click();
    await expect.poll(() => page.getByText("Der Schlüssel wurde widerrufen.").count()).toBe(1);
    await screenshot(page, "feeds-token-widerrufen");
    await expect.poll(() => page.getByRole("button", { name: "Schlüssel „Feedreader Büro“ widerrufen" }).count()).toBe(0);
    expect((await context.request.get(feedUrl!)).status()).toBe(404);
    await context.close();
  });

  it("works without JavaScript, with the server's German field errors", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "jonas.weber@ag-portal.test");
    await page.goto("/konto/sitzungen");
    await page.getByRole("button", { name: "Schlüssel anlegen" }).click();
    await expect.poll(() => page.getByText("Bitte geben Sie eine Bezeichnung ein.").count()).toBeGreaterThan(0);
    await page.getByLabel("Bezeichnung").fill("Ohne JavaScript");
    await page.getByRole("button", { name: "Schlüssel anlegen" }).click();
    await expect.poll(() => page.getByTestId("feed-urls").count()).toBe(1);
    await context.close();
  });
});

describe("Fortschrittsbericht", () => {
  it("downloads the report as DOCX and CSV, and refuses an empty choice", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "beobachtung@ag-portal.test");
    await page.goto("/fortschritt/bericht");
    await expect.poll(() => page.getByRole("heading", { name: "Fortschrittsbericht" }).count()).toBe(1);
    await expectNoAxeViolations(page, "Fortschrittsbericht");
    await screenshot(page, "fortschrittsbericht");

    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Bericht herunterladen" }).click()]);
    expect(docx.suggestedFilename()).toMatch(/^fortschrittsbericht-\d{4}-\d{2}-\d{2}\.docx$/);
    const bytes = await streamBytes(await docx.createReadStream());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");

    await page.getByLabel(/Tabelle \(CSV\)/).check();
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Bericht herunterladen" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^fortschrittsbericht-\d{4}-\d{2}-\d{2}\.csv$/);

    await page.getByLabel("Nur diese Gruppen:").check();
    await page.getByRole("button", { name: "Bericht herunterladen" }).click();
    await expect.poll(() => page.getByText("Bitte wählen Sie mindestens eine Gruppe aus.").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "Fortschrittsbericht mit Fehler");
    await screenshot(page, "fortschrittsbericht-fehler");
    await context.close();
  });

  it("downloads a chosen group's report without JavaScript", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto("/fortschritt/bericht");
    await page.getByLabel("Nur diese Gruppen:").check();
    await page.locator('input[name="gruppen"]').first().check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Bericht herunterladen" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await context.close();
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
