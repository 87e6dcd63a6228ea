import crypto from "node:crypto";
import fs from "node:fs";
import { getSchema } from "@tiptap/core";
import type Database from "better-sqlite3";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentExtensions } from "~/documents/editor-extensions";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { corpusUpdate, HOSTILE_TEXTS, MARK_TYPES, NODE_BUILDERS, OPENER_LINK, outsideSchemaCorpus, schemaCorpus, SEARCH_MARKER, type CorpusEntry } from "../fixtures/xss-corpus";
import { parseCsv } from "../setup/csv-reader";
import { addGroup, startPortalWithFixtureDb } from "../setup/feed-fixtures";
import { PortalClient } from "../setup/http-client";
import { DOCUMENT_LINK_REL, DOCUMENT_MARKUP, htmlProblems, isAllowedHref, markupProblems, parseHtml, SNIPPET_MARKUP } from "../setup/inert-html";
import type { PortalServer } from "../setup/portal-server";
import { xmlProblems, xmlText } from "../setup/xml-well-formed";
import { DocClient, until } from "../setup/yjs-client";

/**
 * The XSS corpus (tests/fixtures/xss-corpus.ts) sent as raw Yjs updates over
 * a real socket into real documents, through the server's validation,
 * storage and deriving, then adopted (Beschlossen) so that it reaches every
 * output: the document page (live text and adopted version, as a member and
 * as an observer), the derived HTML in the database, search results, the
 * Atom feeds, and the progress report as DOCX and CSV. Inert everywhere:
 * only the renderer's own elements and attributes, links only to http,
 * https and mailto without a new tab that keeps `window.opener`, feeds and
 * Word files well-formed, no spreadsheet formula. The editor in the browser:
 * tests/e2e/xss-corpus.e2e.test.ts.
 */

const SLUG = "ag-xss-korpus";
const GROUP_TITLE = "@SUMME(1+1) Korpusgruppe <b>fett</b>";

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
let groupId = 0;
let feedToken = "";

type CorpusDoc = { id: number; title: string; entries: CorpusEntry[] };
/** The schema corpus in one document (it renders), each entry outside the schema in one of its own. */
let schemaDoc: CorpusDoc;
let outsideDocs: CorpusDoc[] = [];
const allDocs = () => [schemaDoc, ...outsideDocs];

const FORMULA_STARTS = ["=", "+", "-", "@"];

function insertDocument(title: string, createdBy: number): number {
  const now = Date.now();
  return Number(
    db
      .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)")
      .run(groupId, title, createdBy, now, now).lastInsertRowid,
  );
}

/** Sends the document's corpus as one raw update over a socket of Anna's; resolves once the server acknowledged it as stored. */
async function sendCorpus(doc: CorpusDoc) {
  const client = new DocClient(server.origin, c.anna.cookie!, doc.id);
  try {
    expect(await client.join(), `join ${doc.title}`).toEqual({ ok: true });
    const reply = await client.send(corpusUpdate(doc.entries, `Harmloser Absatz vor: ${doc.title}`));
    expect(reply, `update of ${doc.title}`).toEqual({ ok: true, data: {} });
  } finally {
    client.close();
  }
}

async function adopt(doc: CorpusDoc) {
  for (const status of ["in_konsultation", "beschlossen"]) {
    const res = await c.anna.post(`/gruppen/${SLUG}/dokumente/${doc.id}`, { intent: "status", status, comment: `Korpus: ${status}` });
    expect(res.status, `${doc.title} → ${status}`).toBe(200);
  }
}

const derivedText = (documentId: number) =>
  (db.prepare("select text from document_contents where document_id = ?").get(documentId) as { text: string } | undefined)?.text ?? "";

beforeAll(async () => {
  const started = await startPortalWithFixtureDb();
  ({ server, db } = started);
  const { anna, jonas } = started;
  groupId = addGroup(db, SLUG, GROUP_TITLE, "intern", [[anna, "moderation"], [jonas, "member"]]);
  // Titles that start like formulas: the CSV lists adopted titles.
  const schemaTitle = '=HYPERLINK("https://evil.example";"Korpus") im Schema';
  schemaDoc = { id: insertDocument(schemaTitle, anna), title: schemaTitle, entries: schemaCorpus };
  outsideDocs = outsideSchemaCorpus.map((entry, i) => {
    const title = `${FORMULA_STARTS[i % FORMULA_STARTS.length]}Korpus außerhalb: ${entry.name}`;
    return { id: insertDocument(title, anna), title, entries: [entry] };
  });
  feedToken = Array.from(crypto.randomBytes(48), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
  db.prepare("insert into feed_tokens (user_id, token_hash, label, created_at) values (?, ?, 'Korpus', ?)").run(
    jonas,
    crypto.createHash("sha256").update(feedToken).digest("hex"),
    Date.now(),
  );
  for (const [name, email] of Object.entries({ anna: "anna.schmidt@ag-portal.test", jonas: "jonas.weber@ag-portal.test", observer: "beobachtung@ag-portal.test" })) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(email, DEMO_PASSWORD);
  }
  for (const doc of allDocs()) await sendCorpus(doc);
  // Derived a moment after the change (at most 1.5 s, docs/realtime.md); the search index follows the derived text.
  await until(() => derivedText(schemaDoc.id).includes(SEARCH_MARKER), 20_000, "the derived text of the schema corpus document");
  for (const doc of allDocs()) await adopt(doc);
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

describe("the corpus", () => {
  it("has every node and mark type of the document schema with event handlers", () => {
    const schema = getSchema(documentExtensions());
    expect(Object.keys(NODE_BUILDERS).sort()).toEqual(Object.keys(schema.nodes).filter((n) => n !== "doc" && n !== "text").sort());
    expect([...MARK_TYPES].sort()).toEqual(Object.keys(schema.marks).sort());
  });
});

describe("the document page", () => {
  async function contentBlocks(client: PortalClient, doc: CorpusDoc) {
    const res = await client.get(`/gruppen/${SLUG}/dokumente/${doc.id}`);
    expect(res.status, doc.title).toBe(200);
    return [...parseHtml(await res.text()).querySelectorAll(".document-content")];
  }

  it("shows the live text and the adopted version as inert HTML, to a member and an observer", async () => {
    for (const who of ["jonas", "observer"]) {
      const blocks = await contentBlocks(c[who], schemaDoc);
      // The live text and the adopted version: both rendered, with the hostile text kept as text.
      expect(blocks.length, who).toBe(2);
      for (const block of blocks) {
        expect(markupProblems(block, DOCUMENT_MARKUP), who).toEqual([]);
        expect(block.textContent).toContain(SEARCH_MARKER);
        for (const text of HOSTILE_TEXTS.slice(0, 4)) expect(block.textContent).toContain(text);
        const opener = [...block.querySelectorAll("a")].find((a) => a.textContent === "Neuer Tab mit opener")!;
        expect(opener.getAttribute("href")).toBe(OPENER_LINK.href);
        expect(opener.getAttribute("target")).toBeNull();
        expect(opener.getAttribute("rel")).toBe(DOCUMENT_LINK_REL);
      }
      for (const doc of outsideDocs) {
        for (const block of await contentBlocks(c[who], doc)) expect(markupProblems(block, DOCUMENT_MARKUP), `${who}: ${doc.title}`).toEqual([]);
      }
    }
  });
});

describe("derived content", () => {
  it("stores inert HTML for search, feeds and reports, and for the adopted versions", () => {
    const ids = allDocs().map((d) => d.id);
    const marks = ids.map(() => "?").join(",");
    const rows = [
      ...(db.prepare(`select document_id, html from document_contents where document_id in (${marks})`).all(...ids) as { document_id: number; html: string }[]),
      ...(db.prepare(`select document_id, html from document_versions where document_id in (${marks})`).all(...ids) as { document_id: number; html: string }[]),
    ];
    expect(rows.filter((r) => r.document_id === schemaDoc.id && r.html.includes(SEARCH_MARKER)).length).toBe(2);
    for (const row of rows) expect(htmlProblems(row.html), `document ${row.document_id}`).toEqual([]);
  });

  it("shows search results with the corpus text escaped, marked only by the portal", async () => {
    const res = await c.jonas.get(`/suche?q=${SEARCH_MARKER}`);
    expect(res.status).toBe(200);
    const page = parseHtml(await res.text());
    const snippets = [...page.querySelectorAll(".search-result__snippet")];
    expect(snippets.some((s) => s.textContent?.includes("<script>"))).toBe(true);
    for (const snippet of snippets) expect(markupProblems(snippet, SNIPPET_MARKUP)).toEqual([]);
    for (const link of page.querySelectorAll(".search-result a")) expect(link.getAttribute("href")).toMatch(/^\/[^/\\]/);
  });
});

describe("Atom", () => {
  it("stays well-formed, and the adopted texts in it are inert HTML", async () => {
    const anonymous = new PortalClient(server.origin);
    const res = await anonymous.get(`/feeds/${feedToken}/empfehlungen.atom`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xmlProblems(xml)).toEqual([]);
    const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    const ours = entries.filter((e) => allDocs().some((d) => e.includes(`/dokumente/${d.id}"`)));
    expect(ours.length).toBe(allDocs().length);
    for (const entry of entries) {
      const html = xmlText(/<content type="html">([\s\S]*?)<\/content>/.exec(entry)?.[1] ?? "");
      expect(htmlProblems(html), entry.slice(0, 300)).toEqual([]);
    }
    expect(ours.find((e) => e.includes(`/dokumente/${schemaDoc.id}"`))).toContain(SEARCH_MARKER);
  });

  it("keeps the group's activity feed well-formed", async () => {
    const res = await new PortalClient(server.origin).get(`/feeds/${feedToken}/gruppen/${SLUG}.atom`);
    expect(res.status).toBe(200);
    expect(xmlProblems(await res.text())).toEqual([]);
  });
});

describe("progress report", () => {
  const download = async (format: string) => {
    const res = await c.anna.get(`/fortschritt/bericht/datei?umfang=auswahl&gruppen=${groupId}&format=${format}`);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  it("DOCX: every part well-formed, links only to http, https and mailto, no fields or embedded content", async () => {
    const files = unzipSync(await download("docx"));
    for (const [name, bytes] of Object.entries(files)) {
      if (name.endsWith(".xml") || name.endsWith(".rels")) expect(xmlProblems(strFromU8(bytes)), name).toEqual([]);
    }
    const document = strFromU8(files["word/document.xml"]);
    expect(document).toContain(SEARCH_MARKER);
    expect(document).not.toMatch(/<w:(instrText|fldSimple|fldChar|altChunk|object|embed)\b/);
    const rels = strFromU8(files["word/_rels/document.xml.rels"]);
    const targets = new Map([...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].map(([, attrs]) => [/\bId="([^"]*)"/.exec(attrs)?.[1], attrs]));
    const linked = [...document.matchAll(/<w:hyperlink\b[^>]*\br:id="([^"]*)"/g)].map(([, id]) => targets.get(id) ?? "");
    expect(linked.length).toBeGreaterThan(0);
    for (const attrs of linked) {
      const target = xmlText(/\bTarget="([^"]*)"/.exec(attrs)?.[1] ?? "");
      expect(attrs, target).toContain('TargetMode="External"');
      expect(target !== "" && isAllowedHref(target), target).toBe(true);
    }
    expect(rels.toLowerCase()).not.toMatch(/javascript|vbscript|data:/);
  });

  it("CSV: no cell starts like a formula", async () => {
    const bytes = await download("csv");
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    const group = rows.find((r) => r[0].includes("Korpusgruppe"));
    expect(group?.[0]).toBe(`'${GROUP_TITLE}`);
    expect(group?.some((cell) => cell.includes("im Schema"))).toBe(true);
    for (const cell of rows.flat()) {
      if (/^\d+$/.test(cell)) continue; // the portal's own counts
      expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
