import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { buildTalkPdf } from "../../db/seed-materials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function as(email: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, email);
  return page;
}

describe("working groups in the browser", () => {
  it("lists the seeded groups with their progress, filters them, and every page passes axe", async () => {
    const page = await as("anna.schmidt@ag-portal.test");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Arbeitsgruppen" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Arbeitsgruppen");
    const titles = await page.locator(".kern-card h2").allTextContents();
    expect(titles).toContain("Digitales Rathaus");
    expect(titles).toContain("Onlinezugangsgesetz in Land und Kommunen");
    // Confidential and not a member: not listed.
    expect(titles).not.toContain("Kooperation mit IT-Wirtschaft und Bildungseinrichtungen");
    expect(await page.getByText("2 von 4 Meilensteinen erreicht").count()).toBe(1);
    await screenshot(page, "groups-list");
    await expectNoAxeViolations(page, "/gruppen");

    await page.getByLabel("Nur meine Gruppen").check();
    await page.getByRole("button", { name: "Filter anwenden" }).click();
    await expect.poll(() => page.url()).toContain("meine=1");
    // Other browser tests add "E2E …" fixture groups with Anna while this one runs; count the seeded ones.
    const seededMine = async () => (await page.locator(".kern-card h2").allTextContents()).filter((title) => !title.startsWith("E2E ")).length;
    await expect.poll(seededMine).toBe(3);

    await page.goto("/gruppen/digitales-rathaus");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Digitales Rathaus");
    expect(await page.getByRole("heading", { name: "Meilensteine" }).count()).toBe(1);
    await screenshot(page, "group-overview-member");
    await expectNoAxeViolations(page, "/gruppen/digitales-rathaus");
    await page.getByRole("navigation", { name: "Bereiche der Arbeitsgruppe" }).getByRole("link", { name: "Dokumente" }).click();
    await expect.poll(() => page.getByRole("link", { name: /Checkliste „Digitales Rathaus“/ }).count()).toBe(1);
    await expectNoAxeViolations(page, "tab Dokumente");
    await page.getByRole("link", { name: /Checkliste „Digitales Rathaus“/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent()).toContain("Checkliste");
    expect(await page.locator(".badge-row").last().textContent()).toContain("In Konsultation");
    await screenshot(page, "document-page-member");
    await expectNoAxeViolations(page, "document page");
    // Aktivität shows the group's history (more in activity.e2e); the discussion is tested in discussion.e2e.
    await page.getByRole("navigation", { name: "Bereiche der Arbeitsgruppe" }).getByRole("link", { name: "Aktivität" }).click();
    await expect.poll(() => page.locator(".activity-item").count()).toBeGreaterThan(0);
    expect(await page.getByText("Noch leer.", { exact: false }).count()).toBe(0);
    await expectNoAxeViolations(page, "tab Aktivität");
    await page.context().close();
  });

  it("a moderator opens a group, a member asks to join, the moderation accepts", async () => {
    const moderator = await as("moderation@ag-portal.test");
    await moderator.goto("/gruppen/neu");
    await expectNoAxeViolations(moderator, "/gruppen/neu");
    await moderator.getByLabel("Titel").fill("Digitale Barrierefreiheit");
    await moderator.getByLabel("Loge oder Thema").selectOption("Nutzen vermitteln – Ängste abbauen");
    await moderator.getByLabel("Beschreibung").fill("Wie werden Fachverfahren und Formulare barrierefrei? Erfahrungen mit BITV-Tests in Kommunen.");
    await moderator.getByLabel("Ziele").fill("Prüfliste für Vergaben\nSchulung für Redaktionen");
    await moderator.getByRole("button", { name: "Arbeitsgruppe eröffnen" }).click();
    await moderator.waitForURL(/\/gruppen\/digitale-barrierefreiheit/);
    await expect.poll(() => moderator.getByText("Die Arbeitsgruppe ist eröffnet.").count()).toBe(1);
    expect(await moderator.locator(".badge-row").textContent()).toContain("Ihre Rolle: Gruppenmoderation");

    await moderator.getByLabel("Titel des Meilensteins").fill("Auftakttreffen");
    await moderator.getByRole("button", { name: "Meilenstein hinzufügen" }).click();
    await expect.poll(() => moderator.locator(".milestone__title").allTextContents()).toEqual(["Auftakttreffen"]);
    await screenshot(moderator, "group-overview-moderation");
    await expectNoAxeViolations(moderator, "overview as moderation");
    await moderator.getByRole("link", { name: "Arbeitsgruppe bearbeiten" }).click();
    await expect.poll(() => moderator.getByRole("heading", { name: "Status der Gruppe" }).count()).toBe(1);
    await expectNoAxeViolations(moderator, "/bearbeiten");
    await moderator.goto("/gruppen/digitale-barrierefreiheit");

    const member = await as("jonas.weber@ag-portal.test");
    await member.goto("/gruppen/digitale-barrierefreiheit");
    await member.getByLabel("Nachricht an die Gruppenmoderation").fill("Ich betreue in Jena die BITV-Prüfungen.");
    await member.getByRole("button", { name: "Mitarbeit anfragen" }).click();
    await expect.poll(() => member.getByText("Die Gruppenmoderation entscheidet.", { exact: false }).count()).toBe(1);

    await moderator.reload();
    expect(await moderator.getByText("Ich betreue in Jena die BITV-Prüfungen.").count()).toBe(1);
    await expectNoAxeViolations(moderator, "overview with a request");
    await moderator.getByRole("button", { name: "Anfrage von Jonas Weber annehmen" }).click();
    await expect.poll(() => moderator.getByText("Jonas Weber ist jetzt Mitglied.").count()).toBe(1);

    // The member's open page learns it live and shows the new role.
    await expect.poll(() => member.locator(".badge-row").textContent(), { timeout: 5_000 }).toContain("Ihre Rolle: Mitglied");

    // The new member shares a paper; another member of the group downloads it.
    const pdf = Buffer.from(buildTalkPdf({ title: "BITV-Prüfungen in Jena", speaker: "Jonas Weber" }));
    await member.getByRole("navigation", { name: "Bereiche der Arbeitsgruppe" }).getByRole("link", { name: "Materialien" }).click();
    await member.getByLabel("Titel", { exact: true }).fill("BITV-Prüfungen in Jena");
    await member.getByLabel("Datei").setInputFiles({ name: "bitv-jena.pdf", mimeType: "application/pdf", buffer: pdf });
    await member.getByRole("button", { name: "Hochladen" }).click();
    await expect.poll(() => member.getByRole("row").filter({ hasText: "BITV-Prüfungen in Jena" }).count()).toBe(1);

    await moderator.goto("/gruppen/digitale-barrierefreiheit/materialien");
    const [download] = await Promise.all([
      moderator.waitForEvent("download"),
      moderator.getByRole("row").filter({ hasText: "BITV-Prüfungen in Jena" }).getByRole("link", { name: /herunterladen/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("bitv-jena.pdf");
    const saved = await download.path();
    expect(fs.readFileSync(saved!)).toEqual(pdf);
    await moderator.context().close();
    await member.context().close();
  });

  it("an observer sees the groups but no controls to join, edit or manage; a granted confidential group is readable", async () => {
    const observer = await as("beobachtung@ag-portal.test");
    await observer.goto("/gruppen");
    expect(await observer.locator(".kern-card h2").allTextContents()).toContain("Kooperation mit IT-Wirtschaft und Bildungseinrichtungen");
    await observer.goto("/gruppen/digitales-rathaus");
    expect(await observer.getByRole("button", { name: "Mitarbeit anfragen" }).count()).toBe(0);
    expect(await observer.getByRole("link", { name: "Arbeitsgruppe bearbeiten" }).count()).toBe(0);
    expect(await observer.getByRole("button", { name: /Meilenstein|entfernen|annehmen/i }).count()).toBe(0);
    expect(await observer.getByText("Als Beobachtung verfolgen Sie die Gruppe").count()).toBe(1);
    await screenshot(observer, "group-overview-observer");
    const res = await observer.goto("/gruppen/digitales-rathaus/bearbeiten");
    expect(res?.status()).toBe(403);
    await observer.goto("/gruppen/digitales-rathaus/materialien");
    expect(await observer.getByRole("row").count()).toBeGreaterThan(1);
    expect(await observer.getByRole("button", { name: "Hochladen" }).count()).toBe(0);
    expect(await observer.getByRole("button", { name: /löschen/i }).count()).toBe(0);
    await observer.context().close();
  });
});
