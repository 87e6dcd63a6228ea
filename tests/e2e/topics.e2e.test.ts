import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("Wie weiter? in the browser", () => {
  it("a member proposes, a second user supports (without JavaScript), a moderator accepts; the group invites the proposer", async () => {
    const title = "E2E: Offene Daten im Landkreis";

    // Anna proposes.
    const annaContext = await newContext(browser);
    const anna = await annaContext.newPage();
    await signIn(anna, "anna.schmidt@ag-portal.test");
    await anna.goto("/themen");
    await expectNoAxeViolations(anna, "/themen");
    expect(await anna.getByRole("link", { name: "Thema vorschlagen" }).getAttribute("href")).toBe("/themen/neu");
    await anna.goto("/themen/neu");
    await expectNoAxeViolations(anna, "/themen/neu");
    // Too short: the field errors show and pass axe too.
    await anna.getByLabel("Titel des Themas").fill("ab");
    await anna.getByRole("button", { name: "Vorschlag einreichen" }).click();
    await expect.poll(() => anna.getByText("Der Titel muss mindestens 3 Zeichen lang sein.").count()).toBe(1);
    await expectNoAxeViolations(anna, "/themen/neu with errors");
    await anna.getByLabel("Titel des Themas").fill(title);
    await anna.getByLabel("Beschreibung").fill("Welche Daten der Kreisverwaltung können wir offen bereitstellen, und wie?");
    await anna.getByLabel("Zugehörige Loge (optional)").selectOption("Verwaltung und regionale Wirtschaft");
    await anna.getByLabel("Ich möchte mitarbeiten").check();
    await anna.getByRole("button", { name: "Vorschlag einreichen" }).click();
    await anna.waitForURL((u) => /^\/themen\/\d+$/.test(u.pathname));
    const path = new URL(anna.url()).pathname;
    await expect.poll(() => anna.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await expectNoAxeViolations(anna, "/themen/:id as proposer");

    // Jonas supports without JavaScript, offering to take part.
    const jonasContext = await newContext(browser, { javaScriptEnabled: false });
    const jonas = await jonasContext.newPage();
    await signIn(jonas, "jonas.weber@ag-portal.test");
    await jonas.goto(path);
    const support = jonas.getByRole("button", { name: "Unterstützen" });
    expect(await support.getAttribute("aria-pressed")).toBe("false");
    await jonas.getByLabel("Ich möchte mitarbeiten").check();
    await support.click();
    await jonas.waitForLoadState();
    expect(await jonas.getByRole("button", { name: "Unterstützen" }).getAttribute("aria-pressed")).toBe("true");
    expect(await jonas.getByText("Sie unterstützen diesen Vorschlag und möchten mitarbeiten.").count()).toBe(1);
    await jonas.getByLabel("Ihr Kommentar").fill("Die Haltestellendaten wären ein guter Anfang.");
    await jonas.getByRole("button", { name: "Kommentar veröffentlichen" }).click();
    await jonas.waitForLoadState();
    expect(await jonas.getByText("Die Haltestellendaten wären ein guter Anfang.").count()).toBe(1);

    // The moderator reviews and accepts.
    const modContext = await newContext(browser);
    const moderator = await modContext.newPage();
    await signIn(moderator, "moderation@ag-portal.test");
    await moderator.goto(path);
    await expectNoAxeViolations(moderator, "/themen/:id with the triage panel");
    await screenshot(moderator, "topic-triage-panel");
    await moderator.getByRole("button", { name: "In Prüfung nehmen" }).click();
    await expect.poll(() => moderator.getByText("Der Status ist jetzt „In Prüfung“.").count()).toBe(1);
    await moderator.getByRole("button", { name: "Annehmen und Arbeitsgruppe eröffnen" }).click();
    await moderator.waitForURL((u) => u.pathname === "/gruppen/e2e-offene-daten-im-landkreis");
    await expect.poll(() => moderator.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await screenshot(moderator, "topic-accepted-group");

    // The proposer and the supporter who wants to take part are invited.
    const db = new Database(inject("dbPath"), { readonly: true, fileMustExist: true });
    try {
      const invited = db
        .prepare(
          `select u.email from group_invitations i join users u on u.id = i.user_id join groups g on g.id = i.group_id
           where g.slug = ? and i.status = 'offen' order by u.email`,
        )
        .all("e2e-offene-daten-im-landkreis");
      expect(invited).toEqual([{ email: "anna.schmidt@ag-portal.test" }, { email: "jonas.weber@ag-portal.test" }]);
    } finally {
      db.close();
    }

    await anna.goto(path);
    await anna.waitForLoadState("networkidle");
    expect(await anna.getByText("Aus diesem Vorschlag wurde eine Arbeitsgruppe eröffnet:").count()).toBe(1);
    expect(await anna.getByText("Unterstützen ist nicht mehr möglich, kommentieren weiterhin.").count()).toBe(1);
    await expectNoAxeViolations(anna, "/themen/:id accepted");
    await screenshot(anna, "topic-accepted-proposal");
    await anna.goto("/themen?sortierung=neu");
    await expectNoAxeViolations(anna, "/themen sorted by newest");
    await screenshot(anna, "topics-list");

    await Promise.all([annaContext.close(), jonasContext.close(), modContext.close()]);
  });
});
