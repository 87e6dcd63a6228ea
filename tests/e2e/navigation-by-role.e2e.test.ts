import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const roles = [
  { email: "admin@ag-portal.test", name: "Petra Hoffmann", role: "Administration", nav: ["Start", "Arbeitsgruppen", "Fortschritt", "Aktivität", "Wie weiter?", "Einladungen", "Benutzerverwaltung"] },
  { email: "moderation@ag-portal.test", name: "Thomas Keller", role: "Moderation", nav: ["Start", "Arbeitsgruppen", "Fortschritt", "Aktivität", "Wie weiter?", "Einladungen"] },
  { email: "anna.schmidt@ag-portal.test", name: "Anna Schmidt", role: "Mitglied", nav: ["Start", "Arbeitsgruppen", "Fortschritt", "Aktivität", "Wie weiter?"] },
  { email: "jonas.weber@ag-portal.test", name: "Jonas Weber", role: "Mitglied", nav: ["Start", "Arbeitsgruppen", "Fortschritt", "Aktivität", "Wie weiter?"] },
  { email: "beobachtung@ag-portal.test", name: "Dr. Claudia Berger", role: "Beobachtung", nav: ["Start", "Arbeitsgruppen", "Fortschritt", "Aktivität", "Wie weiter?"] },
];

describe("each demo user sees the navigation of their role", () => {
  for (const account of roles) {
    it(`${account.role}: ${account.email}`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

      await signIn(page, account.email);
      const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
      // Observers come to follow progress: their start page is the dashboard.
      const heading = account.email === "beobachtung@ag-portal.test" ? "Fortschritt der Arbeitsgruppen" : `Willkommen, ${account.name}`;
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
      await expect.poll(() => page.getByText(`Ihre Rolle im Portal: ${account.role}`).count()).toBe(1);
      expect(await nav.getByRole("link").allTextContents()).toEqual(account.nav);

      // The live connection comes up through the CSP and the session cookie.
      await expect.poll(() => page.locator(".live-indicator").getAttribute("data-status"), { timeout: 10_000 }).toBe("online");
      expect(await page.locator(".live-indicator").textContent()).toContain("Live verbunden");

      // Pages the role may not open answer 403 in German.
      if (!account.nav.includes("Benutzerverwaltung")) {
        const res = await page.goto("/verwaltung/benutzer");
        expect(res?.status()).toBe(403);
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Kein Zugriff");
        await page.goto("/");
      }
      if (account.email === "admin@ag-portal.test") await screenshot(page, "home-signed-in-admin");
      if (account.email === "beobachtung@ag-portal.test") await screenshot(page, "home-signed-in-observer");

      // Sign out through the user menu.
      await page.getByText(account.name, { exact: true }).first().click();
      await page.getByRole("button", { name: "Abmelden" }).click();
      await page.waitForURL(/\/anmelden\?abgemeldet=1/);
      await expect.poll(() => page.getByText("Sie sind abgemeldet.").count()).toBe(1);
      expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).count()).toBe(0);
      expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
      await context.close();
    });
  }
});
