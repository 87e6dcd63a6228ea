import Database from "better-sqlite3";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discussionRows, openRoleFixtures, replyTo, signInDemo, startThread, threadAct } from "../setup/discussion-fixtures";
import { addGroupWithMembers } from "../setup/fixture-rows";
import type { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Every discussion loader and action × role, against the real server: the
 * group moderation, a member, a member of another group, an observer and the
 * signed-out on an intern group, an observer granted a vertraulich group,
 * and two outsiders of a vertraulich group (a member of another group, an
 * observer without a grant), who get 404 so the group does not reveal itself. Each case gets a fresh thread; a refused
 * request must leave every discussion table exactly as it was, an allowed one
 * must have its effect.
 */

let server: PortalServer;
let db: Database.Database;
let rows: ReturnType<typeof discussionRows>;
const c = {} as Record<"moderation" | "anna" | "jonas" | "lena" | "observer" | "anonymous", PortalClient>;
const userIds = {} as Record<"moderation" | "anna" | "jonas" | "lena" | "observer", number>;

const A = "ag-rollen-intern"; // intern: moderation@ (group moderation), anna, jonas
const B = "ag-rollen-andere"; // intern: lena only
const C = "ag-rollen-vertraulich"; // vertraulich: moderation@ (group moderation), anna, jonas; no observer grant
const D = "ag-rollen-freigegeben"; // vertraulich like C, but the observer is granted

const ROLES = {
  moderation: { who: "moderation", slug: A },
  member: { who: "anna", slug: A },
  otherGroup: { who: "lena", slug: A },
  observer: { who: "observer", slug: A },
  grantedObserver: { who: "observer", slug: D },
  signedOut: { who: "anonymous", slug: A },
  confidentialOutsider: { who: "lena", slug: C },
  confidentialObserver: { who: "observer", slug: C },
} as const;
type Role = keyof typeof ROLES;

beforeAll(async () => {
  server = await startPortal();
  const fixtures = openRoleFixtures(server.dbPath);
  ({ db, rows } = fixtures);
  Object.assign(userIds, fixtures.ids);
  const group = (slug: string, visibility: "intern" | "vertraulich", members: [number, "moderation" | "member"][]) =>
    addGroupWithMembers(db, { slug, title: `Rollen ${slug}`, description: "Eine Gruppe für die Rollen-Tests.", visibility }, members);
  const core: [number, "moderation" | "member"][] = [
    [userIds.moderation, "moderation"],
    [userIds.anna, "member"],
    [userIds.jonas, "member"],
  ];
  group(A, "intern", core);
  group(B, "intern", [[userIds.lena, "member"]]);
  group(C, "vertraulich", core);
  const d = group(D, "vertraulich", core);
  db.prepare("insert into group_observer_grants (group_id, user_id, created_at) values (?, ?, ?)").run(d, userIds.observer, Date.now());
  Object.assign(c, await signInDemo(server.origin, ["moderation", "anna", "jonas", "lena", "observer"] as const));
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

/** A fresh thread by Anna with a reply by Jonas, written through the real actions. */
type Fixture = { slug: string; thread: number; annaPost: number; jonasPost: number; reportId: number };

async function fixture(slug: string, title: string): Promise<Fixture> {
  const thread = await startThread(c.anna, slug, title, "Annas Beitrag.");
  const annaPost = rows.postsOf(thread)[0].id;
  const jonasPost = await replyTo(c.jonas, slug, thread, "Jonas antwortet mit 0170 1234567.");
  return { slug, thread, annaPost, jonasPost, reportId: 0 };
}

/** Anna reports Jonas's post; the report is in the group's queue. */
async function withReport(fx: Fixture): Promise<Fixture> {
  expect((await threadAct(c.anna, fx.slug, fx.thread, { intent: "report", postId: String(fx.jonasPost), reason: "Telefonnummer" })).status).toBe(200);
  const { id } = db.prepare("select id from post_reports where post_id = ?").get(fx.jonasPost) as { id: number };
  return { ...fx, reportId: id };
}

const threadMod = (intent: "pin" | "lock") => async (fx: Fixture) => {
  expect((await threadAct(c.moderation, fx.slug, fx.thread, { intent })).status).toBe(200);
  return fx;
};

type Spec = {
  /** Status per role; 302 for the signed-out is the redirect to the login. */
  expected: Record<Role, number>;
  /** Extra state the case needs beyond the fixture (pinned, locked, reported). */
  prepare?: (fx: Fixture) => Promise<Fixture>;
  send: (client: PortalClient, fx: Fixture) => Promise<Response>;
  /** The effect of an allowed request, checked in the database. */
  applied: (fx: Fixture, userId: number) => void;
};

// Observers answer alike in an intern group and in a vertraulich one that granted them reading.
const statuses = (moderation: number, member: number, otherGroup: number, observer: number): Record<Role, number> => ({
  moderation,
  member,
  otherGroup,
  observer,
  grantedObserver: observer,
  signedOut: 302,
  confidentialOutsider: 404,
  confidentialObserver: 404,
});
const MODERATION_ONLY = statuses(200, 403, 403, 403);
const READERS = (ok: number) => statuses(ok, ok, ok, ok);

const post = (path: (fx: Fixture) => string, fields: (fx: Fixture) => Record<string, string>) => (client: PortalClient, fx: Fixture) =>
  client.post(path(fx), fields(fx));
const get = (path: (fx: Fixture) => string) => (client: PortalClient, fx: Fixture) => client.get(path(fx));
const onThread = (fields: (fx: Fixture) => Record<string, string>) => post((fx) => `/gruppen/${fx.slug}/diskussion/${fx.thread}`, fields);
const onQueue = (fields: (fx: Fixture) => Record<string, string>) => post((fx) => `/gruppen/${fx.slug}/diskussion/meldungen`, fields);
const nothing = () => undefined;

const SPECS: Record<string, Spec> = {
  "list loader": { expected: READERS(200), send: get((fx) => `/gruppen/${fx.slug}/diskussion`), applied: nothing },
  "thread loader (marks read)": {
    expected: READERS(200),
    send: get((fx) => `/gruppen/${fx.slug}/diskussion/${fx.thread}`),
    applied: (fx, userId) => expect(readMark(fx.thread, userId)).toBe(fx.jonasPost),
  },
  "new-thread loader": { expected: statuses(200, 200, 403, 403), send: get((fx) => `/gruppen/${fx.slug}/diskussion/neu`), applied: nothing },
  "new thread": {
    expected: statuses(302, 302, 403, 403),
    send: post((fx) => `/gruppen/${fx.slug}/diskussion/neu`, (fx) => ({ title: `Neu zu ${fx.thread}`, body: "Text" })),
    applied: (fx, userId) => expect(db.prepare("select author_id from threads where title = ?").get(`Neu zu ${fx.thread}`)).toEqual({ author_id: userId }),
  },
  reply: {
    expected: statuses(302, 302, 403, 403),
    send: onThread(() => ({ intent: "reply", body: "Eine Antwort." })),
    applied: (fx, userId) => expect(db.prepare("select author_id from posts where thread_id = ? and id > ?").all(fx.thread, fx.jonasPost)).toEqual([{ author_id: userId }]),
  },
  "edit Anna's post": {
    // Only the author; the group moderation does not edit others' text.
    expected: statuses(403, 302, 403, 403),
    send: onThread((fx) => ({ intent: "edit", postId: String(fx.annaPost), body: "Geändert." })),
    applied: (fx) => expect(rows.post(fx.annaPost)).toMatchObject({ body_text: "Geändert.", edited_at: expect.any(Number) }),
  },
  "delete Anna's post": {
    expected: statuses(403, 302, 403, 403),
    send: onThread((fx) => ({ intent: "delete", postId: String(fx.annaPost) })),
    applied: (fx) => expect(rows.post(fx.annaPost).deleted_at).not.toBeNull(),
  },
  "report Jonas's post": {
    // Every member may report someone else's post, the group moderation too.
    expected: statuses(200, 200, 403, 403),
    send: onThread((fx) => ({ intent: "report", postId: String(fx.jonasPost), reason: "Bitte prüfen" })),
    applied: (fx, userId) => expect(db.prepare("select reporter_id from post_reports where post_id = ?").all(fx.jonasPost)).toEqual([{ reporter_id: userId }]),
  },
  "hide Jonas's post": {
    expected: MODERATION_ONLY,
    send: onThread((fx) => ({ intent: "hide", postId: String(fx.jonasPost), reason: "Persönliche Daten" })),
    applied: (fx) => expect(rows.post(fx.jonasPost)).toMatchObject({ hidden_reason: "Persönliche Daten", hidden_at: expect.any(Number) }),
  },
  pin: { expected: MODERATION_ONLY, send: onThread(() => ({ intent: "pin" })), applied: (fx) => expect(rows.thread(fx.thread).pinned_at).not.toBeNull() },
  unpin: {
    expected: MODERATION_ONLY,
    prepare: threadMod("pin"),
    send: onThread(() => ({ intent: "unpin" })),
    applied: (fx) => expect(rows.thread(fx.thread).pinned_at).toBeNull(),
  },
  lock: { expected: MODERATION_ONLY, send: onThread(() => ({ intent: "lock" })), applied: (fx) => expect(rows.thread(fx.thread).locked_at).not.toBeNull() },
  unlock: {
    expected: MODERATION_ONLY,
    prepare: threadMod("lock"),
    send: onThread(() => ({ intent: "unlock" })),
    applied: (fx) => expect(rows.thread(fx.thread).locked_at).toBeNull(),
  },
  "mark all read": {
    // Reading is per person: everyone who may read the group may mark it read.
    expected: READERS(200),
    send: post((fx) => `/gruppen/${fx.slug}/diskussion`, () => ({ intent: "mark-all-read" })),
    applied: (fx, userId) => expect(readMark(fx.thread, userId)).toBe(fx.jonasPost),
  },
  "report queue loader": {
    expected: MODERATION_ONLY,
    prepare: withReport,
    send: get((fx) => `/gruppen/${fx.slug}/diskussion/meldungen`),
    applied: nothing,
  },
  "report queue: dismiss": {
    expected: MODERATION_ONLY,
    prepare: withReport,
    send: onQueue((fx) => ({ intent: "dismiss", reportId: String(fx.reportId) })),
    applied: (fx) => expect(reportRow(fx.reportId).resolution).toBe("abgewiesen"),
  },
  "report queue: hide": {
    expected: MODERATION_ONLY,
    prepare: withReport,
    send: onQueue((fx) => ({ intent: "hide-reported", reportId: String(fx.reportId), reason: "Persönliche Daten" })),
    applied: (fx) => {
      expect(reportRow(fx.reportId).resolution).toBe("ausgeblendet");
      expect(rows.post(fx.jonasPost).hidden_reason).toBe("Persönliche Daten");
    },
  },
};

const readMark = (threadId: number, userId: number) =>
  (db.prepare("select last_read_post_id as id from thread_reads where thread_id = ? and user_id = ?").get(threadId, userId) as { id: number } | undefined)?.id ?? null;
const reportRow = (id: number) => db.prepare("select * from post_reports where id = ?").get(id) as { resolution: string | null };

describe.each(Object.entries(SPECS))("%s", (name, spec) => {
  it.each(Object.keys(ROLES) as Role[])("as %s", async (role) => {
    const { who, slug } = ROLES[role];
    const fx = await (spec.prepare ?? (async (f: Fixture) => f))(await fixture(slug, `${name} – ${role}`));
    const allowed = role !== "signedOut" && spec.expected[role] < 400;
    const before = rows.snapshot();

    const res = await spec.send(c[who], fx);
    expect(res.status, `${name} as ${role}: ${(await res.text()).slice(0, 200)}`).toBe(spec.expected[role]);

    if (allowed) {
      spec.applied(fx, userIds[who as keyof typeof userIds]);
      return;
    }
    if (role === "signedOut") expect(res.headers.get("location")).toMatch(/^\/anmelden\?redirectTo=/);
    expect(rows.snapshot()).toEqual(before);
  });
});
