import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext } from "./browser";

/**
 * Issue 18, finding 3 in a real browser: Chromium drops a tab or line break from
 * a URL, so a Location of "/\t/evil.example" took it to http://evil.example/.
 * Signing in from a crafted link must end on the portal, with and without
 * JavaScript; a genuine target is still honoured.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signInFrom(redirectTo: string, javaScriptEnabled: boolean): Promise<URL> {
  const context = await newContext(browser, { javaScriptEnabled });
  try {
    const page = await context.newPage();
    // The machine has no network: answer the foreign host here, so that landing there is seen, not a DNS error.
    await context.route(/^https?:\/\/evil\.example\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
    await page.goto(`/anmelden?${new URLSearchParams({ redirectTo })}`);
    await page.getByLabel("E-Mail-Adresse").fill("anna.schmidt@ag-portal.test");
    await page.getByLabel("Passwort", { exact: true }).fill("Demo-Passwort-2018");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname !== "/anmelden", { timeout: 20_000 }).catch(() => {
      throw new Error(`signing in with redirectTo ${JSON.stringify(redirectTo)} did not leave /anmelden within 20 s (at ${page.url()})`);
    });
    await page.waitForLoadState();
    return new URL(page.url());
  } finally {
    await context.close();
  }
}

describe("after signing in from a crafted link, the browser stays on the portal", () => {
  const origin = () => new URL(baseUrl()).origin;
  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
    it(`"/.//evil.example" ${mode}: signed in, on the start page`, async () => {
      const landed = await signInFrom("/.//evil.example", javaScriptEnabled);
      expect(landed.origin).toBe(origin());
      expect(landed.pathname).toBe("/");
    });

    it.each(["/\t/evil.example", "/\n/evil.example", "/\\evil.example"])(`a crafted %j ${mode}: a German refusal on the portal, no form to sign in`, async (target) => {
      const context = await newContext(browser, { javaScriptEnabled });
      try {
        const page = await context.newPage();
        const response = await page.goto(`/anmelden?${new URLSearchParams({ redirectTo: target })}`);
        expect(response?.status()).toBe(400);
        expect(new URL(page.url()).origin).toBe(origin());
        await expect.poll(() => page.getByText("ungültige Zieladresse").count()).toBe(1);
        expect(await page.getByLabel("Passwort", { exact: true }).count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    it(`a genuine target ${mode}`, async () => {
      const landed = await signInFrom("/gruppen?seite=1", javaScriptEnabled);
      expect(`${landed.origin}${landed.pathname}${landed.search}`).toBe(`${origin()}/gruppen?seite=1`);
    });
  }
});
