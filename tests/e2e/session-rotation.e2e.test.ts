import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, signIn } from "./browser";

/*
 * A new session after re-authentication (ASVS 7.2.4): a password change in
 * one browser ends every session before it, that browser's own included, and
 * gives it a new one. The page that changed it stays signed in and live; the
 * other device is signed out live.
 */
const email = "rotation.e2e@ag-portal.test";
const DEMO_PASSWORD = "Demo-Passwort-2018";
const NEW_PASSWORD = "Neue Passphrase für die Rotation 2026";
let browser: Browser;

beforeAll(async () => {
  // A person of our own, so that the shared demo accounts keep their password (the hash is Anna's).
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const hash = (db.prepare("select password_hash from users where lower(email) = ?").get("anna.schmidt@ag-portal.test") as { password_hash: string }).password_hash;
  db.prepare("insert into users (email, display_name, organisation, role, password_hash, created_at) values (?, ?, ?, 'member', ?, ?)")
    .run(email, "Rita Rotation", "Landratsamt Sömmerda", hash, Date.now());
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const liveStatus = (page: Page) => page.locator(".live-indicator").getAttribute("data-status");

describe("a password change gives this browser a new session and ends the others", () => {
  it("the page that changed it stays signed in and live; the other device is signed out at once", async () => {
    const laptop = await (await newContext(browser)).newPage();
    const phone = await (await newContext(browser)).newPage();
    await signIn(laptop, email, DEMO_PASSWORD);
    await signIn(phone, email, DEMO_PASSWORD);
    await expect.poll(() => liveStatus(laptop), { timeout: 10_000 }).toBe("online");
    await expect.poll(() => liveStatus(phone), { timeout: 10_000 }).toBe("online");
    const before = (await laptop.context().cookies()).find((c) => c.name === "ag_session")?.value;

    await laptop.goto("/konto/passwort");
    await expect.poll(() => liveStatus(laptop), { timeout: 10_000 }).toBe("online");
    await laptop.getByLabel("Aktuelles Passwort").fill(DEMO_PASSWORD);
    await laptop.getByLabel("Neues Passwort", { exact: true }).fill(NEW_PASSWORD);
    await laptop.getByLabel("Neues Passwort wiederholen").fill(NEW_PASSWORD);
    await laptop.getByRole("button", { name: "Passwort ändern" }).click();
    await expect.poll(() => laptop.getByText("Ihr Passwort wurde geändert.").count()).toBe(1);

    // The laptop has a new token, its socket follows it back online, and its pages still open.
    const after = (await laptop.context().cookies()).find((c) => c.name === "ag_session")?.value;
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    await expect.poll(() => liveStatus(laptop), { timeout: 15_000 }).toBe("online");
    expect((await laptop.goto("/konto/sitzungen"))?.status()).toBe(200);

    // The phone's session ended: its open page learns it at once and falls back to the signed-out view,
    // and its next page asks to sign in.
    await expect.poll(() => phone.locator(".live-indicator").count(), { timeout: 15_000 }).toBe(0);
    expect(await phone.getByRole("link", { name: "Anmelden" }).count()).toBeGreaterThan(0);
    await phone.goto("/konto/sitzungen");
    expect(new URL(phone.url()).pathname).toBe("/anmelden");
  });
});
