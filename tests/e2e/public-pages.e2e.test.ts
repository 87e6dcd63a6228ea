import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot } from "./browser";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("public pages", () => {
  it("the start page says what the portal is for, and passes axe", async () => {
    await page.goto("/");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("in kleinen Arbeitsgruppen");
    expect(await page.locator("main").textContent()).toContain("Thüringer E-Government-Kongress");
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    await screenshot(page, "start-page");
    await expectNoAxeViolations(page, "/");
  });

  it("the skip link leads to the main content", async () => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Zum Inhalt springen" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhalt");
  });

  const legal = [
    { path: "/impressum", h1: /Impressum/, must: ["§ 5 DDG"] },
    { path: "/datenschutz", h1: /Datenschutz/, must: ["Art. 13", "ag_session"] },
    { path: "/barrierefreiheit", h1: /Barrierefreiheit/, must: ["BITV 2.0", "Feedback"] },
  ];
  for (const { path, h1, must } of legal) {
    it(`${path} is reachable from the footer, has its legal structure and passes axe`, async () => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Rechtliches" }).getByRole("link", { name: h1 }).click();
      await page.waitForURL((u) => u.pathname === path);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(h1);
      const text = (await page.locator("main").textContent()) ?? "";
      for (const m of must) expect(text).toContain(m);
      expect(await page.getByRole("heading", { level: 2 }).count()).toBeGreaterThan(1);
      await screenshot(page, `legal${path.replace("/", "-")}`);
      await expectNoAxeViolations(page, path);
    });
  }

  it("the login page and the 404 page pass axe", async () => {
    await page.goto("/anmelden");
    await expectNoAxeViolations(page, "/anmelden");
    const res = await page.goto("/nicht-vorhanden");
    expect(res?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Seite nicht gefunden");
    await expectNoAxeViolations(page, "404");
  });

  it("shows German field errors on the login form and keeps them accessible", async () => {
    await page.goto("/anmelden");
    await page.getByLabel("E-Mail-Adresse").fill("keine-adresse");
    await page.getByLabel("Passwort", { exact: true }).fill("x");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect.poll(() => page.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein", { exact: false }).count()).toBe(1);
    expect(await page.getByLabel("E-Mail-Adresse").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "login-field-error");
    await expectNoAxeViolations(page, "/anmelden with errors");
  });
});
