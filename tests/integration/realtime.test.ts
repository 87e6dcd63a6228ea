import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

let server: PortalServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startPortal();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

function connect(headers: Record<string, string>): Socket {
  const socket = io(server.origin, { transports: ["websocket"], reconnection: false, extraHeaders: headers, forceNew: true });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket): Promise<"connected" | string> {
  return new Promise((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (e) => resolve(e.message));
  });
}

async function loggedIn(email: string) {
  const client = new PortalClient(server.origin);
  await client.login(email, DEMO_PASSWORD);
  return client;
}

describe("socket.io handshake", () => {
  it("refuses a connection without a session cookie", async () => {
    expect(await outcome(connect({ origin: server.origin }))).toBe("unauthorized");
  });

  it("refuses a forged cookie", async () => {
    expect(await outcome(connect({ origin: server.origin, cookie: `ag_session=${"a".repeat(24)}.${"b".repeat(24)}` }))).toBe("unauthorized");
  });

  it("accepts the session cookie from the portal's origin and knows the user", async () => {
    const client = await loggedIn("jonas.weber@ag-portal.test");
    const socket = connect({ origin: server.origin, cookie: client.cookie! });
    expect(await outcome(socket)).toBe("connected");
    const reply = await socket.emitWithAck("session:whoami", {});
    expect(reply).toEqual({ ok: true, data: { userId: expect.any(Number), displayName: "Jonas Weber" } });
    // The payload is optional: without it the answer still comes (the ack is not taken for the payload).
    expect(await socket.timeout(2000).emitWithAck("session:whoami" as never)).toEqual(reply);
  });

  it("refuses a valid cookie from a foreign origin", async () => {
    const client = await loggedIn("jonas.weber@ag-portal.test");
    expect(await outcome(connect({ origin: "https://evil.example", cookie: client.cookie! }))).toBe("forbidden_origin");
  });
});

describe("socket events", () => {
  it("refuses unknown events and bad payloads with an error, and keeps the connection", async () => {
    const client = await loggedIn("anna.schmidt@ag-portal.test");
    const socket = connect({ origin: server.origin, cookie: client.cookie! });
    expect(await outcome(socket)).toBe("connected");
    const errors: { code: string; message: string }[] = [];
    socket.on("portal:error", (e) => errors.push(e));
    socket.emit("doc:delete-everything", { id: 1 });
    const bad = await socket.emitWithAck("session:whoami", { admin: true });
    expect(bad).toMatchObject({ ok: false, error: "invalid_payload" });
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).toEqual([{ code: "unknown_event", message: expect.stringContaining("Unbekannte"), event: "doc:delete-everything" }]);
    expect(socket.connected).toBe(true);
    expect((await socket.emitWithAck("session:whoami", {})).ok).toBe(true);
  });

  it("refuses join and update events sent without an acknowledgement callback, and keeps serving", async () => {
    // A valid group and document of Anna's: the payloads pass the schema, only the ack is missing.
    const db = new Database(server.dbPath, { readonly: true });
    const row = db
      .prepare(
        `SELECT d.id AS documentId, d.group_id AS groupId FROM documents d
         JOIN group_members m ON m.group_id = d.group_id JOIN users u ON u.id = m.user_id
         WHERE u.email = ? AND d.deleted_at IS NULL LIMIT 1`,
      )
      .get("anna.schmidt@ag-portal.test") as { documentId: number; groupId: number };
    db.close();
    const client = await loggedIn("anna.schmidt@ag-portal.test");
    const socket = connect({ origin: server.origin, cookie: client.cookie! });
    expect(await outcome(socket)).toBe("connected");
    const errors: { code: string; event: string }[] = [];
    socket.on("portal:error", (e) => errors.push(e));
    socket.emit("group:join", { groupId: row.groupId, where: { area: "ueberblick" } });
    socket.emit("doc:join", { documentId: row.documentId, stateVector: new Uint8Array([0]) });
    socket.emit("doc:update", { documentId: row.documentId, update: new Uint8Array([0, 0]) });
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.map((e) => [e.event, e.code])).toEqual([
      ["group:join", "ack_required"],
      ["doc:join", "ack_required"],
      ["doc:update", "ack_required"],
    ]);
    expect(socket.connected).toBe(true);
    expect((await socket.emitWithAck("session:whoami", {})).ok).toBe(true);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  });

  it("rate-limits a flood of events per person, across all their sockets, without dropping the connections", async () => {
    // Nobody else in this file uses the observer's budget.
    const client = await loggedIn("beobachtung@ag-portal.test");
    const first = connect({ origin: server.origin, cookie: client.cookie! });
    const second = connect({ origin: server.origin, cookie: client.cookie! });
    expect(await Promise.all([outcome(first), outcome(second)])).toEqual(["connected", "connected"]);
    // 130 from each socket: one budget of 200 for the person, not 200 per socket.
    const flood = (socket: Socket) => Array.from({ length: 130 }, () => socket.emitWithAck("session:whoami", {}));
    const replies = await Promise.all([...flood(first), ...flood(second)]);
    const limited = replies.filter((r) => !r.ok && r.error === "rate_limited");
    expect(replies.filter((r) => r.ok).length).toBe(200);
    expect(limited.length).toBe(60);
    expect(first.connected && second.connected).toBe(true);
  });
});

describe("ending sessions closes sockets", () => {
  it("closes the socket of a user the admin deactivates within 1 s", async () => {
    const admin = await loggedIn("admin@ag-portal.test");
    const member = await loggedIn("jonas.weber@ag-portal.test");
    const socket = connect({ origin: server.origin, cookie: member.cookie! });
    expect(await outcome(socket)).toBe("connected");
    const { data } = (await socket.emitWithAck("session:whoami", {})) as { data: { userId: number } };

    const ended = new Promise<{ reason: string }>((resolve) => socket.once("session:ended", resolve));
    const closed = new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now())));
    const start = Date.now();
    const res = await admin.post("/verwaltung/benutzer", { intent: "deactivate", userId: String(data.userId) });
    expect(res.status).toBe(200);
    expect((await ended).reason).toBe("deactivated");
    expect((await closed) - start).toBeLessThan(1000);

    // The old cookie is dead, and a new socket is refused.
    expect((await member.get("/konto/sitzungen")).status).toBe(302);
    expect(await outcome(connect({ origin: server.origin, cookie: member.cookie! }))).toBe("unauthorized");
    // Reactivated, the person can log in again.
    await admin.post("/verwaltung/benutzer", { intent: "reactivate", userId: String(data.userId) });
    await loggedIn("jonas.weber@ag-portal.test");
  });

  it("closes only the socket of the session that logs out", async () => {
    const tab = await loggedIn("moderation@ag-portal.test");
    const other = await loggedIn("moderation@ag-portal.test");
    const s1 = connect({ origin: server.origin, cookie: tab.cookie! });
    const s2 = connect({ origin: server.origin, cookie: other.cookie! });
    // Listen on both before waiting on either: s2 may connect while s1 is awaited.
    const [o1, o2] = await Promise.all([outcome(s1), outcome(s2)]);
    expect(o1).toBe("connected");
    expect(o2).toBe("connected");
    const closed = new Promise((resolve) => s1.once("disconnect", resolve));
    await tab.post("/abmelden", {});
    await closed;
    await new Promise((r) => setTimeout(r, 100));
    expect(s2.connected).toBe(true);
  });
});
