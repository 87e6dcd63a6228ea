import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { caretColor } from "../../app/documents/caret-color";
import { decodeWire, encodeWire } from "../../app/realtime/wire";
import { createDocument } from "../../app/models/document.server";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";
import { until } from "../setup/yjs-client";

/*
 * A client that does what the portal's pages never do (issue 18, findings 6
 * and 7): awareness under another connection's client id or with another
 * person's name, and one session opening many sockets to multiply its event
 * budget.
 */
const MAX_SOCKETS = 20;
let server: PortalServer;
let http: Record<"anna" | "jonas" | "olga" | "many", PortalClient>;
const people: Record<string, { id: number; displayName: string }> = {};
let documentId = 0;
let groupIds: number[] = [];
const moreDocuments: number[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    anna: await createTestUser("member", "Anna Anwesend"),
    jonas: await createTestUser("member", "Jonas Jetzt"),
    olga: await createTestUser("member", "Olga Zuschauend"),
    many: await createTestUser("member", "Viktor Vielfach"),
  };
  Object.assign(people, users);
  const group = createGroup({ title: "Anwesenheit prüfen", slug: `anwesenheit-${Date.now().toString(36)}`, loge: null, description: "Gruppe für Missbrauchstests.", goals: "", visibility: "intern" }, users.anna.id);
  const db = new Database(server.dbPath);
  for (const u of [users.jonas, users.olga]) db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(group.id, u.id, Date.now());
  db.close();
  documentId = createDocument(group.id, { title: "Empfehlung Anwesenheit", kind: "empfehlung" }, users.anna.id).id;
  for (let i = 1; i <= 15; i++) moreDocuments.push(createDocument(group.id, { title: `Entwurf Nummer ${i}`, kind: "empfehlung" }, users.anna.id).id);
  groupIds = [group.id];
  for (let i = 1; i <= 7; i++) {
    groupIds.push(createGroup({ title: `Offene Gruppe ${i}`, slug: `offen-${i}-${Date.now().toString(36)}`, loge: null, description: "Gruppe für Grenzen je Verbindung.", goals: "", visibility: "intern" }, users.anna.id).id);
  }
  http = await signInAll(server.origin, users);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  closeDb();
  await server?.stop();
});

function open(cookie: string): Socket {
  const socket = io(server.origin, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin: server.origin, cookie } });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (e) => resolve(e.message));
  });
}

/** A socket in the document, with what it learns of the others' awareness and its refusals. */
async function present(who: keyof typeof http) {
  const socket = open(http[who].cookie!);
  expect(await outcome(socket)).toBe("connected");
  const seen = new Awareness(new Y.Doc());
  seen.setLocalState(null);
  const errors: { code: string }[] = [];
  socket.on("doc:awareness", ({ update }: { update: string }) => applyAwarenessUpdate(seen, decodeWire(update), "server"));
  socket.on("portal:error", (e: { code: string }) => errors.push(e));
  const reply = await socket.emitWithAck("doc:join", { documentId, stateVector: Y.encodeStateVector(new Y.Doc()) });
  expect(reply.ok).toBe(true);
  return { socket, seen, errors };
}

/** An awareness update under a chosen client id, as y-protocols encodes it. */
function awarenessOf(clientId: number, state: Record<string, unknown>, clock = 0): string {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new Awareness(doc);
  for (let i = 0; i <= clock; i++) awareness.setLocalState({ ...state, tick: i });
  const update = encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return encodeWire(update);
}

const userOf = (aw: Awareness, clientId: number) => (aw.getStates().get(clientId) as { user?: { name: string; color: string } } | undefined)?.user;

describe("presence cannot be spoofed (finding 6)", () => {
  it("binds a client id to the connection that used it first, and names come from the session", async () => {
    const anna = await present("anna");
    const jonas = await present("jonas");
    const olga = await present("olga");
    const annaId = 424242;

    // Anna says who she is, with a made-up name and colour: the others see her session's.
    anna.socket.emit("doc:awareness", { documentId, update: awarenessOf(annaId, { user: { name: "Jemand Anderes", color: "#ffffff" }, cursor: null }) });
    await until(() => userOf(olga.seen, annaId) !== undefined, 2000, "Anna's presence at Olga");
    expect(userOf(olga.seen, annaId)).toEqual({ name: people.anna.displayName, color: caretColor(people.anna.id) });

    // Jonas sends a newer state under Anna's client id, as "Petra Hoffmann (Administration)".
    jonas.socket.emit("doc:awareness", { documentId, update: awarenessOf(annaId, { user: { name: "Petra Hoffmann (Administration)", color: "#000000" } }, 5) });
    await until(() => jonas.errors.length === 1, 2000, "the refusal at Jonas");
    expect(jonas.errors[0]).toMatchObject({ code: "presence_refused", message: expect.stringContaining("anderen Person") });
    // Jonas's own presence still works, under his own id and his own name.
    const jonasId = 515151;
    jonas.socket.emit("doc:awareness", { documentId, update: awarenessOf(jonasId, { user: { name: "Petra Hoffmann (Administration)" } }) });
    await until(() => userOf(olga.seen, jonasId) !== undefined, 2000, "Jonas's presence at Olga");
    expect(userOf(olga.seen, jonasId)?.name).toBe(people.jonas.displayName);
    expect(userOf(olga.seen, annaId)?.name).toBe(people.anna.displayName);
    // The server's view agrees: a newcomer is sent Anna as Anna.
    const late = await present("olga");
    await until(() => userOf(late.seen, annaId) !== undefined, 2000, "Anna's presence for a newcomer");
    expect(userOf(late.seen, annaId)?.name).toBe(people.anna.displayName);
    for (const s of [anna, jonas, olga, late]) s.socket.disconnect();
  });

  it("lets the same person's new connection take over its id, and the old one's end does not remove it", async () => {
    const olga = await present("olga");
    const first = await present("anna");
    const id = 777001;
    first.socket.emit("doc:awareness", { documentId, update: awarenessOf(id, { user: {} }) });
    await until(() => userOf(olga.seen, id) !== undefined, 2000, "presence of the first tab");
    // A tab that reconnected before the server noticed its old connection gone keeps its Y.Doc and id.
    const second = await present("anna");
    second.socket.emit("doc:awareness", { documentId, update: awarenessOf(id, { user: {} }, 3) });
    await new Promise((r) => setTimeout(r, 100));
    expect(second.errors).toEqual([]);
    first.socket.disconnect();
    // The old connection's end removes nothing the new one holds; a later update of the new one still passes.
    second.socket.emit("doc:awareness", { documentId, update: awarenessOf(id, { user: {}, cursor: { at: 1 } }, 4) });
    await until(() => (olga.seen.getStates().get(id) as { cursor?: unknown } | undefined)?.cursor !== undefined, 2000, "the new tab's update");
    expect(userOf(olga.seen, id)?.name).toBe(people.anna.displayName);
    for (const s of [olga, second]) s.socket.disconnect();
  });

  it("refuses more than a few client ids from one connection, and what is not an awareness update", async () => {
    const jonas = await present("jonas");
    for (let i = 0; i < 6; i++) jonas.socket.emit("doc:awareness", { documentId, update: awarenessOf(900000 + i, { user: {} }) });
    jonas.socket.emit("doc:awareness", { documentId, update: encodeWire(new Uint8Array([1, 2, 3, 4, 5])) });
    await until(() => jonas.errors.length === 3, 2000, "three refusals");
    expect(jonas.errors.map((e) => e.code)).toEqual(["presence_refused", "presence_refused", "invalid_payload"]);
    jonas.socket.disconnect();
  });
});

describe("limits per connection hold against parallel requests", () => {
  it("of 15 documents joined at once, 10 are open and 5 refused; of 8 group rooms, 5", async () => {
    const socket = open(http.jonas.cookie!);
    expect(await outcome(socket)).toBe("connected");
    const vector = Y.encodeStateVector(new Y.Doc());
    const docs = await Promise.all(moreDocuments.map((id) => socket.emitWithAck("doc:join", { documentId: id, stateVector: vector })));
    expect(docs.filter((r) => r.ok).length).toBe(10);
    expect(docs.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(5).fill("too_many_documents"));
    const groups = await Promise.all(groupIds.map((groupId) => socket.emitWithAck("group:join", { groupId, where: { area: "ueberblick" } })));
    expect(groups.filter((r) => r.ok).length).toBe(5);
    expect(groups.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(3).fill("too_many_groups"));
    socket.disconnect();
  });
});

describe("one person's sockets and events are capped (finding 7)", () => {
  it(`accepts at most ${MAX_SOCKETS} sockets per person, also when they all open at once`, async () => {
    const opened = Array.from({ length: MAX_SOCKETS + 10 }, () => open(http.many.cookie!));
    const results = await Promise.all(opened.map(outcome));
    expect(results.filter((r) => r === "connected").length).toBe(MAX_SOCKETS);
    expect(results.filter((r) => r === "too_many_connections").length).toBe(10);
    // Another person is not affected.
    expect(await outcome(open(http.olga.cookie!))).toBe("connected");
    // A place comes free when a socket closes.
    const connected = opened.filter((s) => s.connected);
    connected[0].disconnect();
    await new Promise((r) => setTimeout(r, 100));
    expect(await outcome(open(http.many.cookie!))).toBe("connected");
    expect(await outcome(open(http.many.cookie!))).toBe("too_many_connections");

    // The event budget is the person's: their twenty sockets together get 200 events in 10 s.
    const live = sockets.filter((s) => s.connected && s.io.opts.extraHeaders?.cookie === http.many.cookie);
    expect(live.length).toBe(MAX_SOCKETS);
    const replies = await Promise.all(live.flatMap((s) => Array.from({ length: 15 }, () => s.emitWithAck("session:whoami", {}))));
    expect(replies.filter((r) => r.ok).length).toBe(200);
    expect(replies.filter((r) => !r.ok && r.error === "rate_limited").length).toBe(MAX_SOCKETS * 15 - 200);
  });
});
