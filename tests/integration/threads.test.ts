import Database from "better-sqlite3";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  discussionRows,
  newThreadForm as newThread,
  replyTo as reply,
  signInDemo,
  startThread as createThread,
  threadAct as act,
} from "../setup/discussion-fixtures";
import type { PortalClient } from "../setup/http-client";
import { addGroupWithMembers, addLena, userIdsOf } from "../setup/fixture-rows";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Discussion threads against the real server: every loader and action per
 * role (group moderation, member, member of another group, observer on an
 * intern and a vertraulich group, signed out), that a refusal stores nothing,
 * locked threads, edit versions, deletion, hiding, reports, the XSS corpus
 * through the reply action, unread counts and the document side.
 */

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
const groupIds: Record<string, number> = {};
const userIds: Record<string, number> = {};

const A = "ag-diskussion-test"; // intern: moderation@ (group moderation), anna, jonas
const B = "ag-diskussion-andere"; // intern: lena only
const C = "ag-diskussion-vertraulich"; // vertraulich: anna; the observer has no grant
const D = "ag-diskussion-freigegeben"; // vertraulich: anna; the observer is granted
const U = "ag-diskussion-ungelesen"; // intern: anna, jonas (for the unread counts)

function seedFixtures() {
  const now = Date.now();
  addLena(db);
  Object.assign(userIds, userIdsOf(db, ["moderation", "anna", "jonas", "lena", "observer"] as const));
  const addGroup = (slug: string, visibility: "intern" | "vertraulich", members: [string, "moderation" | "member"][]) => {
    groupIds[slug] = addGroupWithMembers(
      db,
      { slug, title: `Testgruppe ${slug}`, description: "Eine Gruppe für die Diskussions-Tests.", visibility },
      members.map(([who, role]) => [userIds[who], role]),
    );
  };
  addGroup(A, "intern", [
    ["moderation", "moderation"],
    ["anna", "member"],
    ["jonas", "member"],
  ]);
  addGroup(B, "intern", [["lena", "member"]]);
  addGroup(C, "vertraulich", [["anna", "member"]]);
  addGroup(D, "vertraulich", [["anna", "member"]]);
  addGroup(U, "intern", [
    ["anna", "member"],
    ["jonas", "member"],
  ]);
  db.prepare("insert into group_observer_grants (group_id, user_id, created_at) values (?, ?, ?)").run(groupIds[D], userIds.observer, now);
}

beforeAll(async () => {
  server = await startPortal();
  db = new Database(server.dbPath);
  db.pragma("busy_timeout = 5000");
  seedFixtures();
  Object.assign(c, await signInDemo(server.origin, ["moderation", "anna", "jonas", "lena", "observer"] as const));
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

// ── Helpers ─────────────────────────────────────────────────────────────────

const rows = () => discussionRows(db);
const counts = () => rows().counts();
const postRow = (id: number) => rows().post(id);
const threadRow = (id: number) => rows().thread(id);
const postsOf = (threadId: number) => rows().postsOf(threadId);

/** The HTML of one post's <article> on a page. */
function articleOf(html: string, postId: number): string {
  const start = html.indexOf(`<article id="beitrag-${postId}"`);
  expect(start, `post ${postId} on the page`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</article>", start));
}

async function page(client: PortalClient, path: string) {
  const res = await client.get(path);
  return { status: res.status, html: await res.text() };
}

// ── Reading ─────────────────────────────────────────────────────────────────

describe("reading per role", () => {
  let threadA: number;
  let threadD: number;
  beforeAll(async () => {
    threadA = await createThread(c.anna, A, "Lesen nach Rollen");
    threadD = await createThread(c.anna, D, "Vertraulich besprochen");
  });

  it("the list and the thread answer by role; hidden groups are 404, signed-out goes to the login", async () => {
    for (const [who, slug, thread, status] of [
      ["moderation", A, threadA, 200],
      ["anna", A, threadA, 200],
      ["jonas", A, threadA, 200],
      ["lena", A, threadA, 200], // member of another group reads an intern group
      ["observer", A, threadA, 200],
      ["lena", D, threadD, 404],
      ["observer", D, threadD, 200], // granted
      ["jonas", D, threadD, 404],
    ] as const) {
      expect((await c[who].get(`/gruppen/${slug}/diskussion`)).status, `${who} list ${slug}`).toBe(status);
      expect((await c[who].get(`/gruppen/${slug}/diskussion/${thread}`)).status, `${who} thread ${slug}`).toBe(status);
    }
    expect((await c.observer.get(`/gruppen/${C}/diskussion`)).status).toBe(404);
    for (const path of [`/gruppen/${A}/diskussion`, `/gruppen/${A}/diskussion/${threadA}`, `/gruppen/${A}/diskussion/neu`, `/gruppen/${A}/diskussion/meldungen`]) {
      const res = await c.anonymous.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/anmelden\?redirectTo=/);
    }
  });

  it("a thread id of another group, a missing one and a malformed one are 404", async () => {
    expect((await c.anna.get(`/gruppen/${A}/diskussion/${threadD}`)).status).toBe(404);
    expect((await c.anna.get(`/gruppen/${A}/diskussion/999999`)).status).toBe(404);
    expect((await c.anna.get(`/gruppen/${A}/diskussion/abc`)).status).toBe(404);
    expect((await act(c.anna, A, threadD, { intent: "reply", body: "Falsche Gruppe" })).status).toBe(404);
  });

  it("the observer sees no forms; the new-thread form and the queue are refused", async () => {
    const { html } = await page(c.observer, `/gruppen/${A}/diskussion/${threadA}`);
    expect(html).toContain("Lesen nach Rollen");
    expect(html).not.toContain('value="reply"');
    expect(html).toContain("Sie lesen als Beobachtung mit");
    expect((await c.observer.get(`/gruppen/${A}/diskussion/neu`)).status).toBe(403);
    expect((await c.lena.get(`/gruppen/${A}/diskussion/neu`)).status).toBe(403);
    expect((await c.anna.get(`/gruppen/${A}/diskussion/meldungen`)).status).toBe(403);
    expect((await c.observer.get(`/gruppen/${D}/diskussion/meldungen`)).status).toBe(403);
    expect((await c.moderation.get(`/gruppen/${A}/diskussion/meldungen`)).status).toBe(200);
  });
});

// ── Creating ────────────────────────────────────────────────────────────────

describe("new threads", () => {
  it("a member starts a thread with its first post; the list shows it", async () => {
    const id = await createThread(c.anna, A, "Barrierefreie Terminvergabe", "Welche Systeme lassen sich mit der Tastatur bedienen?");
    expect(threadRow(id).group_id).toBe(groupIds[A]);
    expect(postsOf(id)).toHaveLength(1);
    const { html } = await page(c.jonas, `/gruppen/${A}/diskussion`);
    expect(html).toContain("Barrierefreie Terminvergabe");
    const thread = await page(c.jonas, `/gruppen/${A}/diskussion/${id}`);
    expect(thread.html).toContain("Welche Systeme lassen sich mit der Tastatur bedienen?");
  });

  it("bad input gives field errors and stores nothing", async () => {
    const before = counts();
    for (const [fields, message] of [
      [{ title: "", body: "Text" }, "Bitte geben Sie einen Titel ein."],
      [{ title: "ab", body: "Text" }, "Der Titel braucht mindestens 3 Zeichen."],
      [{ title: "x".repeat(201), body: "Text" }, "Der Titel darf höchstens 200 Zeichen haben."],
      [{ title: "Ohne Text", body: "   " }, "Bitte schreiben Sie einen Beitrag."],
      [{ title: "Zu lang", body: "a".repeat(20_001) }, "Der Beitrag ist zu lang"],
      [{ title: "Fremdes Dokument", body: "Text", documentId: "999999" }, "Dieses Dokument gibt es in der Gruppe nicht."],
      [{ title: "Abschnitt ohne Dokument", body: "Text", heading: "Ziele" }, "Bitte wählen Sie zuerst das Dokument"],
    ] as const) {
      const res = await newThread(c.anna, A, fields);
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(counts()).toEqual(before);
  });

  it("observers, members of other groups and the signed-out cannot start threads", async () => {
    const before = counts();
    expect((await newThread(c.observer, A, { title: "Vom Ministerium", body: "Text" })).status).toBe(403);
    expect((await newThread(c.observer, D, { title: "Vom Ministerium", body: "Text" })).status).toBe(403);
    expect((await newThread(c.lena, A, { title: "Von außen", body: "Text" })).status).toBe(403);
    expect((await newThread(c.lena, C, { title: "Von außen", body: "Text" })).status).toBe(404);
    expect((await newThread(c.anonymous, A, { title: "Anonym", body: "Text" })).status).toBe(302);
    // Refused before the input is looked at: an empty form is also 403, not 400.
    expect((await newThread(c.observer, A, {})).status).toBe(403);
    expect(counts()).toEqual(before);
  });

  it("refers to a document of the group; the document page lists the thread", async () => {
    const now = Date.now();
    const { lastInsertRowid } = db
      .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)")
      .run(groupIds[A], "Empfehlung Terminvergabe", userIds.anna, now, now);
    const docId = Number(lastInsertRowid);
    const before = counts();
    const wrongHeading = await newThread(c.anna, A, { title: "Zum Abschnitt", body: "Text", documentId: String(docId), heading: "Gibt es nicht" });
    expect(wrongHeading.status).toBe(400);
    expect(await wrongHeading.text()).toContain("Diese Überschrift gibt es im gewählten Dokument nicht.");
    expect(counts()).toEqual(before);

    const form = await page(c.anna, `/gruppen/${A}/diskussion/neu?dokument=${docId}`);
    expect(form.html).toContain("Empfehlung Terminvergabe");
    const id = await createThread(c.anna, A, "Zur Empfehlung Terminvergabe");
    // createThread posts without a document; refer with the form fields instead:
    const res = await newThread(c.anna, A, { title: "Diskussion zur Empfehlung", body: "Was fehlt?", documentId: String(docId) });
    expect(res.status).toBe(302);
    const referring = Number(/\/diskussion\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
    expect(threadRow(referring).document_id).toBe(docId);
    expect(threadRow(id).document_id).toBeNull();

    const doc = await page(c.jonas, `/gruppen/${A}/dokumente/${docId}`);
    expect(doc.status).toBe(200);
    expect(doc.html).toContain("Diskussionen zu diesem Dokument");
    expect(doc.html).toContain(`/gruppen/${A}/diskussion/${referring}`);
    expect(doc.html).toContain(`/gruppen/${A}/diskussion/neu?dokument=${docId}`);
    const thread = await page(c.jonas, `/gruppen/${A}/diskussion/${referring}`);
    expect(thread.html).toContain(`/gruppen/${A}/dokumente/${docId}`);
    // The observer reads the document side but is not offered to start a thread.
    const observed = await page(c.observer, `/gruppen/${A}/dokumente/${docId}`);
    expect(observed.html).toContain("Diskussion zur Empfehlung");
    expect(observed.html).not.toContain(`/diskussion/neu?dokument=${docId}`);
  });
});

// ── Replying, quoting, locking ──────────────────────────────────────────────

describe("replies", () => {
  let thread: number;
  let first: number;
  beforeAll(async () => {
    thread = await createThread(c.anna, A, "Antworten und Zitate", "Der erste Gedanke von Anna.");
    first = postsOf(thread)[0].id;
  });

  it("members reply; a quote-reply shows the quoted author and excerpt with a link", async () => {
    const id = await reply(c.jonas, A, thread, "Dem stimme ich zu.", { quotedPostId: String(first) });
    expect(postRow(id).quoted_post_id).toBe(first);
    const { html } = await page(c.anna, `/gruppen/${A}/diskussion/${thread}`);
    const article = articleOf(html, id);
    expect(article).toContain("Anna Schmidt schrieb:");
    expect(article).toContain("Der erste Gedanke von Anna.");
    expect(article).toContain(`href="#beitrag-${first}"`);
    // ?zitat= pre-fills the reply form (works without JavaScript).
    const quoting = await page(c.jonas, `/gruppen/${A}/diskussion/${thread}?zitat=${first}`);
    expect(quoting.html).toContain(`name="quotedPostId" value="${first}"`);
  });

  it("refuses replies by observers and non-members, and quotes of other threads' posts; nothing stored", async () => {
    const other = await createThread(c.lena, B, "Andere Gruppe");
    const otherPost = postsOf(other)[0].id;
    const before = counts();
    expect((await act(c.observer, A, thread, { intent: "reply", body: "Beobachtung" })).status).toBe(403);
    expect((await act(c.lena, A, thread, { intent: "reply", body: "Von außen" })).status).toBe(403);
    expect((await act(c.anonymous, A, thread, { intent: "reply", body: "Anonym" })).status).toBe(302);
    expect((await act(c.jonas, A, thread, { intent: "reply", body: "Zitat", quotedPostId: String(otherPost) })).status).toBe(404);
    expect((await act(c.jonas, A, thread, { intent: "reply", body: "" })).status).toBe(400);
    expect((await act(c.jonas, A, thread, { intent: "gibt-es-nicht" })).status).toBe(400);
    expect((await act(c.jonas, A, thread, { intent: "reply", body: "x", quotedPostId: "abc" })).status).toBe(400);
    expect(counts()).toEqual(before);
  });

  it("a locked thread takes replies only from the group moderation", async () => {
    expect((await act(c.anna, A, thread, { intent: "lock" })).status).toBe(403);
    expect(threadRow(thread).locked_at).toBeNull();
    expect((await act(c.moderation, A, thread, { intent: "lock" })).status).toBe(200);
    expect(threadRow(thread).locked_at).not.toBeNull();
    const before = counts();
    expect((await act(c.anna, A, thread, { intent: "reply", body: "Noch etwas" })).status).toBe(403);
    expect(counts()).toEqual(before);
    const { html } = await page(c.anna, `/gruppen/${A}/diskussion/${thread}`);
    expect(html).toContain("Dieses Thema ist geschlossen");
    expect(html).not.toContain('value="reply"');
    await reply(c.moderation, A, thread, "Schlusswort der Moderation.");
    expect((await act(c.moderation, A, thread, { intent: "unlock" })).status).toBe(200);
    await reply(c.anna, A, thread, "Wieder offen.");
  });

  it("the group moderation pins; pinned threads come first", async () => {
    const older = await createThread(c.anna, A, "Älteres Thema zum Anheften");
    await createThread(c.anna, A, "Neueres Thema");
    expect((await act(c.jonas, A, older, { intent: "pin" })).status).toBe(403);
    expect((await act(c.moderation, A, older, { intent: "pin" })).status).toBe(200);
    const { html } = await page(c.anna, `/gruppen/${A}/diskussion`);
    expect(html.indexOf("Älteres Thema zum Anheften")).toBeLessThan(html.indexOf("Neueres Thema"));
    expect(html).toContain("Angeheftet");
    expect((await act(c.moderation, A, older, { intent: "unpin" })).status).toBe(200);
    expect(threadRow(older).pinned_at).toBeNull();
  });
});

// ── Editing, deleting, hiding, reporting ────────────────────────────────────

describe("editing and moderation", () => {
  let thread: number;
  let annaPost: number;
  let jonasPost: number;
  beforeAll(async () => {
    thread = await createThread(c.anna, A, "Bearbeiten und Moderation", "Ursprünglicher Text von Anna.");
    annaPost = postsOf(thread)[0].id;
    jonasPost = await reply(c.jonas, A, thread, "Beitrag von Jonas mit einer Telefonnummer 0170 1234567.");
  });

  it("authors edit their posts; earlier versions are visible only to the group moderation", async () => {
    expect((await act(c.jonas, A, thread, { intent: "edit", postId: String(annaPost), body: "Fremd bearbeitet" })).status).toBe(403);
    expect((await act(c.observer, A, thread, { intent: "edit", postId: String(annaPost), body: "Fremd bearbeitet" })).status).toBe(403);
    expect((await act(c.anna, A, thread, { intent: "edit", postId: String(annaPost), body: "" })).status).toBe(400);
    expect(postRow(annaPost).body_text).toBe("Ursprünglicher Text von Anna.");
    const versionsBefore = counts().versions;

    const res = await act(c.anna, A, thread, { intent: "edit", postId: String(annaPost), body: "Überarbeiteter Text von Anna." });
    expect(res.status).toBe(302);
    expect(postRow(annaPost).edited_at).not.toBeNull();
    expect(counts().versions).toBe(versionsBefore + 1);

    const member = articleOf((await page(c.jonas, `/gruppen/${A}/diskussion/${thread}`)).html, annaPost);
    expect(member).toContain("Überarbeiteter Text von Anna.");
    expect(member).toContain("bearbeitet am");
    expect(member).not.toContain("Ursprünglicher Text von Anna.");
    const moderation = articleOf((await page(c.moderation, `/gruppen/${A}/diskussion/${thread}`)).html, annaPost);
    expect(moderation).toContain("1 frühere Fassung");
    expect(moderation).toContain("Ursprünglicher Text von Anna.");
    // The edit form opens with ?bearbeiten= for the author only.
    expect((await page(c.anna, `/gruppen/${A}/diskussion/${thread}?bearbeiten=${annaPost}`)).html).toContain('value="edit"');
    expect((await page(c.jonas, `/gruppen/${A}/diskussion/${thread}?bearbeiten=${annaPost}`)).html).not.toContain('value="edit"');
  });

  it("members report others' posts once; the queue hides the post with a reason", async () => {
    expect((await act(c.jonas, A, thread, { intent: "report", postId: String(jonasPost), reason: "Eigener" })).status).toBe(403);
    expect((await act(c.observer, A, thread, { intent: "report", postId: String(jonasPost), reason: "Beobachtung" })).status).toBe(403);
    expect((await act(c.anna, A, thread, { intent: "report", postId: String(jonasPost), reason: "" })).status).toBe(400);
    const reportsBefore = counts().reports;
    const first = await act(c.anna, A, thread, { intent: "report", postId: String(jonasPost), reason: "Private Telefonnummer" });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Die Gruppenmoderation prüft Ihre Meldung");
    const again = await act(c.anna, A, thread, { intent: "report", postId: String(jonasPost), reason: "Nochmal" });
    expect(await again.text()).toContain("bereits gemeldet");
    expect(counts().reports).toBe(reportsBefore + 1);

    const queue = await page(c.moderation, `/gruppen/${A}/diskussion/meldungen`);
    expect(queue.html).toContain("Private Telefonnummer");
    expect(queue.html).toContain("0170 1234567");
    const reportId = (db.prepare("select id from post_reports where post_id = ?").get(jonasPost) as { id: number }).id;
    expect((await c.anna.post(`/gruppen/${A}/diskussion/meldungen`, { intent: "dismiss", reportId: String(reportId) })).status).toBe(403);
    expect((await c.moderation.post(`/gruppen/${A}/diskussion/meldungen`, { intent: "hide-reported", reportId: String(reportId), reason: "" })).status).toBe(400);
    const hide = await c.moderation.post(`/gruppen/${A}/diskussion/meldungen`, { intent: "hide-reported", reportId: String(reportId), reason: "Persönliche Daten" });
    expect(hide.status).toBe(200);
    expect(postRow(jonasPost).hidden_reason).toBe("Persönliche Daten");
    expect((db.prepare("select resolution from post_reports where id = ?").get(reportId) as { resolution: string }).resolution).toBe("ausgeblendet");
    expect((await page(c.moderation, `/gruppen/${A}/diskussion/meldungen`)).html).toContain("Keine offenen Meldungen.");

    const member = articleOf((await page(c.anna, `/gruppen/${A}/diskussion/${thread}`)).html, jonasPost);
    expect(member).toContain("Von der Gruppenmoderation ausgeblendet: Persönliche Daten");
    expect(member).not.toContain("0170 1234567");
    const moderation = articleOf((await page(c.moderation, `/gruppen/${A}/diskussion/${thread}`)).html, jonasPost);
    expect(moderation).toContain("0170 1234567");
    // A report id from another group's queue is not found here.
    expect((await c.moderation.post(`/gruppen/${A}/diskussion/meldungen`, { intent: "dismiss", reportId: "999999" })).status).toBe(404);
  });

  it("the group moderation hides a post directly; members may not", async () => {
    const id = await reply(c.jonas, A, thread, "Ein zweiter Beitrag von Jonas.");
    expect((await act(c.anna, A, thread, { intent: "hide", postId: String(id), reason: "Nein" })).status).toBe(403);
    expect((await act(c.moderation, A, thread, { intent: "hide", postId: String(id), reason: "" })).status).toBe(400);
    expect(postRow(id).hidden_at).toBeNull();
    expect((await act(c.anna, A, thread, { intent: "report", postId: String(id), reason: "Nicht zum Thema" })).status).toBe(200);
    expect((await act(c.moderation, A, thread, { intent: "hide", postId: String(id), reason: "Nicht zum Thema" })).status).toBe(200);
    expect(postRow(id).hidden_reason).toBe("Nicht zum Thema");
    // Hiding from the thread page settles the open report about the post too.
    expect(db.prepare("select resolution from post_reports where post_id = ?").all(id)).toEqual([{ resolution: "ausgeblendet" }]);
  });

  it("authors delete their posts: shown as Beitrag gelöscht, the text leaves the page", async () => {
    const id = await reply(c.jonas, A, thread, "Diesen Satz lösche ich gleich wieder.");
    expect((await act(c.anna, A, thread, { intent: "delete", postId: String(id) })).status).toBe(403);
    expect((await act(c.jonas, A, thread, { intent: "delete", postId: "999999" })).status).toBe(404);
    expect((await act(c.jonas, A, thread, { intent: "delete", postId: String(id) })).status).toBe(302);
    expect(postRow(id).deleted_at).not.toBeNull();
    // Deleted posts stay deleted: no second delete, no edit.
    expect((await act(c.jonas, A, thread, { intent: "delete", postId: String(id) })).status).toBe(403);
    expect((await act(c.jonas, A, thread, { intent: "edit", postId: String(id), body: "Zurück" })).status).toBe(403);
    for (const who of ["anna", "moderation"]) {
      const article = articleOf((await page(c[who], `/gruppen/${A}/diskussion/${thread}`)).html, id);
      expect(article).toContain("Beitrag gelöscht");
      expect(article).not.toContain("Diesen Satz lösche ich");
    }
  });
});

// ── XSS ─────────────────────────────────────────────────────────────────────

describe("script and link payloads are rendered inert", () => {
  const textPayloads = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klick</a>',
    "[klick](JaVaScRiPt:alert(1))",
    '<a href=" javascript:alert(1)">leer</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<svg onload="alert(1)"></svg>',
  ];
  const link = (href: string) =>
    JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Link", marks: [{ type: "link", attrs: { href, onclick: "alert(1)" } }] }] }],
    });
  const jsonPayloads = [
    link("javascript:alert(1)"),
    link("JaVaScRiPt:alert(1)"),
    link("  javascript:alert(1)"),
    link("java\tscript:alert(1)"),
    link("&#106;avascript:alert(1)"),
    link("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    link("vbscript:msgbox(1)"),
    JSON.stringify({ type: "doc", content: [{ type: "image", attrs: { src: "x", onerror: "alert(1)" } }, { type: "paragraph", content: [{ type: "text", text: "Bild" }] }] }),
    JSON.stringify({ type: "doc", content: [{ type: "paragraph", attrs: { style: "background:url(javascript:alert(1))", onclick: "alert(1)" }, content: [{ type: "text", text: "<script>alert(1)</script>" }] }] }),
  ];

  /** No element, attribute or URL that could run: checked on the post's own HTML. */
  function expectInert(article: string) {
    const body = article.slice(article.indexOf("post__body"));
    expect(body).not.toMatch(/<script/i);
    expect(body).not.toMatch(/<(img|iframe|svg|object|embed)\b/i);
    // Attributes only count inside real tags; escaped text (&lt;img onerror=…&gt;) is just text.
    for (const tag of body.match(/<[a-z][^>]*>/gi) ?? []) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/\sstyle\s*=/i);
    }
    for (const m of (body.match(/<[a-z][^>]*>/gi) ?? []).join(" ").matchAll(/(?:href|src)\s*=\s*"([^"]*)"/gi)) {
      const decoded = m[1].replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&").replace(/\s/g, "").toLowerCase();
      expect(decoded, m[0]).not.toMatch(/^(javascript|vbscript|data):/);
    }
  }

  it("through the textarea and through crafted editor JSON", async () => {
    const thread = await createThread(c.anna, A, "Sicherheit der Beiträge");
    const ids: number[] = [];
    for (const body of textPayloads) ids.push(await reply(c.jonas, A, thread, body));
    for (const bodyJson of jsonPayloads) ids.push(await reply(c.jonas, A, thread, "", { bodyJson }));
    const { html } = await page(c.anna, `/gruppen/${A}/diskussion/${thread}`);
    for (const id of ids) expectInert(articleOf(html, id));
    // The text is still there, as text.
    expect(articleOf(html, ids[0])).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The edit path takes the same route.
    const edit = await act(c.jonas, A, thread, { intent: "edit", postId: String(ids[1]), body: "", bodyJson: jsonPayloads[0] });
    expect(edit.status).toBe(302);
    expectInert(articleOf((await page(c.anna, `/gruppen/${A}/diskussion/${thread}`)).html, ids[1]));
  });
});

// ── Unread ──────────────────────────────────────────────────────────────────

describe("unread", () => {
  it("counts per thread and group, marks on viewing, shows the divider, marks all read", async () => {
    const t1 = await createThread(c.anna, U, "Ungelesen eins", "Erster Beitrag.");
    // React separates text parts with <!-- -->; compare the text as a reader sees it.
    const listOf = async (who: string) => (await page(c[who], `/gruppen/${U}/diskussion`)).html.replaceAll("<!-- -->", "");
    // Anna wrote it: nothing unread for her; Jonas has one new post.
    expect(await listOf("anna")).not.toContain("1 neu");
    let jonas = await listOf("jonas");
    expect(jonas).toContain("1 neu");
    expect(jonas).toContain("(1 ungelesen)");

    // Viewing the thread marks it read.
    const firstVisit = await page(c.jonas, `/gruppen/${U}/diskussion/${t1}`);
    expect(firstVisit.html).not.toContain("neu seit Ihrem letzten Besuch");
    expect(await listOf("jonas")).not.toContain("1 neu");

    const r1 = await reply(c.anna, U, t1, "Zweiter Beitrag.");
    await reply(c.anna, U, t1, "Dritter Beitrag.");
    jonas = await listOf("jonas");
    expect(jonas).toContain("2 neu");
    expect(jonas).toContain("(2 ungelesen)");
    const second = await page(c.jonas, `/gruppen/${U}/diskussion/${t1}`);
    expect(second.html).toContain("neu seit Ihrem letzten Besuch");
    expect(second.html).toContain("Zum ersten ungelesenen Beitrag");
    expect(second.html).toContain(`href="#beitrag-${r1}"`);
    expect(second.html.indexOf("neu seit Ihrem letzten Besuch")).toBeLessThan(second.html.indexOf(`id="beitrag-${r1}"`));
    expect(await listOf("jonas")).not.toContain(" neu<");

    // Deleted and own posts do not count; mark all read clears everything.
    const t2 = await createThread(c.anna, U, "Ungelesen zwei");
    const t3 = await createThread(c.anna, U, "Ungelesen drei");
    // Jonas's own reply marks t2 read; Anna's deleted reply in t3 does not count.
    await reply(c.jonas, U, t2, "Eigene Antwort.");
    const gone = await reply(c.anna, U, t3, "Wird gelöscht.");
    expect((await act(c.anna, U, t3, { intent: "delete", postId: String(gone) })).status).toBe(302);
    jonas = await listOf("jonas");
    expect(jonas).toContain("(1 ungelesen)");
    const mark = await c.jonas.post(`/gruppen/${U}/diskussion`, { intent: "mark-all-read" });
    expect(mark.status).toBe(200);
    expect(await mark.text()).toContain("Alle Themen sind als gelesen markiert.");
    const after = await listOf("jonas");
    expect(after, after.slice(after.indexOf("ungelesen)") - 300, after.indexOf("ungelesen)") + 20)).not.toContain("ungelesen)");
    expect((await c.jonas.post(`/gruppen/${U}/diskussion`, { intent: "falsch" })).status).toBe(400);
  });

  it("paginates long threads by cursor and jumps to the first unread post on its page", async () => {
    const thread = await createThread(c.anna, U, "Langes Thema", "Beitrag 0");
    const insert = db.prepare("insert into posts (thread_id, author_id, body, body_text, created_at) values (?, ?, ?, ?, ?)");
    const ids: number[] = [postsOf(thread)[0].id];
    for (let i = 1; i <= 44; i++) {
      const text = `Beitrag ${i}`;
      const body = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
      ids.push(Number(insert.run(thread, userIds.anna, body, text, Date.now()).lastInsertRowid));
    }
    // Jonas read up to post 34 (index 34): the first unread is on the second page.
    db.prepare("insert into thread_reads (thread_id, user_id, last_read_post_id, read_at) values (?, ?, ?, ?)").run(thread, userIds.jonas, ids[34], Date.now());
    const first = await page(c.jonas, `/gruppen/${U}/diskussion/${thread}`);
    expect(first.html).toContain(`id="beitrag-${ids[29]}"`);
    expect(first.html).not.toContain(`id="beitrag-${ids[30]}"`);
    expect(first.html).toContain(`?nach=${ids[29]}`);
    expect(first.html).toContain(`?nach=${ids[29]}#beitrag-${ids[35]}`);
    const second = await page(c.jonas, `/gruppen/${U}/diskussion/${thread}?nach=${ids[29]}`);
    expect(second.html).toContain(`id="beitrag-${ids[30]}"`);
    expect(second.html).toContain(`id="beitrag-${ids[44]}"`);
    expect(second.html).toContain(`?vor=${ids[30]}`);
    expect(second.html).toContain("neu seit Ihrem letzten Besuch");
    const back = await page(c.jonas, `/gruppen/${U}/diskussion/${thread}?vor=${ids[30]}`);
    expect(back.html).toContain(`id="beitrag-${ids[0]}"`);
    expect(back.html).not.toContain(`id="beitrag-${ids[30]}"`);
    // Reading page one again does not move the mark back.
    expect((db.prepare("select last_read_post_id as id from thread_reads where thread_id = ? and user_id = ?").get(thread, userIds.jonas) as { id: number }).id).toBe(ids[44]);
  });
});

// ── Demo data ───────────────────────────────────────────────────────────────

describe("the demo seed", () => {
  it("brings threads with replies, a quote, an edit, a pinned, a locked, a document heading and an open report", async () => {
    const rathaus = (db.prepare("select id from groups where slug = 'digitales-rathaus'").get() as { id: number }).id;
    const rows = db.prepare("select * from threads where group_id = ?").all(rathaus) as { id: number; pinned_at: number | null; locked_at: number | null; heading_text: string | null }[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.pinned_at)).toHaveLength(1);
    expect(rows.filter((r) => r.locked_at)).toHaveLength(1);
    expect(rows.some((r) => r.heading_text)).toBe(true);
    const inGroup = "select p.* from posts p join threads t on t.id = p.thread_id where t.group_id = ?";
    expect((db.prepare(`${inGroup} and p.quoted_post_id is not null`).all(rathaus) as unknown[]).length).toBeGreaterThan(0);
    const edited = db.prepare(`${inGroup} and p.edited_at is not null`).all(rathaus) as { id: number; created_at: number; edited_at: number }[];
    expect(edited).toHaveLength(1);
    expect(edited[0].edited_at).toBeGreaterThan(edited[0].created_at);
    const list = await page(c.moderation, "/gruppen/digitales-rathaus/diskussion");
    expect(list.html.replaceAll("<!-- -->", "")).toContain("Gemeldete Beiträge (1)");
    // Every demo group with members has a discussion.
    const empty = db.prepare("select g.slug from groups g where g.slug in ('digitales-rathaus','behoerden-chatbots-und-ki','onlinezugangsgesetz') and not exists (select 1 from threads t where t.group_id = g.id)").all();
    expect(empty).toEqual([]);
  });
});
