import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

/** The activity feeds in a browser: the group tab, /aktivitaet, and following without JavaScript. */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("activity feeds", () => {
  it("the observer opens „Aktivität“ from the main navigation and sees the seeded history of followed groups", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, "beobachtung@ag-portal.test");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Aktivität" }).click();
    await page.waitForURL("**/aktivitaet");
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Aktivität in meinen Gruppen" }).count()).toBe(1);
    expect(await page.getByRole("heading", { level: 2, name: "Heute" }).count()).toBe(1);
    expect(await page.locator(".activity-item").count()).toBe(30);
    expect(await page.locator('.activity-item a[href="/gruppen/digitales-rathaus"]').count()).toBeGreaterThan(0);
    // The demo observer opted out of this group, and the vertraulich group without grant never shows.
    expect(await page.locator('a[href^="/gruppen/verwaltung-und-regionale-wirtschaft"]').count()).toBe(0);
    expect(await page.locator("time[datetime]").count()).toBe(30);
    await screenshot(page, "activity-feed-observer");
    await expectNoAxeViolations(page, "/aktivitaet");

    await page.getByRole("link", { name: "Ältere Aktivität" }).click();
    await page.waitForURL(/vor=\d+/);
    await expect.poll(() => page.getByRole("link", { name: "Zur neuesten Aktivität" }).count()).toBe(1);

    await page.goto("/gruppen/verwaltung-und-regionale-wirtschaft");
    await expect.poll(() => page.getByRole("button", { name: "Folgen", exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, "group page with the follow box");
    await page.context().close();
  });

  it("a member filters the group's Aktivität tab by kind and follows a link to the discussion", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, "anna.schmidt@ag-portal.test");
    await page.goto("/gruppen/digitales-rathaus/aktivitaet");
    await expect.poll(() => page.locator(".activity-item").count()).toBeGreaterThan(5);
    await screenshot(page, "activity-tab-member");
    await expectNoAxeViolations(page, "tab Aktivität");
    await page.getByLabel("Art").selectOption("diskussion");
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await page.waitForURL(/art=diskussion/);
    const kinds = () => page.locator(".activity-item").evaluateAll((items) => [...new Set(items.map((i) => i.getAttribute("data-activity-kind")))].sort());
    await expect.poll(kinds).toEqual(["post_created", "thread_created"]);
    await page.locator('.activity-item[data-activity-kind="thread_created"] a').first().click();
    await page.waitForURL(/\/diskussion\/\d+$/);
    await page.context().close();
  });

  it("following works without JavaScript: the observer follows a group again and unfollows it", async () => {
    const page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signIn(page, "beobachtung@ag-portal.test");
    await page.goto("/gruppen/verwaltung-und-regionale-wirtschaft/aktivitaet");
    expect(await page.getByText("Sie folgen dieser Gruppe nicht.").count()).toBe(1);
    // The form posts and comes back to the same address: wait for the new state, not for the URL.
    await page.getByRole("button", { name: "Folgen", exact: true }).click();
    await expect.poll(() => page.getByText("Sie folgen dieser Gruppe.").count()).toBe(1);
    expect(page.url()).toMatch(/\/gruppen\/verwaltung-und-regionale-wirtschaft\/aktivitaet$/);
    // axe needs JavaScript in the page; the follow box is checked with it in the first test.
    await screenshot(page, "activity-follow-no-js");
    await page.goto("/aktivitaet?art=meilensteine");
    expect(await page.locator('a[href="/gruppen/verwaltung-und-regionale-wirtschaft"]').count()).toBeGreaterThan(0);
    // Back to the demo state (opted out), so other browser tests see the seed as it was.
    await page.goto("/gruppen/verwaltung-und-regionale-wirtschaft");
    await page.getByRole("button", { name: "Nicht mehr folgen" }).click();
    await expect.poll(() => page.getByText("Sie folgen dieser Gruppe nicht.").count()).toBe(1);
    await page.context().close();
  });
});
