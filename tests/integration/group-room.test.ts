import Database from "better-sqlite3";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../app/models/document.server";
import { createGroup } from "../../app/models/group.server";
import { createThread } from "../../app/models/thread.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { signInAll } from "../setup/fixture-server";
import { startPortalWithModels } from "../setup/fixture-server";
import type { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";
import { connectRoom, joinRoom as join, lastPresence } from "../setup/room-client";
import { until } from "../setup/yjs-client";

/*
 * The live group room against the real server: who may join, presence merged
 * over tabs, typing, discussion changes, and leaving the room when rights go.
 * Fixtures are written with the app's models; actions that must reach the
 * server's live layer (replies, removals, visibility) go over HTTP.
 */
let server: PortalServer;
const http: Record<string, PortalClient> = {};
const ids: Record<string, number> = {};
const g = { a: { id: 0, slug: "" }, b: { id: 0, slug: "" }, c: { id: 0, slug: "" }, d: { id: 0, slug: "" } };
let threadA = 0;
let lockedA = 0;
let threadC = 0;
let docA = 0;
let docC = 0;
const sockets: Socket[] = [];

const body = (text: string) => ({ json: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] }), text });

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    mod: await createTestUser("member", "Mara Moderation"),
    anna: await createTestUser("member", "Anna Live"),
    ben: await createTestUser("member", "Ben Live"),
    other: await createTestUser("member", "Otto Andere-Gruppe"),
    observer: await createTestUser("observer", "Olga Beobachtung"),
    granted: await createTestUser("observer", "Gerd Freigabe"),
    // Changes the visibility, which the group moderation may not (issue 18, finding 4).
    globalMod: await createTestUser("moderator", "Gisela Globalmoderation"),
  };
  const stamp = Date.now().toString(36);
  const make = (key: "a" | "b" | "c" | "d", visibility: "intern" | "vertraulich", creator: number) => {
    const group = createGroup({ title: `Live ${key.toUpperCase()} ${stamp}`, slug: `live-${key}-${stamp}`, loge: null, description: "Gruppe für Live-Tests", goals: "", visibility }, creator);
    g[key] = { id: group.id, slug: group.slug };
  };
  make("a", "intern", users.mod.id);
  make("b", "intern", users.other.id);
  make("c", "vertraulich", users.mod.id);
  make("d", "intern", users.mod.id);
  const db = new Database(server.dbPath);
  const member = db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)");
  for (const u of [users.anna, users.ben]) member.run(g.a.id, u.id, Date.now());
  member.run(g.c.id, users.ben.id, Date.now());
  db.prepare("INSERT INTO group_observer_grants (group_id, user_id, granted_by, created_at) VALUES (?, ?, ?, ?)").run(g.c.id, users.granted.id, users.mod.id, Date.now());
  db.close();
  threadA = createThread(g.a.id, users.mod.id, { title: "Offene Frage", body: body("Was meinen Sie?"), documentId: null, heading: null }).threadId;
  lockedA = createThread(g.a.id, users.mod.id, { title: "Geschlossene Frage", body: body("Erledigt."), documentId: null, heading: null }).threadId;
  threadC = createThread(g.c.id, users.mod.id, { title: "Vertrauliche Frage", body: body("Nur intern."), documentId: null, heading: null }).threadId;
  const db2 = new Database(server.dbPath);
  db2.prepare("UPDATE threads SET locked_at = ?, locked_by = ? WHERE id = ?").run(Date.now(), users.mod.id, lockedA);
  db2.close();
  docA = createDocument(g.a.id, { title: "Empfehlung Onlinezugang", kind: "empfehlung" }, users.mod.id).id;
  docC = createDocument(g.c.id, { title: "Vertrauliches Papier", kind: "empfehlung" }, users.mod.id).id;
  Object.assign(http, await signInAll(server.origin, users));
  for (const [name, u] of Object.entries(users)) ids[name] = u.id;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  closeDb();
  await server?.stop();
});

/** A connected socket for a user (or none: signed out), recording what the server sends. */
const connect = (who: string | null) => connectRoom(server.origin, who ? http[who].cookie! : null, sockets);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("joining a group's live room", () => {
  it("refuses a signed-out handshake", async () => {
    await expect(connect(null)).rejects.toThrow("unauthorized");
  });

  it.each([
    ["mod", "a", true],
    ["anna", "a", true],
    ["other", "a", true], // intern: every signed-in user reads it
    ["observer", "a", true],
    ["other", "c", false], // vertraulich, not a member
    ["observer", "c", false], // vertraulich, no grant
    ["granted", "c", true],
    ["ben", "c", true],
  ] as const)("%s in group %s → %s", async (who, key, allowed) => {
    const { socket } = await connect(who);
    const reply = await join(socket, g[key].id);
    if (allowed) expect(reply).toMatchObject({ ok: true, data: { groupId: g[key].id, people: expect.arrayContaining([expect.objectContaining({ userId: ids[who] })]) } });
    else expect(reply).toEqual({ ok: false, error: "group_not_found", message: expect.stringContaining("Arbeitsgruppe") });
    socket.disconnect();
  });

  it("refuses a group that does not exist like a confidential one", async () => {
    const { socket } = await connect("anna");
    expect(await join(socket, 999_999)).toMatchObject({ ok: false, error: "group_not_found" });
  });

  it("refuses unknown events and bad payloads, and keeps the connection", async () => {
    const { socket, seen } = await connect("anna");
    const bad = [
      { groupId: "1", where: { area: "ueberblick" } },
      { groupId: g.a.id, where: { area: "verwaltung" } },
      { groupId: g.a.id, where: { area: "dokumente", documentId: -3 } },
      { groupId: g.a.id, where: { area: "ueberblick" }, admin: true },
      { groupId: g.a.id },
      null,
    ];
    for (const payload of bad) expect(await socket.emitWithAck("group:join", payload)).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await socket.emitWithAck("group:typing", { groupId: g.a.id, threadId: "x" })).toMatchObject({ ok: false, error: "invalid_payload" });
    socket.emit("group:kick", { userId: ids.ben });
    socket.emit("group:where", { groupId: g.a.id, where: { area: "ueberblick" } }); // not joined, no ack
    await until(() => seen.errors.length === 2, 1000, "errors");
    expect(seen.errors).toEqual([
      expect.objectContaining({ code: "unknown_event", event: "group:kick" }),
      expect.objectContaining({ code: "group_not_joined", event: "group:where" }),
    ]);
    expect(socket.connected).toBe(true);
    expect(await join(socket, g.a.id)).toMatchObject({ ok: true });
  });

  it("allows at most 5 groups per connection", async () => {
    const { socket } = await connect("mod");
    const extra = [];
    for (let i = 0; i < 4; i++) {
      extra.push(createGroup({ title: `Viele ${i} ${Date.now()}`, slug: `viele-${i}-${Date.now().toString(36)}`, loge: null, description: "Noch eine Gruppe", goals: "", visibility: "intern" }, ids.mod).id);
    }
    for (const id of [g.a.id, g.c.id, g.d.id, extra[0], extra[1]]) expect((await join(socket, id)).ok).toBe(true);
    expect(await join(socket, extra[2])).toMatchObject({ ok: false, error: "too_many_groups" });
    await socket.emitWithAck("group:leave", { groupId: extra[0] });
    expect((await join(socket, extra[2])).ok).toBe(true);
    socket.disconnect();
  });
});

describe("presence", () => {
  it("merges a person's tabs into one entry with the latest place, names the document, and clears on disconnect", async () => {
    const watcher = await connect("mod");
    await join(watcher.socket, g.d.id);
    const tab1 = await connect("anna");
    const tab2 = await connect("anna");
    expect((await join(tab1.socket, g.d.id, { area: "diskussion" })).ok).toBe(true);
    expect((await join(tab2.socket, g.d.id, { area: "ueberblick" })).ok).toBe(true);
    const annaEntries = () => lastPresence(watcher.seen, g.d.id)!.people.filter((p) => p.userId === ids.anna);
    // Two people already after tab1's join; tab2's place comes with the next presence message.
    await until(() => (lastPresence(watcher.seen, g.d.id)?.people.length ?? 0) === 2 && annaEntries()[0]?.where.area === "ueberblick", 1000, "two people, anna in her latest place");
    expect(annaEntries()).toEqual([expect.objectContaining({ displayName: "Anna Live", initials: "AL", where: { area: "ueberblick" } })]);

    // A document of another group is not named (nor its id echoed); one of this group is.
    await tab1.socket.emitWithAck("group:where", { groupId: g.d.id, where: { area: "dokumente", documentId: docC } });
    await until(() => annaEntries()[0]?.where.area === "dokumente", 1000, "moved");
    expect(annaEntries()[0].where).toEqual({ area: "dokumente" });
    const docD = createDocument(g.d.id, { title: "Empfehlung Onlinezugang D", kind: "empfehlung" }, ids.mod).id;
    await tab1.socket.emitWithAck("group:where", { groupId: g.d.id, where: { area: "dokumente", documentId: docD } });
    await until(() => annaEntries()[0]?.where.documentId === docD, 1000, "in document");
    expect(annaEntries()[0].where).toEqual({ area: "dokumente", documentId: docD, title: "Empfehlung Onlinezugang D" });

    tab1.socket.disconnect();
    await sleep(300);
    expect(annaEntries()).toHaveLength(1); // the other tab is still there
    tab2.socket.disconnect();
    await until(() => annaEntries().length === 0, 1000, "anna gone");
    expect(lastPresence(watcher.seen, g.d.id)!.people.map((p) => p.userId)).toEqual([ids.mod]);
    watcher.socket.disconnect();
  });
});

describe("typing", () => {
  it("relays a member's typing to the others, not back to the sender", async () => {
    const anna = await connect("anna");
    const ben = await connect("ben");
    await join(anna.socket, g.a.id, { area: "diskussion", threadId: threadA });
    await join(ben.socket, g.a.id, { area: "diskussion", threadId: threadA });
    expect(await anna.socket.emitWithAck("group:typing", { groupId: g.a.id, threadId: threadA })).toEqual({ ok: true, data: {} });
    await until(() => ben.seen.typing.length === 1, 1000, "ben sees typing");
    expect(ben.seen.typing[0]).toEqual({ groupId: g.a.id, threadId: threadA, userId: ids.anna, displayName: "Anna Live" });
    // Throttled: a second signal right away is accepted but not relayed.
    await anna.socket.emitWithAck("group:typing", { groupId: g.a.id, threadId: threadA });
    await sleep(200);
    expect(ben.seen.typing).toHaveLength(1);
    expect(anna.seen.typing).toHaveLength(0);
    anna.socket.disconnect();
    ben.socket.disconnect();
  });

  it("refuses observers, non-members, locked threads (except the moderation), other groups' threads and unjoined groups", async () => {
    const ben = await connect("ben");
    await join(ben.socket, g.a.id);
    const typing = async (who: string, threadId: number, groupId = g.a.id) => {
      const s = await connect(who);
      if (groupId === g.a.id) await join(s.socket, g.a.id);
      const reply = await s.socket.emitWithAck("group:typing", { groupId, threadId });
      s.socket.disconnect();
      return reply;
    };
    expect(await typing("observer", threadA)).toMatchObject({ ok: false, error: "group_forbidden" });
    expect(await typing("other", threadA)).toMatchObject({ ok: false, error: "group_forbidden" });
    expect(await typing("anna", lockedA)).toMatchObject({ ok: false, error: "group_forbidden" });
    expect(await typing("anna", threadC)).toMatchObject({ ok: false, error: "group_not_found" });
    expect(await typing("anna", threadA, g.d.id)).toMatchObject({ ok: false, error: "group_not_joined" });
    await sleep(200);
    expect(ben.seen.typing).toEqual([]);
    expect(await typing("mod", lockedA)).toEqual({ ok: true, data: {} });
    await until(() => ben.seen.typing.length === 1, 1000, "moderation typing in a locked thread");
    ben.socket.disconnect();
  });
});

describe("discussion changes", () => {
  it("reach the viewers of that group only", async () => {
    const inA = await connect("anna");
    const inB = await connect("other");
    const nowhere = await connect("mod");
    const counts: { unread: number }[] = [];
    nowhere.socket.on("notifications:count", (c) => counts.push(c));
    await join(inA.socket, g.a.id);
    await join(inB.socket, g.b.id);
    const res = await http.ben.post(`/gruppen/${g.a.slug}/diskussion/${threadA}`, { intent: "reply", body: "Eine Antwort von Ben." });
    expect(res.status).toBeLessThan(400);
    await until(() => inA.seen.discussion.length === 1, 1000, "group:discussion in A");
    expect(inA.seen.discussion[0]).toEqual({ groupId: g.a.id, threadId: threadA, kind: "post_created", postId: expect.any(Number) });
    await sleep(200);
    expect(inB.seen.discussion).toEqual([]);
    expect(nowhere.seen.discussion).toEqual([]);
    // The thread's starter is notified of the reply: the bell count reaches all of their sockets.
    await until(() => counts.length > 0, 1000, "notifications:count");
    expect(counts.at(-1)!.unread).toBeGreaterThanOrEqual(1);
    for (const s of [inA, inB, nowhere]) s.socket.disconnect();
  });
});

describe("losing the right to read", () => {
  it("a member removed from a confidential group is out of its room within 1 s and gets no more of its events", async () => {
    const ben = await connect("ben");
    const mod = await connect("mod");
    expect((await join(ben.socket, g.c.id)).ok).toBe(true);
    await join(mod.socket, g.c.id);
    await until(() => (lastPresence(mod.seen, g.c.id)?.people.length ?? 0) === 2, 1000, "both present");
    const started = Date.now();
    expect((await http.mod.post(`/gruppen/${g.c.slug}?index`, { intent: "remove-member", userId: String(ids.ben) })).status).toBe(200);
    await until(() => ben.seen.closed.length === 1, 1000, "group:closed");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ben.seen.closed[0]).toEqual({ groupId: g.c.id, reason: "no_access" });
    await until(() => lastPresence(mod.seen, g.c.id)!.people.length === 1, 1000, "ben gone from presence");

    expect((await http.mod.post(`/gruppen/${g.c.slug}/diskussion/${threadC}`, { intent: "reply", body: "Nach der Entfernung." })).status).toBeLessThan(400);
    await until(() => mod.seen.discussion.length === 1, 1000, "mod sees the reply");
    await sleep(200);
    expect(ben.seen.discussion).toEqual([]);
    expect(await ben.socket.emitWithAck("group:where", { groupId: g.c.id, where: { area: "ueberblick" } })).toMatchObject({ ok: false, error: "group_not_joined" });
    expect(await join(ben.socket, g.c.id)).toMatchObject({ ok: false, error: "group_not_found" });
    expect(ben.socket.connected).toBe(true);
    ben.socket.disconnect();
    mod.socket.disconnect();
  });

  it("a group made confidential closes the room for those who may no longer read it", async () => {
    const other = await connect("other");
    const anna = await connect("anna");
    expect((await join(other.socket, g.d.id)).ok).toBe(true);
    expect((await join(anna.socket, g.d.id)).ok).toBe(true);
    const res = await http.globalMod.post(`/gruppen/${g.d.slug}/bearbeiten`, {
      title: `Live D geändert`,
      slug: g.d.slug,
      description: "Gruppe für Live-Tests, jetzt vertraulich",
      goals: "",
      visibility: "vertraulich",
    });
    expect(res.status).toBe(302);
    await until(() => other.seen.closed.length === 1 && anna.seen.closed.length === 1, 1000, "closed for non-members");
    other.socket.disconnect();
    anna.socket.disconnect();
  });
});
