import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("without JavaScript", () => {
  it("signing in, a wrong password, the user menu and signing out all work", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/anmelden");

    await page.getByLabel("E-Mail-Adresse").fill("anna.schmidt@ag-portal.test");
    await page.getByLabel("Passwort", { exact: true }).fill("falsches-passwort-x");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").textContent()).toContain("E-Mail-Adresse oder Passwort ist nicht korrekt.");
    expect(await page.getByLabel("Passwort", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "login-no-js-error");

    await page.getByLabel("E-Mail-Adresse").fill("anna.schmidt@ag-portal.test");
    await page.getByLabel("Passwort", { exact: true }).fill("Demo-Passwort-2018");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Willkommen, Anna Schmidt");

    await page.locator(".user-menu__summary").click();
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL(/abgemeldet=1/);
    expect(await page.getByText("Sie sind abgemeldet.").count()).toBe(1);
    await context.close();
  });
});
