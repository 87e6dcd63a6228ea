import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/** The dashboard "Fortschritt" as the ministry observer sees it: start page, progress, filters, charts, axe. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("dashboard Fortschritt in the browser", () => {
  it("the observer starts on the dashboard and sees every seeded group with its progress", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await signIn(page, "beobachtung@ag-portal.test");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Fortschritt der Arbeitsgruppen");

    await page.goto("/fortschritt");
    const table = page.getByRole("table", { name: "Stand je Gruppe" });
    for (const title of ["Digitales Rathaus", "Onlinezugangsgesetz in Land und Kommunen", "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen"]) {
      expect(await table.getByRole("link", { name: title, exact: true }).count(), title).toBe(1);
    }
    const rathaus = table.locator('tr[data-group="digitales-rathaus"]');
    expect(await rathaus.getByRole("progressbar").getAttribute("value")).toBe("2");
    expect(await rathaus.textContent()).toContain("2 von 4");
    // Other browser tests move this group's documents through the workflow while this one runs.
    expect(await rathaus.textContent()).toMatch(/In Konsultation: \d+/);
    const ki = table.locator('tr[data-group="behoerden-chatbots-und-ki"]');
    expect(await ki.textContent()).toContain("Überfällig:");
    expect(await page.getByRole("img", { name: "Empfehlungen nach Status im Zeitverlauf" }).count()).toBe(1);

    await expectNoAxeViolations(page, "/fortschritt");
    await screenshot(page, "dashboard-observer");
    // The tables behind the charts.
    for (const summary of await page.getByText("Als Tabelle anzeigen").all()) await summary.click();
    await expectNoAxeViolations(page, "/fortschritt with tables");
    await screenshot(page, "dashboard-observer-tables");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("filters by Loge without JavaScript, and the filter is in the URL", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "beobachtung@ag-portal.test");
    await page.goto("/fortschritt");
    await page.getByLabel("Loge").selectOption("Onlinezugangsgesetz in Land und Kommunen");
    await page.getByRole("button", { name: "Filter anwenden" }).click();
    await page.waitForURL(/loge=Onlinezugangsgesetz/);
    const links = await page.getByRole("table", { name: "Stand je Gruppe" }).locator("tbody tr").count();
    expect(links).toBe(1);
    expect(await page.getByText("1 Arbeitsgruppe", { exact: true }).count()).toBe(1);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/fortschritt");
    await screenshot(page, "dashboard-observer-mobile");
    await context.close();
  });
});
