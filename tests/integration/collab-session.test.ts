import { io } from "socket.io-client";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CollabSession } from "../../app/documents/collab-session.client";
import { createDocument } from "../../app/models/document.server";
import { createGroup } from "../../app/models/group.server";
import type { ClientSocket } from "../../app/realtime/socket-context";
import Database from "better-sqlite3";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalServer } from "../setup/portal-server";
import { DocClient, until } from "../setup/yjs-client";

/** The browser's co-editing session (app/documents/collab-session.client.ts) against the real server. */
let server: PortalServer;
const cookie: Record<string, string> = {};
let documentId = 0;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    mod: await createTestUser("member", "Mia Session-Moderation"),
    ada: await createTestUser("member", "Ada Sitzung"),
    observer: await createTestUser("observer", "Olaf Sitzung-Beobachtung"),
  };
  const group = createGroup(
    { title: "Session", slug: `session-${Date.now().toString(36)}`, loge: null, description: "Gruppe für Sitzungs-Tests", goals: "", visibility: "intern" },
    users.mod.id,
  );
  const db = new Database(server.dbPath);
  db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(group.id, users.ada.id, Date.now());
  db.close();
  documentId = createDocument(group.id, { title: "Empfehlung Sitzung", kind: "empfehlung" }, users.mod.id).id;
  const http = await signInAll(server.origin, users);
  for (const name of Object.keys(users)) cookie[name] = http[name].cookie!;
});
afterAll(async () => {
  for (const c of cleanup.reverse()) c();
  closeDb();
  await server?.stop();
});

function socketOf(who: string): ClientSocket {
  const socket = io(server.origin, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: server.origin, cookie: cookie[who] },
  }) as unknown as ClientSocket;
  cleanup.push(() => socket.disconnect());
  return socket;
}

/** The text of the document's first paragraph (XmlFragment "inhalt" → paragraph → XmlText, as the editor keeps it). */
function paragraphText(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment("inhalt").get(0) as Y.XmlElement).get(0) as Y.XmlText;
}
const textOf = (doc: Y.Doc) => (doc.getXmlFragment("inhalt").length ? paragraphText(doc).toString() : "");

function session(who: string, name: string) {
  const s = new CollabSession(socketOf(who), documentId, { name, color: "#1f5e99" });
  cleanup.push(() => s.destroy());
  return s;
}

describe("CollabSession (browser client)", () => {
  it("joins on connect, sends local changes, keeps unacknowledged ones over a reconnect", async () => {
    const mia = session("mod", "Mia Session-Moderation");
    await until(() => mia.getState().status === "synced", 3000, "synced");
    expect(mia.getState().readOnly).toBe(false);

    const watcher = new DocClient(server.origin, cookie.ada, documentId);
    cleanup.push(() => watcher.close());
    expect(await watcher.join()).toEqual({ ok: true });

    // Where the editor keeps its text: the fragment "inhalt", a paragraph, its text.
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Eins")]);
    mia.doc.getXmlFragment("inhalt").insert(0, [paragraph]);
    await until(() => textOf(watcher.doc) === "Eins", 3000, "watcher sees Eins");
    await until(() => mia.getState().pending === 0, 3000, "acknowledged");

    // Offline: the change waits in the list …
    const socket = (mia as unknown as { socket: ClientSocket }).socket;
    socket.disconnect();
    await until(() => mia.getState().status === "offline", 3000, "offline");
    paragraphText(mia.doc).insert(4, " Zwei");
    expect(mia.getState().pending).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(textOf(watcher.doc)).toBe("Eins");

    // … and is sent after the reconnect (join first, then the pending updates).
    socket.connect();
    await until(() => textOf(watcher.doc) === "Eins Zwei", 5000, "watcher sees the offline change");
    await until(() => mia.getState().pending === 0 && mia.getState().status === "synced", 5000, "all acknowledged");

    // Remote changes arrive with origin "remote" and are not echoed back as pending.
    paragraphText(watcher.doc).insert(0, "> ");
    await until(() => textOf(mia.doc) === "> Eins Zwei", 3000, "remote applied");
    expect(mia.getState().pending).toBe(0);
  });

  it("relays awareness both ways and removes the caret on leave; an observer is read-only", async () => {
    const one = session("mod", "Mia Session-Moderation");
    const two = session("ada", "Ada Sitzung");
    await until(() => one.getState().status === "synced" && two.getState().status === "synced", 3000, "both synced");
    // The newcomer announces itself, the other answers at once.
    await until(() => one.awareness.getStates().get(two.doc.clientID)?.user?.name === "Ada Sitzung", 3000, "one sees Ada");
    await until(() => two.awareness.getStates().get(one.doc.clientID)?.user?.name === "Mia Session-Moderation", 3000, "two sees Mia");
    two.destroy();
    await until(() => !one.awareness.getStates().has(two.doc.clientID), 3000, "Ada left");

    const observer = session("observer", "Olaf");
    await until(() => observer.getState().status !== "connecting", 3000, "observer joined");
    expect(observer.getState()).toMatchObject({ status: "synced", readOnly: true });
  });

  it("after a reconnect the others see the person again at once (not only at the next awareness renewal)", async () => {
    const one = session("mod", "Mia Session-Moderation");
    const two = session("ada", "Ada Sitzung");
    await until(() => one.awareness.getStates().get(two.doc.clientID)?.user?.name === "Ada Sitzung", 3000, "one sees Ada");
    const socket = (two as unknown as { socket: ClientSocket }).socket;
    socket.disconnect();
    await until(() => !one.awareness.getStates().has(two.doc.clientID), 3000, "Ada gone for one");
    socket.connect();
    await until(() => two.getState().status === "synced", 3000, "Ada back");
    // The server removed Ada's state at her old clock; the same clock again would be ignored.
    await until(() => one.awareness.getStates().get(two.doc.clientID)?.user?.name === "Ada Sitzung", 3000, "one sees Ada again");
  });
});
