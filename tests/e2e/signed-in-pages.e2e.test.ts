import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("every signed-in page passes axe", () => {
  const byRole: [string, string[]][] = [
    ["admin@ag-portal.test", ["/", "/einladungen", "/verwaltung/benutzer", "/konto/sitzungen", "/konto/passwort"]],
    ["moderation@ag-portal.test", ["/", "/einladungen"]],
    ["beobachtung@ag-portal.test", ["/", "/konto/sitzungen"]],
  ];
  for (const [email, paths] of byRole) {
    it(`as ${email}`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, email);
      for (const path of paths) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        // The user menu open, too: its contents must pass as well.
        await expectNoAxeViolations(page, `${path} as ${email}`);
      }
      await page.goto("/");
      await page.locator(".user-menu__summary").click();
      await expectNoAxeViolations(page, `user menu of ${email}`);
      await context.close();
    });
  }
});

describe("invitation in the browser, and deactivation seen live", () => {
  it("an admin invites, the invitee signs up, the admin deactivates and the invitee's page notices", async () => {
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await signIn(admin, "admin@ag-portal.test");
    await admin.goto("/einladungen");
    await admin.getByLabel("E-Mail-Adresse").fill("lena.fischer@stadt-weimar.example");
    await admin.getByLabel("Rolle im Portal").selectOption("member");
    await admin.getByRole("button", { name: "Einladung erstellen" }).click();
    const link = (await admin.locator(".token-box").textContent())!.trim();
    expect(link).toMatch(/\/einladung\/[a-z2-9]{48}$/);
    await screenshot(admin, "invitation-created");
    await expectNoAxeViolations(admin, "/einladungen after invite");

    const inviteeContext = await newContext(browser);
    const invitee = await inviteeContext.newPage();
    await invitee.goto(new URL(link).pathname);
    await expectNoAxeViolations(invitee, "/einladung/:token");
    await invitee.getByLabel("Ihr Name, wie andere ihn sehen").fill("Lena Fischer");
    await invitee.getByLabel("Passwort", { exact: true }).fill("passwort1234");
    await invitee.getByLabel("Passwort wiederholen").fill("passwort1234");
    await invitee.getByRole("button", { name: "Zugang einrichten" }).click();
    await expect.poll(() => invitee.getByText("Listen häufig verwendeter Passwörter", { exact: false }).count()).toBe(1);
    await invitee.getByLabel("Passwort", { exact: true }).fill("Zwiebelmarkt im Oktober 2026");
    await invitee.getByLabel("Passwort wiederholen").fill("Zwiebelmarkt im Oktober 2026");
    await invitee.getByRole("button", { name: "Zugang einrichten" }).click();
    await invitee.waitForURL((u) => u.pathname === "/");
    await expect.poll(() => invitee.getByRole("heading", { level: 1 }).textContent()).toBe("Willkommen, Lena Fischer");
    await expect.poll(() => invitee.locator(".live-indicator").getAttribute("data-status"), { timeout: 10_000 }).toBe("online");

    await admin.goto("/verwaltung/benutzer");
    await admin.getByRole("button", { name: "Lena Fischer deaktivieren" }).click();
    await expect.poll(() => admin.getByText("Lena Fischer wurde deaktiviert", { exact: false }).count()).toBe(1);

    // The invitee's open page learns it at once and falls back to the signed-out view.
    await expect.poll(() => invitee.locator(".live-indicator").count(), { timeout: 5_000 }).toBe(0);
    expect(await invitee.getByRole("link", { name: "Anmelden" }).count()).toBeGreaterThan(0);
    await adminContext.close();
    await inviteeContext.close();
  });
});
