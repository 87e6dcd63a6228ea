import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** CSP reports and page errors of a page, to check that the editor runs under the portal's CSP. */
const problems = new Map<Page, string[]>();

async function as(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await newContext(browser, options)).newPage();
  const list: string[] = [];
  problems.set(page, list);
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) list.push(m.text());
  });
  page.on("pageerror", (e) => list.push(String(e)));
  await signIn(page, email);
  return page;
}

const editorOf = (page: Page) => page.locator(".document-editor__content");
/** Text with non-breaking spaces as spaces (the browser types a space at a mark boundary as U+00A0). */
const textOf = async (locator: ReturnType<Page["locator"]>) => ((await locator.textContent()) ?? "").replace(/\u00a0/g, " ");

/** The names in the presence list above the editor. */
const presentNames = async (page: Page) => (await page.locator(".document-presence__name").allTextContents()).map((n) => n.trim());
const statusOf = async (page: Page) => ((await page.locator(".document-editor__status").textContent()) ?? "").trim();

/** Contrast of white text on an rgb() colour (WCAG relative luminance). */
function contrastWithWhite(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

/** The path of the seeded draft the tests write in. */
async function draftUrl(): Promise<string> {
  const page = await as("anna.schmidt@ag-portal.test");
  await page.goto("/gruppen/digitales-rathaus/dokumente");
  await page.getByRole("link", { name: /Empfehlung: E-Akte schrittweise einführen/ }).click();
  await page.waitForURL(/\/dokumente\/\d+$/);
  const url = new URL(page.url()).pathname;
  await page.context().close();
  return url;
}

async function openEditor(page: Page, url: string, editable: boolean) {
  await page.goto(url);
  await expect.poll(() => editorOf(page).getAttribute("contenteditable"), { timeout: 15_000 }).toBe(String(editable));
}

describe("co-editing a document in the browser", () => {
  it("two members write at the same time, an observer reads along, the text is on the page without JavaScript", async () => {
    const anna = await as("anna.schmidt@ag-portal.test");
    await anna.goto("/gruppen/digitales-rathaus/dokumente");
    await anna.getByRole("link", { name: /Empfehlung: E-Akte schrittweise einführen/ }).click();
    await anna.waitForURL(/\/dokumente\/\d+$/);
    const url = new URL(anna.url()).pathname;

    const jonas = await as("jonas.weber@ag-portal.test");
    const observer = await as("beobachtung@ag-portal.test");
    await openEditor(anna, url, true);
    await openEditor(jonas, url, true);
    await openEditor(observer, url, false);

    // The toolbar: one tab stop, arrow keys move, German names, aria-pressed on marks.
    const toolbar = anna.getByRole("toolbar", { name: "Textformatierung" });
    expect(await toolbar.getByRole("button", { name: "Fett" }).getAttribute("aria-pressed")).toBe("false");
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await toolbar.getByRole("button", { name: "Fett" }).focus();
    await anna.keyboard.press("ArrowRight");
    expect(await anna.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Kursiv");
    expect(await observer.getByRole("toolbar").count()).toBe(0);

    // Anna writes; Jonas and the observer see it live.
    await editorOf(anna).click();
    await anna.keyboard.type("Anna schreibt den ersten Satz. <script>alert(1)</script>");
    for (const page of [jonas, observer]) {
      await expect.poll(() => textOf(editorOf(page)), { timeout: 10_000 }).toContain("Anna schreibt den ersten Satz.");
    }

    // Jonas adds a paragraph with a bold word; Anna sees it.
    await editorOf(jonas).click();
    await jonas.keyboard.press("Control+End");
    await jonas.keyboard.press("Enter");
    await jonas.keyboard.type("Jonas ergänzt ");
    await jonas.keyboard.press("Control+b");
    await jonas.keyboard.type("fett");
    await expect.poll(() => jonas.getByRole("button", { name: "Fett" }).getAttribute("aria-pressed")).toBe("true");
    await jonas.keyboard.press("Control+b");
    await jonas.keyboard.type(" einen Absatz.");
    await expect.poll(() => textOf(editorOf(anna)), { timeout: 10_000 }).toContain("Jonas ergänzt fett einen Absatz.");
    await expect.poll(() => textOf(editorOf(observer)), { timeout: 10_000 }).toContain("Jonas ergänzt fett einen Absatz.");
    expect((await editorOf(anna).locator("strong").textContent())?.trim()).toBe("fett");

    // Each sees the other's named caret, coloured (CollaborationCaret sets the colour through the CSSOM).
    await expect.poll(() => anna.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 }).toContain("Jonas Weber");
    await anna.keyboard.type(" Weiter.");
    await expect.poll(() => jonas.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 }).toContain("Anna Schmidt");
    await expect.poll(() => observer.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(["Anna Schmidt", "Jonas Weber"]),
    );
    const labelColor = await anna
      .locator(".collaboration-carets__label", { hasText: "Jonas Weber" })
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(labelColor).not.toBe("rgba(0, 0, 0, 0)");

    // The observer cannot type.
    await editorOf(observer).click();
    await observer.keyboard.type("Beobachtung tippt");
    await new Promise((r) => setTimeout(r, 500));
    for (const page of [anna, jonas, observer]) expect(await editorOf(page).textContent()).not.toContain("Beobachtung tippt");

    // Links: only http, https and mailto.
    await editorOf(anna).click();
    await anna.keyboard.press("Control+End");
    await anna.keyboard.press("Enter");
    await anna.getByRole("button", { name: "Link setzen" }).click();
    await anna.getByLabel("Linkadresse (http, https oder mailto)").fill(" JaVaScRiPt:alert(1)");
    await anna.keyboard.press("Enter");
    expect(await anna.getByRole("alert").filter({ hasText: "Nur Adressen mit" }).count()).toBe(1);
    await anna.getByLabel("Linkadresse (http, https oder mailto)").fill("www.thueringen.de");
    await anna.keyboard.press("Enter");
    await expect.poll(() => editorOf(jonas).locator("a").getAttribute("href"), { timeout: 10_000 }).toBe("https://www.thueringen.de");

    await screenshot(anna, "co-editing-anna");
    await screenshot(jonas, "co-editing-jonas");
    await screenshot(observer, "co-editing-observer");
    await expectNoAxeViolations(anna, "document page with the editor");
    await expectNoAxeViolations(observer, "document page, read-only editor");

    // Without JavaScript (and so before hydration): the server-rendered text, escaped, no editor.
    const noJs = await as("jonas.weber@ag-portal.test", { javaScriptEnabled: false });
    await noJs.goto(url);
    // The live text (an adopted version, once there is one, follows in its own section).
    const content = noJs.locator(".document-content").first();
    await expect.poll(() => textOf(content)).toContain("Anna schreibt den ersten Satz. <script>alert(1)</script>");
    expect(await textOf(content)).toContain("Jonas ergänzt fett einen Absatz.");
    expect((await content.locator("strong").textContent())?.trim()).toBe("fett");
    expect(await content.locator("script").count()).toBe(0);
    expect(await content.locator("a").getAttribute("href")).toBe("https://www.thueringen.de");
    expect(await noJs.locator("[contenteditable]").count()).toBe(0);
    expect(await noJs.getByText("Noch leer").count()).toBe(0);
    await screenshot(noJs, "co-editing-no-js");

    // No CSP violations or script errors with the editor running.
    for (const [page, list] of [["anna", anna], ["jonas", jonas], ["observer", observer]] as const) {
      expect(problems.get(list), page).toEqual([]);
    }
    for (const page of [anna, jonas, observer, noJs]) await page.context().close();
  });

  it("the editor turns read-only live when the moderation decides the document, and editable again when it is reopened", async () => {
    const anna = await as("anna.schmidt@ag-portal.test");
    await anna.goto("/gruppen/digitales-rathaus/dokumente");
    await anna.getByRole("link", { name: /Empfehlung: E-Akte schrittweise einführen/ }).click();
    await anna.waitForURL(/\/dokumente\/\d+$/);
    const url = new URL(anna.url()).pathname;
    await openEditor(anna, url, true);

    const moderation = await as("moderation@ag-portal.test");
    await moderation.goto(url);
    const setStatus = async (action: string) => {
      await moderation.getByLabel("Begründung").fill(`Im Test: ${action}`);
      await moderation.getByRole("button", { name: action }).click();
      await expect.poll(() => moderation.getByText("Der Status ist jetzt:", { exact: false }).count()).toBe(1);
    };
    await setStatus("In Konsultation geben");
    await setStatus("Als beschlossen festhalten");
    await expect.poll(() => editorOf(anna).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("false");
    expect(await anna.getByRole("toolbar").count()).toBe(0);
    await screenshot(anna, "co-editing-decided");

    // Reopened (and back to the draft it was, for the other tests): editable again without a reload.
    await setStatus("In Konsultation geben");
    await setStatus("Zurück in den Entwurf");
    await expect.poll(() => editorOf(anna).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    expect(problems.get(anna)).toEqual([]);
    for (const page of [anna, moderation]) await page.context().close();
  });

  it("everyone in the document is shown as an avatar with the name; a leave is announced and the avatar disappears", async () => {
    const url = await draftUrl();
    const anna = await as("anna.schmidt@ag-portal.test");
    const jonas = await as("jonas.weber@ag-portal.test");
    const observer = await as("beobachtung@ag-portal.test");
    await openEditor(anna, url, true);
    await openEditor(jonas, url, true);
    await openEditor(observer, url, false);

    await expect.poll(() => presentNames(anna), { timeout: 10_000 }).toEqual(expect.arrayContaining(["Anna Schmidt (Sie)", "Jonas Weber"]));
    await expect.poll(() => presentNames(jonas), { timeout: 10_000 }).toEqual(expect.arrayContaining(["Jonas Weber (Sie)", "Anna Schmidt"]));
    await expect.poll(() => presentNames(observer), { timeout: 10_000 }).toEqual(expect.arrayContaining(["Anna Schmidt", "Jonas Weber"]));
    expect((await presentNames(observer)).filter((n) => n.endsWith("(Sie)"))).toHaveLength(1);

    // Avatars: initials, round, in the person's colour with white text (contrast ≥ 4.5:1), the name as visible text.
    const list = anna.getByRole("list", { name: "Gerade im Dokument" });
    const jonasItem = list.getByRole("listitem").filter({ hasText: "Jonas Weber" });
    const avatar = jonasItem.locator(".document-presence__avatar");
    expect(await avatar.textContent()).toBe("JW");
    const colours = await avatar.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, fg: s.color, radius: s.borderRadius, inline: el.getAttribute("style") };
    });
    expect(colours.fg).toBe("rgb(255, 255, 255)");
    expect(contrastWithWhite(colours.bg)).toBeGreaterThanOrEqual(4.5);
    expect(colours.radius).toBe("50%");
    expect(colours.inline).toMatch(/background-color/);
    const annaAvatar = list.getByRole("listitem").filter({ hasText: "Anna Schmidt (Sie)" }).locator(".document-presence__avatar");
    expect(await annaAvatar.textContent()).toBe("AS");
    expect(await annaAvatar.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(colours.bg);

    // The server-rendered page has no style attributes (the colours come from JavaScript, through the CSSOM).
    const html = await (await anna.request.get(url)).text();
    expect(html).not.toMatch(/<[^>]+\sstyle=/i);

    await screenshot(anna, "co-editing-avatars");
    await expectNoAxeViolations(anna, "document page with the presence avatars");
    await expectNoAxeViolations(observer, "read-only document page with the presence avatars");

    // Jonas closes his page: his avatar disappears for Anna and the observer within seconds, and it is announced.
    const live = anna.locator('.document-presence [aria-live="polite"]');
    expect(await live.count()).toBe(1);
    await jonas.context().close();
    for (const page of [anna, observer]) {
      await expect.poll(() => presentNames(page), { timeout: 5_000 }).not.toContain("Jonas Weber");
    }
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toBe("Jonas Weber hat das Dokument verlassen.");
    expect(await presentNames(anna)).toContain("Anna Schmidt (Sie)");

    for (const page of [anna, observer]) expect(problems.get(page)).toEqual([]);
    for (const page of [anna, observer]) await page.context().close();
  });

  it("what Jonas writes offline reaches Anna once he is back online", async () => {
    const url = await draftUrl();
    const anna = await as("anna.schmidt@ag-portal.test");
    const jonas = await as("jonas.weber@ag-portal.test");
    await openEditor(anna, url, true);
    await openEditor(jonas, url, true);
    await expect.poll(() => presentNames(anna), { timeout: 10_000 }).toContain("Jonas Weber");

    const sentence = `Offline geschrieben ${Date.now()}.`;
    await jonas.context().setOffline(true);
    // In this Chromium, setOffline does not close the open WebSocket but lets no frame through;
    // socket.io notices through its heartbeat (ping every 10 s, timeout 5 s), so about 15 s.
    const cutAt = Date.now();
    await expect.poll(() => statusOf(jonas), { timeout: 20_000 }).toContain("Offline – Änderungen werden gespeichert");
    expect(Date.now() - cutAt).toBeLessThan(20_000);
    expect(await editorOf(jonas).getAttribute("contenteditable")).toBe("true");

    await editorOf(jonas).click();
    await jonas.keyboard.press("Control+End");
    await jonas.keyboard.press("Enter");
    await jonas.keyboard.type(sentence);
    expect(await textOf(editorOf(jonas))).toContain(sentence);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await textOf(editorOf(anna))).not.toContain(sentence);
    // Anna sees that Jonas is gone.
    await expect.poll(() => presentNames(anna), { timeout: 20_000 }).not.toContain("Jonas Weber");

    await jonas.context().setOffline(false);
    await expect.poll(() => textOf(editorOf(anna)), { timeout: 20_000 }).toContain(sentence);
    await expect.poll(() => statusOf(jonas), { timeout: 10_000 }).toBe("Verbunden. Änderungen werden sofort gespeichert. Gespeichert.");
    await expect.poll(() => presentNames(anna), { timeout: 10_000 }).toContain("Jonas Weber");

    // Stored: a fresh page load has it.
    const again = await as("anna.schmidt@ag-portal.test", { javaScriptEnabled: false });
    await again.goto(url);
    expect(await textOf(again.locator(".document-content").first())).toContain(sentence);

    // Only the reconnection attempts while offline may fail.
    expect(problems.get(anna)).toEqual([]);
    expect(problems.get(jonas)!.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
    for (const page of [anna, jonas, again]) await page.context().close();
  });
});
