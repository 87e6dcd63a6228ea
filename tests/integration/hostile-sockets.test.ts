import Database from "better-sqlite3";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { createSession } from "../../app/auth/session.server";
import { clientEventSchemas, errorCodes, type ClientEventName } from "../../app/realtime/events";
import { encodeWire } from "../../app/realtime/wire";
import { appendUpdates, loadDocParts } from "../../app/models/doc-state.server";
import { deriveContentFromParts } from "../../app/models/document-content.server";
import { createDocument } from "../../app/models/document.server";
import { createGroup } from "../../app/models/group.server";
import { createThread } from "../../app/models/thread.server";
import { parsePostBody } from "../../app/threads/post-body.server";
import { closeDb, getDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { describeChange, forbiddenChanges, settledSnapshot, type Snapshot } from "../setup/db-changes";
import { recommendationJson, stateOf } from "../setup/feed-fixtures";
import { startPortalWithModels } from "../setup/fixture-server";
import { inPool } from "../setup/hostile-requests";
import type { PortalServer } from "../setup/portal-server";
import { nestedJson } from "../fixtures/hostile-input";
import { emitRaw, emitRawWithAck, needsRawEmit, RawJson } from "../setup/raw-socket-emit";
import { connectRoom, joinRoom } from "../setup/room-client";
import { until } from "../setup/yjs-client";
import { healthProblems } from "../setup/server-health";
import { perFieldEmits, wholePayloadEmits, type HostileEmit } from "./hostile-input/socket-payloads";

/*
 * The hostile input corpus (tests/fixtures/hostile-input.ts) against every
 * client event of app/realtime/events.ts, over real socket.io connections:
 * each value in each field of a valid payload, and whole payloads of the
 * wrong shape, each sent with and without an acknowledgement. Every one is
 * answered (ack {ok:false} or portal:error with a known code), the server
 * stays up and logs no error, and neither the document's stored text, nor
 * the group's presence, nor any row of the database changes.
 *
 * Each batch gets a person of its own: the event budget is per person
 * (app/realtime/socket.server.ts, 200 events and 300 document events per
 * 10 s), and no batch comes near it, so no answer is "rate_limited".
 */
let server: PortalServer;
let db: Database.Database;
const sockets: Socket[] = [];
const EVENT_BUDGET = 200;
const ANSWER_WITHIN_MS = 30_000;
const world = { groupId: 0, otherGroupId: 0, documentId: 0, otherDocumentId: 0, threadId: 0, seeds: { users: [] as number[], groups: [] as number[] } };
let initialText = "";
let before: Snapshot;
let presenceBefore: unknown;
let watcher: Awaited<ReturnType<typeof connectRoom>>;

const storedText = () => deriveContentFromParts(loadDocParts(world.documentId).parts).text;

/** A member of the world's group with a session cookie of its own. */
async function member(name: string) {
  const user = await createTestUser("member", name);
  getDb().$client.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(world.groupId, user.id, Date.now());
  world.seeds.users.push(user.id);
  return `ag_session=${createSession(user.id, "hostile-corpus").token}`;
}

/** One sender per batch, made before the database is compared. */
const senders: string[] = [];
const events = Object.keys(clientEventSchemas) as ClientEventName[];
function byField(emits: HostileEmit[]): HostileEmit[][] {
  const batches = new Map<string, HostileEmit[]>();
  for (const e of emits) {
    const field = e.label.slice(0, e.label.indexOf(":"));
    batches.set(field, [...(batches.get(field) ?? []), e]);
  }
  return [...batches.values()];
}

/** Valid payloads; the leave events name a group and a document the socket is not in, so even they change nothing. */
function validPayloads(): Record<ClientEventName, Record<string, unknown>> {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name: "Jemand" }, cursor: null });
  return {
    "session:whoami": {},
    "doc:join": { documentId: world.documentId, stateVector: Y.encodeStateVector(new Y.Doc()) },
    // The document's own first state again: a resend that changes nothing.
    "doc:update": { documentId: world.documentId, update: encodeWire(stateOf(recommendationJson("Feindliche Eingaben"))) },
    "doc:awareness": { documentId: world.documentId, update: encodeWire(encodeAwarenessUpdate(awareness, [awareness.clientID])) },
    "doc:leave": { documentId: world.otherDocumentId },
    "group:join": { groupId: world.groupId, where: { area: "ueberblick" } },
    "group:where": { groupId: world.groupId, where: { area: "ueberblick" } },
    "group:leave": { groupId: world.otherGroupId },
    "group:typing": { groupId: world.groupId, threadId: world.threadId },
  };
}

beforeAll(async () => {
  server = await startPortalWithModels({ env: { LOG_LEVEL: "warn" } });
  db = new Database(server.dbPath, { readonly: true });
  const owner = await createTestUser("member", "Gruppenmoderation");
  world.seeds.users.push(owner.id);
  const group = (slug: string) =>
    createGroup({ title: `Sockets ${slug}`, slug: `${slug}-${Date.now().toString(36)}`, loge: null, description: "Eine Gruppe für feindliche Socket-Ereignisse.", goals: "", visibility: "intern" }, owner.id).id;
  world.groupId = group("sockets-feindlich");
  world.otherGroupId = group("sockets-andere");
  world.seeds.groups.push(world.groupId, world.otherGroupId);
  world.documentId = createDocument(world.groupId, { title: "Empfehlung unter Beschuss", kind: "empfehlung" }, owner.id).id;
  world.otherDocumentId = createDocument(world.otherGroupId, { title: "Andere Empfehlung", kind: "empfehlung" }, owner.id).id;
  appendUpdates([{ documentId: world.documentId, update: stateOf(recommendationJson("Feindliche Eingaben")), userId: owner.id }]);
  const body = parsePostBody({ text: "Eine Frage." }, []);
  if (!body.ok) throw new Error(body.error);
  world.threadId = createThread(world.groupId, owner.id, { title: "Frage", body: body.body, documentId: null, heading: null }).threadId;
  initialText = storedText();
  expect(initialText).toContain("Ausgangslage Feindliche Eingaben");

  const batches = events.reduce((n, e) => n + byField(perFieldEmits(e, validPayloads()[e])).length + 1, 0) + 2;
  for (let i = 0; i < batches; i++) senders.push(await member(`Sender ${i + 1}`));
  watcher = await connectRoom(server.origin, await member("Zuschauerin"), sockets);
  presenceBefore = ((await joinRoom(watcher.socket, world.groupId)) as { data: { people: unknown } }).data.people;
  before = await settledSnapshot(db);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  db?.close();
  closeDb();
  await server?.stop();
});

it("has a valid payload for every client event the server knows", () => {
  expect(Object.keys(validPayloads()).sort()).toEqual(Object.keys(clientEventSchemas).sort());
});

type Reply = { ok: boolean; error?: string };
const refusedWell = (code: unknown) => errorCodes.includes(code as never) && code !== "rate_limited";

/**
 * Sends the emits with an ack each, then each again without; returns what
 * went wrong. Every emit must get exactly one answer: its ack {ok:false},
 * or a portal:error (without an ack, and for doc:awareness, whose protocol
 * has none).
 */
async function runBatch(event: ClientEventName, emits: HostileEmit[]): Promise<string[]> {
  const { socket, seen } = await connectRoom(server.origin, senders.pop()!, sockets);
  const problems: string[] = [];
  const errors = seen.errors as { code: string }[];
  const answered = async (phase: string, expected: number, count: () => number) => {
    // Events are handled in order; an answer may still follow a write to the database.
    const barrier = await socket.timeout(ANSWER_WITHIN_MS).emitWithAck("session:whoami", {}).catch(() => null);
    if (!barrier) problems.push(`${phase}: the connection stopped answering`);
    await until(() => count() >= expected, ANSWER_WITHIN_MS, `${expected} answers`).catch(() => undefined);
    if (count() !== expected) problems.push(`${phase}: ${expected} events, ${count()} answers`);
  };
  try {
    // In the group and the document, so that payloads reach the handlers behind the schema.
    const joins = [await joinRoom(socket, world.groupId), await socket.emitWithAck("doc:join", validPayloads()["doc:join"])] as Reply[];
    if (!joins.every((j) => j.ok)) return [`joining failed: ${JSON.stringify(joins)}`];

    let acks = 0;
    const errorsBefore = errors.length;
    for (const { label, args } of emits) {
      const onReply = (reply: Reply) => {
        acks++;
        if (reply.ok || !refusedWell(reply.error)) problems.push(`${label} (ack): ${JSON.stringify(reply)}`);
      };
      if (needsRawEmit(args)) void emitRawWithAck(socket, event, args, ANSWER_WITHIN_MS).then((r) => onReply(r as Reply), () => undefined);
      else socket.emit(event, ...args, onReply);
    }
    await answered("with ack", emits.length, () => acks + errors.length - errorsBefore);

    const errorsBetween = errors.length;
    for (const { args } of emits) {
      if (needsRawEmit(args)) emitRaw(socket, event, args);
      else socket.emit(event, ...args);
    }
    await answered("without ack", emits.length, () => errors.length - errorsBetween);
    for (const e of errors) if (!refusedWell(e.code)) problems.push(`portal:error ${JSON.stringify(e)}`);
  } finally {
    socket.disconnect();
  }
  return problems;
}

const budgetFits = (emits: HostileEmit[]) => emits.length * 2 + 3 < EVENT_BUDGET;

describe.each(events)("%s", (event) => {
  it("each corpus value in each field, with and without ack: refused, answered, nothing changed", async () => {
    // One batch per field: each within one person's budget.
    const batches = byField(perFieldEmits(event, validPayloads()[event]));
    for (const batch of batches) expect(budgetFits(batch)).toBe(true);
    const problems = (await inPool(batches, 3, (batch) => runBatch(event, batch))).flat();
    expect(problems).toEqual([]);
  }, 300_000);

  it("whole payloads of the wrong shape, with and without ack: refused, answered, nothing changed", async () => {
    const emits = wholePayloadEmits(validPayloads()[event]).filter((e) => e.args.length > 0 || !clientEventSchemas[event].safeParse(undefined).success);
    expect(budgetFits(emits)).toBe(true);
    expect(await runBatch(event, emits)).toEqual([]);
  }, 300_000);
});

it("a message over socket.io's size limit closes that connection only; the server and the other connections carry on", async () => {
  const { socket } = await connectRoom(server.origin, senders.pop()!, sockets);
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  socket.emit("doc:update", { documentId: world.documentId, update: "A".repeat(1_100_000) });
  expect(await closed).toBe("transport close");
  expect(((await watcher.socket.timeout(ANSWER_WITHIN_MS).emitWithAck("session:whoami", {})) as Reply).ok).toBe(true);
  expect(await healthProblems(server, 0)).toEqual([]);
});

it("JSON nested 10,000 deep in a packet with binary parts closes that connection only; the server carries on", async () => {
  const { socket } = await connectRoom(server.origin, senders.pop()!, sockets);
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  emitRaw(socket, "doc:join", [{ ...validPayloads()["doc:join"], documentId: new RawJson(nestedJson(10_000)) }]);
  expect(await closed).toBe("transport close");
  expect(((await watcher.socket.timeout(ANSWER_WITHIN_MS).emitWithAck("session:whoami", {})) as Reply).ok).toBe(true);
  expect(await healthProblems(server, 0)).toEqual([]);
});

it("after all of it: the stored text, the group's presence and every row are as before, the server well", async () => {
  expect(await healthProblems(server, 0)).toEqual([]);
  expect(storedText()).toBe(initialText);
  const rejoined = await watcher.socket.timeout(ANSWER_WITHIN_MS).emitWithAck("group:join", validPayloads()["group:join"]);
  const presenceAfter = (rejoined as { data: { people: unknown } }).data.people;
  expect(presenceAfter).toEqual(presenceBefore);
  const after = await settledSnapshot(db);
  // A valid resend of the document's first state may be logged again (and folded); nothing else may change.
  expect(forbiddenChanges(db, before, after, world.seeds, ["doc_updates", "doc_snapshots", "document_contents"]).map(describeChange)).toEqual([]);
});
