import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { eq } from "drizzle-orm";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { getDb } from "../../db/client.server";
import { documents, groupObserverGrants, groups, materials, posts, threads, topicProposals } from "../../db/schema";
import { COLLAB_FIELD, documentExtensions } from "~/documents/editor-extensions";
import { deriveContent, deriveStaleDocuments, getDocumentContent, saveDocumentContent } from "~/models/document-content.server";
import { appendUpdates } from "~/models/doc-state.server";
import { RANK_WINDOW, runSearch, search, SEARCH_PAGE_SIZE, type SearchResult } from "~/models/search.server";
import type { SearchPlan } from "~/search/plan";
import { parseSearchQuery } from "~/search/query";
import { catchUpSearchIndex, startSearchIndexer } from "~/models/search-index.server";
import { useTempDatabase } from "../setup/test-db";
import { makeDocument, makeGroup, makePost, makeProposal, makeThread, makeUser } from "../setup/notification-fixtures";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

const schema = getSchema(documentExtensions());
function stateOf(...paragraphs: string[]) {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: "doc", content: paragraphs.map((t) => ({ type: "paragraph", content: [{ type: "text", text: t }] })) },
    doc.getXmlFragment(COLLAB_FIELD),
  );
  return Y.encodeStateAsUpdate(doc);
}

let cleanup: () => void;
let dbPath: string;
const people = {} as Record<"anna" | "outsider" | "observer" | "granted" | "admin", number>;
const actor = (id: number, role: "member" | "observer" | "admin" = "member") => ({ id, role }) as Parameters<typeof search>[0];
let groupId: number;
let secretId: number;
let docId: number;
let secretDocId: number;
let threadId: number;

const titles = (r: SearchResult) => (r.ok ? r.hits.map((h) => h.title) : [r.reason]);
const kinds = (r: SearchResult) => (r.ok ? r.hits.map((h) => `${h.kind}:${h.title}`) : [r.reason]);

beforeAll(() => {
  ({ cleanup, dbPath } = useTempDatabase());
  people.anna = makeUser("Anna Schmidt");
  people.outsider = makeUser("Olaf Außen");
  people.observer = makeUser("Claudia Berger", { role: "observer" });
  people.granted = makeUser("Gerd Freigabe", { role: "observer" });
  people.admin = makeUser("Petra Hoffmann", { role: "admin" });
  groupId = makeGroup("Digitales Rathaus", [[people.anna, "moderation"]]);
  getDb().update(groups).set({ description: "Kommunen auf dem Weg zum Digitalrathaus", goals: "Checkliste für Bürgerämter" }).where(eq(groups.id, groupId)).run();
  secretId = makeGroup("Vertrauliche Haushaltsrunde", [[people.anna]], "vertraulich");
  getDb().insert(groupObserverGrants).values({ groupId: secretId, userId: people.granted, createdAt: new Date() }).run();

  docId = makeDocument(groupId, people.anna, "Empfehlung zum Onlinezugangsgesetz");
  saveDocumentContent(docId, deriveContent(stateOf("Die Bürger erwarten einfache Zugänge.", "Straßenverkehrsamt online")));
  secretDocId = makeDocument(secretId, people.anna, "Geheimer Haushaltsentwurf");
  saveDocumentContent(secretDocId, deriveContent(stateOf("Sparpotenzial im Digitalrathaus")));

  threadId = makeThread(groupId, people.anna, "Austausch zur E-Akte");
  makePost(threadId, people.anna, "Die BUERGER fragen nach dem Stand der Akte.");
  const secretThread = makeThread(secretId, people.anna, "Interne Runde");
  makePost(secretThread, people.anna, "Vertrauliche Zahlen zum Digitalrathaus");
  makeProposal(people.outsider, "KI im Bürgerservice");
  const now = new Date();
  getDb()
    .insert(materials)
    .values({ groupId, title: "Vortrag Rathausportal", description: "Folien zum Kongress", fileName: "a.pdf", contentType: "application/pdf", sizeBytes: 1, sha256: "0".repeat(64), createdAt: now })
    .run();
});

afterAll(() => cleanup());

describe("search: German compound words and spelling", () => {
  it('"rathaus" finds "Digitalrathaus" and other compounds', () => {
    const r = search(actor(people.outsider), { q: "rathaus" });
    expect(kinds(r)).toEqual(expect.arrayContaining(["group:Digitales Rathaus", "material:Vortrag Rathausportal"]));
  });

  it('"zugang" finds "Onlinezugangsgesetz"', () => {
    expect(titles(search(actor(people.outsider), { q: "zugang" }))).toContain("Empfehlung zum Onlinezugangsgesetz");
  });

  it("Bürger, Buerger and BÜRGER match each other", () => {
    const expected = ["Empfehlung zum Onlinezugangsgesetz", "Austausch zur E-Akte", "KI im Bürgerservice", "Digitales Rathaus"];
    for (const q of ["Bürger", "Buerger", "BÜRGER", "bürger"]) {
      expect(titles(search(actor(people.outsider), { q })).sort()).toEqual([...expected].sort());
    }
    expect(titles(search(actor(people.outsider), { q: "strasse" }))).toEqual(["Empfehlung zum Onlinezugangsgesetz"]);
  });

  it("shows a snippet in the original spelling, escaped and marked", () => {
    const r = search(actor(people.outsider), { q: "buerger", kind: "document" });
    expect(r.ok && r.hits[0].snippet).toBe("Die <mark>Bürger</mark> erwarten einfache Zugänge.\n\nStraßenverkehrsamt online");
  });

  it("answers 1–2 character queries with the LIKE fallback", () => {
    const r = search(actor(people.outsider), { q: "KI" });
    expect(r.ok && r.fallback).toBe(true);
    expect(titles(r)).toContain("KI im Bürgerservice");
    // "ß" folds to "ss", two characters: found in "Straßenverkehrsamt".
    expect(titles(search(actor(people.outsider), { q: "ß", kind: "document" }))).toEqual(["Empfehlung zum Onlinezugangsgesetz"]);
  });

  it("never throws on FTS syntax, and says empty for nothing", () => {
    for (const q of ['Rat*haus', '"rathaus', "NEAR(rathaus", "rathaus -", "^:"]) expect(() => search(actor(people.anna), { q })).not.toThrow();
    expect(titles(search(actor(people.anna), { q: "Rat*haus" }))).toContain("Digitales Rathaus");
    expect(search(actor(people.anna), { q: '"*"' })).toEqual({ ok: false, reason: "empty" });
  });
});

describe("search: permission in the query", () => {
  it("keeps a vertraulich group's documents and posts from non-members", () => {
    for (const who of [actor(people.outsider), actor(people.observer, "observer")]) {
      const found = titles(search(who, { q: "digitalrathaus" }));
      expect(found).not.toContain("Geheimer Haushaltsentwurf");
      expect(found).not.toContain("Interne Runde");
      expect(titles(search(who, { q: "haushalt" }))).toEqual([]);
    }
  });

  it("shows them to members, granted observers and admins", () => {
    for (const who of [actor(people.anna), actor(people.granted, "observer"), actor(people.admin, "admin")]) {
      expect(titles(search(who, { q: "digitalrathaus" }))).toEqual(expect.arrayContaining(["Geheimer Haushaltsentwurf", "Interne Runde"]));
    }
  });

  it("a group filter on an unreadable group finds nothing", () => {
    expect(titles(search(actor(people.outsider), { q: "digitalrathaus", groupId: secretId }))).toEqual([]);
    expect(titles(search(actor(people.anna), { q: "digitalrathaus", groupId: secretId })).sort()).toEqual(["Geheimer Haushaltsentwurf", "Interne Runde"]);
  });
});

describe("search: plans", () => {
  // The planner picks one of these by cost on large databases (app/search/plan.ts); each must find the same rows.
  it.each(["rathaus buerger", "zugang", "digitalrathaus kommunen", "akte stand"])("every plan finds the same rows for %s", (q) => {
    const parsed = parseSearchQuery(q);
    if (!parsed.ok) throw new Error(q);
    const found = (plan: SearchPlan) =>
      runSearch(actor(people.anna), { q }, parsed, plan)
        .hits.map((h) => `${h.kind}:${h.id}`)
        .sort();
    const all = found({ via: "index", indexed: parsed.words, verified: [] });
    expect(all.length).toBeGreaterThan(0);
    expect(found({ via: "scan", verified: parsed.words })).toEqual(all);
    expect(found({ via: "index", indexed: parsed.words.slice(0, 1), verified: parsed.words.slice(1) })).toEqual(all);
    expect(found({ via: "index", indexed: parsed.words.slice(-1), verified: parsed.words.slice(0, -1) })).toEqual(all);
  });

  it("keeps a vertraulich group's rows out on every plan", () => {
    const parsed = parseSearchQuery("haushaltsentwurf");
    if (!parsed.ok) throw new Error();
    for (const plan of [{ via: "scan", verified: parsed.words }, { via: "index", indexed: parsed.words, verified: [] }] as SearchPlan[]) {
      expect(runSearch(actor(people.outsider), { q: "haushaltsentwurf" }, parsed, plan).hits).toEqual([]);
      expect(runSearch(actor(people.anna), { q: "haushaltsentwurf" }, parsed, plan).hits.map((h) => h.title)).toEqual(["Geheimer Haushaltsentwurf"]);
    }
  });
});

describe("search: kept in step by triggers", () => {
  it("drops deleted and hidden posts and finds them again when restored", () => {
    const id = makePost(threadId, people.anna, "Ein Wort wie Zuständigkeitsfinder");
    expect(titles(search(actor(people.anna), { q: "zustaendigkeit" }))).toEqual(["Austausch zur E-Akte"]);
    getDb().update(posts).set({ hiddenAt: new Date(), hiddenReason: "x" }).where(eq(posts.id, id)).run();
    expect(titles(search(actor(people.anna), { q: "zustaendigkeit" }))).toEqual([]);
    getDb().update(posts).set({ hiddenAt: null }).where(eq(posts.id, id)).run();
    expect(titles(search(actor(people.anna), { q: "zustaendigkeit" }))).toHaveLength(1);
    getDb().update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, id)).run();
    expect(titles(search(actor(people.anna), { q: "zustaendigkeit" }))).toEqual([]);
  });

  it("re-indexes updated titles, texts and thread titles", () => {
    getDb().update(threads).set({ title: "Austausch zur Verwaltungscloud" }).where(eq(threads.id, threadId)).run();
    expect(titles(search(actor(people.anna), { q: "cloud", kind: "post" }))).toEqual(["Austausch zur Verwaltungscloud"]);
    getDb().update(documents).set({ title: "Empfehlung Registermodernisierung" }).where(eq(documents.id, docId)).run();
    expect(titles(search(actor(people.anna), { q: "onlinezugang" }))).toEqual([]);
    expect(titles(search(actor(people.anna), { q: "register" }))).toEqual(["Empfehlung Registermodernisierung"]);
    saveDocumentContent(docId, deriveContent(stateOf("Jetzt geht es um Geodaten.")));
    expect(titles(search(actor(people.anna), { q: "geodaten" }))).toEqual(["Empfehlung Registermodernisierung"]);
    expect(titles(search(actor(people.anna), { q: "erwarten" }))).toEqual([]);
    getDb().update(topicProposals).set({ description: "Sprachassistenz" }).run();
    expect(titles(search(actor(people.anna), { q: "sprachassistenz" }))).toEqual(["KI im Bürgerservice"]);
    getDb().update(documents).set({ deletedAt: new Date() }).where(eq(documents.id, docId)).run();
    expect(titles(search(actor(people.anna), { q: "geodaten" }))).toEqual([]);
  });

  it("finds what another connection wrote, without the application's code (sqlite3, another process)", () => {
    const other = new Database(dbPath);
    other.prepare("UPDATE groups SET goals = 'Ein Leitfaden zur Gewerbeummeldung' WHERE id = ?").run(groupId);
    other.close();
    expect(titles(search(actor(people.anna), { q: "ummeldung" }))).toEqual(["Digitales Rathaus"]);
  });

  it("the background indexer catches up without a search, and a backlog is reported", async () => {
    const sqlite = getDb().$client;
    // Mark every row as changed, as the migration does on an existing database.
    sqlite.exec("INSERT INTO search_dirty (id) SELECT id FROM search_docs WHERE id NOT IN (SELECT id FROM search_dirty)");
    const marked = sqlite.prepare("SELECT count(*) FROM search_dirty").pluck().get() as number;
    expect(marked).toBeGreaterThan(3);
    expect(catchUpSearchIndex(2)).toEqual({ complete: false });
    const indexer = startSearchIndexer();
    try {
      await vi.waitFor(() => expect(sqlite.prepare("SELECT count(*) FROM search_dirty").pluck().get()).toBe(0), { timeout: 5_000 });
    } finally {
      indexer.stop();
    }
    // Re-indexing a row twice leaves one entry: each title is found once.
    expect(titles(search(actor(people.anna), { q: "ummeldung" }))).toEqual(["Digitales Rathaus"]);
    const r = search(actor(people.anna), { q: "rathaus" });
    expect(r.ok && r.indexing).toBe(false);
  });

  it("derives the text of documents whose stored state is newer", () => {
    const id = makeDocument(groupId, people.anna, "Protokoll");
    appendUpdates([{ documentId: id, update: stateOf("Beschluss zur Breitbandförderung"), userId: people.anna }]);
    expect(deriveStaleDocuments()).toBeGreaterThanOrEqual(1);
    expect(getDocumentContent(id)?.text).toBe("Beschluss zur Breitbandförderung");
    expect(titles(search(actor(people.anna), { q: "breitbandfoerderung" }))).toEqual(["Protokoll"]);
    expect(deriveStaleDocuments()).toBe(0);
  });
});

describe("search: filters and pages", () => {
  it("filters by type and paginates by 20", () => {
    const t = makeThread(groupId, people.anna, "Viele Beiträge");
    for (let i = 0; i < SEARCH_PAGE_SIZE + 5; i++) makePost(t, people.anna, `Glasfaserausbau Nummer ${i}`);
    const first = search(actor(people.anna), { q: "glasfaser", kind: "post" });
    const second = search(actor(people.anna), { q: "glasfaser", kind: "post", page: 2 });
    expect(first.ok && [first.hits.length, first.hasNext]).toEqual([20, true]);
    expect(second.ok && [second.hits.length, second.hasNext]).toEqual([5, false]);
    expect(titles(search(actor(people.anna), { q: "glasfaser", kind: "document" }))).toEqual([]);
    const hit = first.ok ? first.hits[0] : null;
    expect(hit).toMatchObject({ kind: "post", threadId: t, group: { id: groupId, title: "Digitales Rathaus" } });
  });
});

describe("search: the rank window", () => {
  it("still finds documents and a chosen group's older posts when many newer posts match", () => {
    const other = makeGroup("Andere Gruppe", [[people.anna]]);
    const own = makeThread(groupId, people.anna, "Früher Faden");
    makePost(own, people.anna, "Frühe Bemerkung zum Mobilfunkmast");
    const doc = makeDocument(groupId, people.anna, "Mobilfunkmast-Konzept");
    const busy = makeThread(other, people.anna, "Viel Betrieb");
    for (let i = 0; i < RANK_WINDOW + 50; i++) makePost(busy, people.anna, `Mobilfunkmast ${i}`);
    expect(titles(search(actor(people.anna), { q: "mobilfunkmast" }))).toContain("Mobilfunkmast-Konzept");
    expect(titles(search(actor(people.anna), { q: "mobilfunkmast", groupId })).sort()).toEqual(["Früher Faden", "Mobilfunkmast-Konzept"]);
    expect(doc).toBeGreaterThan(0);
  });
});
