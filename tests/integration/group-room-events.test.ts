import Database from "better-sqlite3";
import fs from "node:fs";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discussionRows, openRoleFixtures, replyTo, signInDemo, startThread, threadAct } from "../setup/discussion-fixtures";
import { addGroupWithMembers } from "../setup/fixture-rows";
import type { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";
import { connectRoom, joinRoom as join, lastPresence, type RoomEvents } from "../setup/room-client";
import { until } from "../setup/yjs-client";

/*
 * The live group room per role, with the demo people on the real server:
 * group:where and group:leave for each role, who receives group:discussion
 * and group:presence (and that outsiders of a vertraulich group receive
 * nothing), every kind of discussion change arriving through the real
 * actions, and a member removed from an intern group who stays as a reader
 * but may no longer be seen typing.
 */

type Person = "moderation" | "anna" | "jonas" | "lena" | "observer";
let server: PortalServer;
let db: Database.Database;
let rows: ReturnType<typeof discussionRows>;
const c = {} as Record<Person | "anonymous", PortalClient>;
const ids = {} as Record<Person, number>;
const groupIds: Record<string, number> = {};
const sockets: Socket[] = [];

const A = "live-rollen-intern"; // intern: moderation@ (group moderation), anna, jonas
const B = "live-rollen-andere"; // intern: lena
const C = "live-rollen-vertraulich"; // vertraulich: moderation@ (group moderation), anna; no observer grant
const E = "live-rollen-entfernt"; // intern: moderation@ (group moderation), jonas (removed in the test)
let threadA = 0;
let threadC = 0;
let threadE = 0;

beforeAll(async () => {
  server = await startPortal();
  const fixtures = openRoleFixtures(server.dbPath);
  ({ db, rows } = fixtures);
  Object.assign(ids, fixtures.ids);
  const group = (slug: string, visibility: "intern" | "vertraulich", members: [Person, "moderation" | "member"][]) => {
    groupIds[slug] = addGroupWithMembers(
      db,
      { slug, title: `Live ${slug}`, description: "Eine Gruppe für die Live-Tests.", visibility },
      members.map(([who, role]) => [ids[who], role]),
    );
  };
  group(A, "intern", [
    ["moderation", "moderation"],
    ["anna", "member"],
    ["jonas", "member"],
  ]);
  group(B, "intern", [["lena", "member"]]);
  group(C, "vertraulich", [
    ["moderation", "moderation"],
    ["anna", "member"],
  ]);
  group(E, "intern", [
    ["moderation", "moderation"],
    ["jonas", "member"],
  ]);
  Object.assign(c, await signInDemo(server.origin, ["moderation", "anna", "jonas", "lena", "observer"] as const));
  threadA = await startThread(c.anna, A, "Live nach Rollen");
  threadC = await startThread(c.anna, C, "Vertraulich live");
  threadE = await startThread(c.jonas, E, "Vor der Entfernung");
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

const connect = (who: Person | "anonymous") => connectRoom(server.origin, c[who].cookie, sockets);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const peopleIn = (seen: RoomEvents, slug: string) => lastPresence(seen, groupIds[slug])?.people ?? [];
const eventsOf = (seen: RoomEvents, slug: string) => ({
  discussion: seen.discussion.filter((e) => e.groupId === groupIds[slug]),
  presence: seen.presence.filter((p) => p.groupId === groupIds[slug]),
});

describe("group:where and group:leave per role", () => {
  it("refuses the signed-out at the handshake, so they cannot send either", async () => {
    await expect(connect("anonymous")).rejects.toThrow("unauthorized");
  });

  it.each(["moderation", "anna", "lena", "observer"] as const)("%s in an intern group: where moves them, leave takes them out", async (who) => {
    const watcher = await connect("jonas");
    await join(watcher.socket, groupIds[A]);
    const { socket } = await connect(who);
    expect(await join(socket, groupIds[A])).toMatchObject({ ok: true });
    const entry = () => peopleIn(watcher.seen, A).find((p) => p.userId === ids[who]);
    await until(() => entry() !== undefined, 1000, `${who} present`);

    expect(await socket.emitWithAck("group:where", { groupId: groupIds[A], where: { area: "diskussion", threadId: threadA } })).toEqual({ ok: true, data: {} });
    await until(() => entry()?.where.threadId === threadA, 1000, `${who} in the thread`);
    expect(entry()!.where).toEqual({ area: "diskussion", threadId: threadA, title: "Live nach Rollen" });

    expect(await socket.emitWithAck("group:leave", { groupId: groupIds[A] })).toEqual({ ok: true, data: {} });
    await until(() => entry() === undefined, 1000, `${who} gone`);
    // Out of the room: no more place to report, nothing more from the room.
    expect(await socket.emitWithAck("group:where", { groupId: groupIds[A], where: { area: "ueberblick" } })).toMatchObject({ ok: false, error: "group_not_joined" });
    expect(socket.connected).toBe(true);
    socket.disconnect();
    watcher.socket.disconnect();
  });

  it.each(["lena", "observer"] as const)("%s outside a vertraulich group: not joined, where refused, never present", async (who) => {
    const watcher = await connect("moderation");
    await join(watcher.socket, groupIds[C]);
    const { socket } = await connect(who);
    expect(await join(socket, groupIds[C])).toMatchObject({ ok: false, error: "group_not_found" });
    expect(await socket.emitWithAck("group:where", { groupId: groupIds[C], where: { area: "diskussion", threadId: threadC } })).toMatchObject({ ok: false, error: "group_not_joined" });
    // Leaving a room one is not in changes nothing.
    expect(await socket.emitWithAck("group:leave", { groupId: groupIds[C] })).toEqual({ ok: true, data: {} });
    await sleep(250);
    expect(watcher.seen.presence.flatMap((p) => p.people).some((p) => p.userId === ids[who])).toBe(false);
    expect(socket.connected).toBe(true);
    socket.disconnect();
    watcher.socket.disconnect();
  });
});

describe("who receives the room's events", () => {
  it("everyone who reads the group, moderation and observer included; outsiders of a vertraulich group nothing", async () => {
    const people = ["moderation", "anna", "lena", "observer"] as const;
    const s = Object.fromEntries(await Promise.all(people.map(async (who) => [who, await connect(who)] as const))) as Record<(typeof people)[number], { socket: Socket; seen: RoomEvents }>;
    for (const who of people) expect(await join(s[who].socket, groupIds[A]), who).toMatchObject({ ok: true });
    expect(await join(s.moderation.socket, groupIds[C])).toMatchObject({ ok: true });
    expect(await join(s.anna.socket, groupIds[C])).toMatchObject({ ok: true });
    expect(await join(s.lena.socket, groupIds[C])).toMatchObject({ ok: false });
    expect(await join(s.observer.socket, groupIds[C])).toMatchObject({ ok: false });

    // Presence of A reaches all four, each listing all four.
    for (const who of people) {
      await until(() => peopleIn(s[who].seen, A).length === 4, 1000, `${who} sees four in A`);
      expect(peopleIn(s[who].seen, A).map((p) => p.userId).sort()).toEqual(people.map((p) => ids[p]).sort());
    }

    const inA = await replyTo(c.jonas, A, threadA, "Eine Antwort für alle Lesenden.");
    for (const who of people) {
      await until(() => eventsOf(s[who].seen, A).discussion.length === 1, 1000, `${who} gets the reply in A`);
      expect(eventsOf(s[who].seen, A).discussion).toEqual([{ groupId: groupIds[A], threadId: threadA, kind: "post_created", postId: inA }]);
    }

    const inC = await replyTo(c.moderation, C, threadC, "Nur für die Gruppe.");
    for (const who of ["moderation", "anna"] as const) {
      await until(() => eventsOf(s[who].seen, C).discussion.length === 1, 1000, `${who} gets the reply in C`);
      expect(eventsOf(s[who].seen, C).discussion).toEqual([{ groupId: groupIds[C], threadId: threadC, kind: "post_created", postId: inC }]);
      expect(peopleIn(s[who].seen, C).map((p) => p.userId).sort()).toEqual([ids.moderation, ids.anna].sort());
    }
    await sleep(250);
    for (const who of ["lena", "observer"] as const) {
      expect(eventsOf(s[who].seen, C), who).toEqual({ discussion: [], presence: [] });
      expect(s[who].seen.typing).toEqual([]);
    }
    for (const who of people) s[who].socket.disconnect();
  });
});

describe("every discussion change arrives live through the real actions", () => {
  it("edits, deletions, hiding (directly and from the queue), pins, locks and new threads; refusals and reports send nothing", async () => {
    const thread = await startThread(c.anna, A, "Live-Änderungen", "Annas erster Beitrag.");
    const annaPost = rows.postsOf(thread)[0].id;
    const jonasPost = await replyTo(c.jonas, A, thread, "Jonas schreibt.");
    const reported = await replyTo(c.jonas, A, thread, "Das wird gemeldet.");
    const viewer = await connect("observer");
    const member = await connect("anna");
    await join(viewer.socket, groupIds[A], { area: "diskussion", threadId: thread });
    await join(member.socket, groupIds[A], { area: "diskussion", threadId: thread });

    let seen = 0;
    const expectEvent = async (label: string, send: () => Promise<Response>, status: number, event: { kind: string; threadId?: number; postId?: number }) => {
      expect((await send()).status, label).toBe(status);
      const want = { groupId: groupIds[A], threadId: thread, ...event };
      for (const s of [viewer, member]) {
        await until(() => s.seen.discussion.length === seen + 1, 1000, label);
        expect(s.seen.discussion[seen], label).toEqual(want);
      }
      seen += 1;
    };
    const expectSilence = async (label: string, send: () => Promise<Response>, status: number) => {
      expect((await send()).status, label).toBe(status);
      await sleep(300);
      expect(viewer.seen.discussion.length, label).toBe(seen);
      expect(member.seen.discussion.length, label).toBe(seen);
    };
    const act = (who: Person, fields: Record<string, string>) => () => threadAct(c[who], A, thread, fields);

    await expectEvent("edit", act("anna", { intent: "edit", postId: String(annaPost), body: "Überarbeitet." }), 302, { kind: "post_edited", postId: annaPost });
    await expectEvent("delete", act("jonas", { intent: "delete", postId: String(jonasPost) }), 302, { kind: "post_deleted", postId: jonasPost });
    await expectEvent("pin", act("moderation", { intent: "pin" }), 200, { kind: "thread_pinned" });
    await expectEvent("unpin", act("moderation", { intent: "unpin" }), 200, { kind: "thread_pinned" });
    await expectEvent("lock", act("moderation", { intent: "lock" }), 200, { kind: "thread_locked" });
    await expectEvent("unlock", act("moderation", { intent: "unlock" }), 200, { kind: "thread_locked" });

    // Refused actions and a report (only the moderation's queue changes) are not announced.
    await expectSilence("refused pin", act("anna", { intent: "pin" }), 403);
    await expectSilence("refused edit", act("moderation", { intent: "edit", postId: String(annaPost), body: "Fremd" }), 403);
    await expectSilence("report", act("anna", { intent: "report", postId: String(reported), reason: "Bitte prüfen" }), 200);

    const { id: reportId } = db.prepare("select id from post_reports where post_id = ?").get(reported) as { id: number };
    await expectEvent("hide from the queue", () => c.moderation.post(`/gruppen/${A}/diskussion/meldungen`, { intent: "hide-reported", reportId: String(reportId), reason: "Nicht zum Thema" }), 200, {
      kind: "post_hidden",
      postId: reported,
    });
    const another = await replyTo(c.jonas, A, thread, "Noch ein Beitrag.");
    for (const s of [viewer, member]) {
      await until(() => s.seen.discussion.length === seen + 1, 1000, "reply");
      expect(s.seen.discussion.at(-1)).toEqual({ groupId: groupIds[A], threadId: thread, kind: "post_created", postId: another });
    }
    seen += 1;
    await expectEvent("hide", act("moderation", { intent: "hide", postId: String(another), reason: "Doppelt" }), 200, { kind: "post_hidden", postId: another });

    const res = await c.jonas.post(`/gruppen/${A}/diskussion/neu`, { title: "Ein neues Live-Thema", body: "Text" });
    expect(res.status).toBe(302);
    const created = Number(/\/diskussion\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
    for (const s of [viewer, member]) await until(() => s.seen.discussion.length === seen + 1, 1000, "new thread");
    expect(viewer.seen.discussion.at(-1)).toEqual({ groupId: groupIds[A], threadId: created, kind: "thread_created", postId: rows.postsOf(created)[0].id });
    viewer.socket.disconnect();
    member.socket.disconnect();
  });
});

describe("a member removed from an intern group", () => {
  it("stays in the room as a reader but may no longer be seen typing", async () => {
    const jonas = await connect("jonas");
    const mod = await connect("moderation");
    expect(await join(jonas.socket, groupIds[E], { area: "diskussion", threadId: threadE })).toMatchObject({ ok: true });
    await join(mod.socket, groupIds[E], { area: "diskussion", threadId: threadE });
    expect(await jonas.socket.emitWithAck("group:typing", { groupId: groupIds[E], threadId: threadE })).toEqual({ ok: true, data: {} });
    await until(() => mod.seen.typing.length === 1, 1000, "typing before the removal");

    const res = await c.moderation.post(`/gruppen/${E}?index`, { intent: "remove-member", userId: String(ids.jonas) });
    expect(res.status).toBe(200);
    expect(db.prepare("select 1 from group_members where group_id = ? and user_id = ?").get(groupIds[E], ids.jonas)).toBeUndefined();

    // Intern groups are read by every signed-in user: the room stays open for him...
    const reply = await replyTo(c.moderation, E, threadE, "Nach der Entfernung.");
    await until(() => jonas.seen.discussion.some((e) => e.postId === reply), 1000, "jonas still gets the room's events");
    expect(await jonas.socket.emitWithAck("group:where", { groupId: groupIds[E], where: { area: "ueberblick" } })).toEqual({ ok: true, data: {} });
    expect(jonas.seen.closed).toEqual([]);
    await until(() => peopleIn(mod.seen, E).find((p) => p.userId === ids.jonas)?.where.area === "ueberblick", 1000, "jonas still present");

    // ...but he may no longer reply, so he may not be seen typing.
    await sleep(1_100); // past the typing throttle, so a wrongly accepted signal would be relayed
    expect(await jonas.socket.emitWithAck("group:typing", { groupId: groupIds[E], threadId: threadE })).toMatchObject({ ok: false, error: "group_forbidden" });
    await sleep(250);
    expect(mod.seen.typing).toHaveLength(1);
    expect(jonas.socket.connected).toBe(true);
    jonas.socket.disconnect();
    mod.socket.disconnect();
  });
});
