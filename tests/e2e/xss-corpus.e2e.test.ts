import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { corpusUpdate, outsideSchemaCorpus, schemaCorpus, SEARCH_MARKER, XSS_FLAG, type CorpusEntry } from "../fixtures/xss-corpus";
import { PortalClient } from "../setup/http-client";
import { DOCUMENT_LINK_REL } from "../setup/inert-html";
import { DocClient } from "../setup/yjs-client";
import { baseUrl, launchBrowser, newContext, screenshot, signIn } from "./browser";

/**
 * The XSS corpus (tests/fixtures/xss-corpus.ts) in the editor: sent as raw
 * Yjs updates, then opened in Chromium by a member (editable) and an
 * observer (read-only, the adopted version beside it). Nothing may run (no
 * `window.__xss`, no dialog), and the text area holds no active content: no
 * script, frame, object or svg, no event-handler attribute, no link to
 * anything but http, https or mailto, no new tab that keeps `window.opener`,
 * no portal class of the author's choosing. The page must stay responsive.
 * Derived HTML, feeds and reports: tests/integration/xss-corpus.test.ts.
 */

const slug = "ag-e2e-xss-korpus";
let browser: Browser;
let groupId = 0;
let annaId = 0;
const docs: { url: string; name: string }[] = [];
let schemaUrl = "";
let adoptedUrl = "";

function newDocument(db: Database.Database, title: string): number {
  const now = Date.now();
  return Number(
    db
      .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)")
      .run(groupId, title, annaId, now, now).lastInsertRowid,
  );
}

async function sendCorpus(cookie: string, documentId: number, entries: CorpusEntry[]) {
  const client = new DocClient(baseUrl(), cookie, documentId);
  try {
    expect(await client.join()).toEqual({ ok: true });
    expect(await client.send(corpusUpdate(entries, `Harmloser Absatz ${SEARCH_MARKER}`))).toEqual({ ok: true, data: {} });
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  const db = new Database(inject("dbPath"));
  db.pragma("busy_timeout = 5000");
  const now = Date.now();
  annaId = (db.prepare("select id from users where lower(email) = ?").get("anna.schmidt@ag-portal.test") as { id: number }).id;
  groupId = Number(
    db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'intern', ?, ?)")
      .run(slug, "E2E XSS-Korpus", "Gruppe für den XSS-Korpus im Editor.", now, now).lastInsertRowid,
  );
  db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'moderation', ?)").run(groupId, annaId, now);
  const schemaId = newDocument(db, "Korpus im Schema");
  const adoptedId = newDocument(db, "Korpus im Schema, beschlossen");
  const outside = outsideSchemaCorpus.map((entry) => ({ entry, id: newDocument(db, `Korpus außerhalb: ${entry.name}`) }));
  db.close();

  const anna = new PortalClient(baseUrl());
  await anna.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
  await sendCorpus(anna.cookie!, schemaId, schemaCorpus);
  await sendCorpus(anna.cookie!, adoptedId, schemaCorpus);
  for (const { entry, id } of outside) await sendCorpus(anna.cookie!, id, [entry]);
  for (const status of ["in_konsultation", "beschlossen"]) {
    const res = await anna.post(`/gruppen/${slug}/dokumente/${adoptedId}`, { intent: "status", status, comment: `Korpus: ${status}` });
    expect(res.status).toBe(200);
  }
  schemaUrl = `/gruppen/${slug}/dokumente/${schemaId}`;
  adoptedUrl = `/gruppen/${slug}/dokumente/${adoptedId}`;
  docs.push(...outside.map(({ entry, id }) => ({ url: `/gruppen/${slug}/dokumente/${id}`, name: entry.name })));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Session = { page: Page; dialogs: string[]; errors: string[] };

/** A signed-in page that records every dialog (and dismisses it, so nothing waits on it) and every page error. */
async function as(email: string): Promise<Session> {
  const page = await (await newContext(browser)).newPage();
  const session: Session = { page, dialogs: [], errors: [] };
  page.on("dialog", (dialog) => {
    // The editor asks before leaving with unsaved changes (it dropped the foreign nodes itself): that one is the portal's.
    if (dialog.type() === "beforeunload") return void dialog.accept();
    session.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => session.errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") session.errors.push(message.text());
  });
  await signIn(page, email);
  return session;
}

/** Resolves with the page's answer, or fails saying that the page stopped answering (a hung renderer never answers). */
async function answering<T>(page: Page, what: string, run: () => Promise<T>, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page did not answer within ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([run(), hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a document and waits until the editor holds it (contenteditable says which mode it is in). */
async function openEditor({ page, errors }: Session, url: string, editable: boolean, label: string) {
  await page.goto(url);
  try {
    await answering(page, `the editor of ${label}`, () =>
      expect
        .poll(() => page.locator(".document-editor__content").getAttribute("contenteditable", { timeout: 1_000 }).catch(() => null), { timeout: 20_000 })
        .toBe(String(editable)),
    );
  } catch (error) {
    await screenshot(page, `xss-corpus-${label.replace(/\W+/g, "-")}`).catch(() => {});
    throw new Error(`${label}: the editor did not open (page errors: ${errors.join(" | ") || "none"})`, { cause: error });
  }
}

/** Everything active in the document's text areas (editor and server-rendered HTML), as readable findings. */
function activeContent(page: Page, linkRel: string): Promise<string[]> {
  return page.evaluate((rel) => {
    const found: string[] = [];
    const areas = [...document.querySelectorAll(".document-editor__content, .document-content")];
    for (const area of areas) {
      for (const el of [area, ...area.querySelectorAll("*")]) {
        const tag = el.tagName.toLowerCase();
        if (["script", "iframe", "frame", "object", "embed", "svg", "img", "style", "link", "meta", "base", "form", "math"].includes(tag)) found.push(`<${tag}>`);
        for (const { name, value } of [...el.attributes]) {
          if (/^on/i.test(name)) found.push(`<${tag} ${name}="${value}">`);
          if (name === "srcdoc" || name === "formaction" || name === "xlink:href") found.push(`<${tag} ${name}>`);
          // The editor's table view sizes the table and its columns with inline styles; nothing else has any.
          if (name === "style" && tag !== "table" && tag !== "col") found.push(`<${tag} style="${value}">`);
        }
        if (/\bkern-/.test(el.getAttribute("class") ?? "")) found.push(`<${tag} class="${el.getAttribute("class")}">`);
        if (el instanceof HTMLAnchorElement) {
          if (el.hasAttribute("href") && !["http:", "https:", "mailto:"].includes(el.protocol)) found.push(`<a href="${el.getAttribute("href")}"> (${el.protocol})`);
          if (el.hasAttribute("target")) found.push(`<a target="${el.target}">`);
          if (el.rel !== rel) found.push(`<a rel="${el.rel}">`);
        }
      }
    }
    return areas.length ? found : ["no document text area on the page"];
  }, linkRel);
}

async function expectInert({ page, dialogs }: Session, label: string) {
  const findings = await answering(page, `checking ${label}`, () => activeContent(page, DOCUMENT_LINK_REL));
  expect(findings, label).toEqual([]);
  expect(await page.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag] ?? null, XSS_FLAG), label).toBeNull();
  expect(dialogs, label).toEqual([]);
}

describe("the XSS corpus in the editor", () => {
  it("runs nothing and shows nothing active: editable for a member, read-only with the adopted version for an observer", async () => {
    const member = await as("anna.schmidt@ag-portal.test");
    await openEditor(member, schemaUrl, true, "the schema corpus");
    await expect.poll(() => member.page.locator(".document-editor__content").textContent()).toContain(SEARCH_MARKER);
    await expectInert(member, "member, editable");

    const observer = await as("beobachtung@ag-portal.test");
    await openEditor(observer, adoptedUrl, false, "the adopted schema corpus");
    // The adopted version is server-rendered HTML on a page with JavaScript running.
    await expect.poll(() => observer.page.locator(".document-adopted").textContent()).toContain(SEARCH_MARKER);
    await expectInert(observer, "observer, read-only and adopted");
    // Hovering and clicking into the text is what handlers and autofocus would wait for.
    await observer.page.locator(".document-editor__content a").first().hover();
    await observer.page.locator(".document-adopted p").first().click();
    await expectInert(observer, "observer after hover and click");
    expect([...member.errors, ...observer.errors]).toEqual([]);
  });

  it("keeps every document with content outside the schema usable and inert, one after the other", { timeout: 240_000 }, async () => {
    const member = await as("anna.schmidt@ag-portal.test");
    for (const doc of docs) {
      await openEditor(member, doc.url, true, doc.name);
      // The harmless paragraph before the foreign content is still there to edit.
      await expect.poll(() => member.page.locator(".document-editor__content").textContent(), { message: doc.name }).toContain(SEARCH_MARKER);
      await expectInert(member, doc.name);
    }
    expect(member.errors).toEqual([]);
  });
});
