import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDocument } from "../../app/models/document.server";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";
import { DocClient, until } from "../setup/yjs-client";

/*
 * Rights changes × open rooms (issue 18, finding 2). For each change that can
 * alter someone's rights, a person has a document of the group and the
 * group's live room open on one socket; an actor makes the change over HTTP,
 * as the pages do. Within 1 s of the change the socket must be downgraded
 * (doc:mode read-only) or closed (doc:closed, group:closed, or the whole
 * session ended), and an update sent after the change must be refused.
 * Each case has a group of its own, so the cases do not touch each other.
 */

type Outcome = "read-only" | "closed" | "ended" | "unchanged";
type Who = "member" | "moderation" | "outsider" | "observer" | "granted" | "admin2";
type Case = {
  name: string;
  visibility: "intern" | "vertraulich";
  /** Whose socket is watched. */
  subject: Who;
  /** What the subject may do before the change. */
  before: "write" | "read";
  /** The change, made over HTTP by the right actor. */
  change: (c: Ctx) => Promise<Response>;
  expect: Outcome;
};
type Ctx = { slug: string; groupId: number; documentId: number; subjectId: number };

const YEAR = "2027";
let server: PortalServer;
const http: Record<string, PortalClient> = {};
const ids: Record<string, number> = {};
const clients: DocClient[] = [];

const edit = (c: Ctx, fields: Record<string, string>) =>
  http.admin.post(`/gruppen/${c.slug}/bearbeiten`, {
    title: `Rechte ${c.slug}`,
    slug: c.slug,
    loge: "",
    description: "Gruppe für den Test der Rechteänderungen.",
    goals: "",
    ...fields,
  });
const overview = (actor: string, c: Ctx, fields: Record<string, string>) => http[actor].post(`/gruppen/${c.slug}?index`, fields);
const documentAction = (c: Ctx, fields: Record<string, string>) => http.moderation.post(`/gruppen/${c.slug}/dokumente/${c.documentId}`, fields);

const cases: Case[] = [
  {
    name: "an intern group made vertraulich closes it for someone outside the group",
    visibility: "intern",
    subject: "outsider",
    before: "read",
    change: (c) => edit(c, { visibility: "vertraulich" }),
    expect: "closed",
  },
  {
    name: "an archived group turns its open documents read-only",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: (c) => http.admin.post(`/gruppen/${c.slug}/bearbeiten`, { intent: "status", status: "archiviert" }),
    expect: "read-only",
  },
  {
    name: "a member removed from an intern group keeps reading, no longer writing",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: (c) => overview("moderation", c, { intent: "remove-member", userId: String(c.subjectId) }),
    expect: "read-only",
  },
  {
    name: "a member removed from a vertraulich group loses the document and the room",
    visibility: "vertraulich",
    subject: "member",
    before: "write",
    change: (c) => overview("moderation", c, { intent: "remove-member", userId: String(c.subjectId) }),
    expect: "closed",
  },
  {
    name: "a member who leaves a vertraulich group loses it in their other tabs",
    visibility: "vertraulich",
    subject: "member",
    before: "write",
    change: (c) => overview("member", c, { intent: "leave" }),
    expect: "closed",
  },
  {
    name: "a group role changed from moderation to member keeps writing",
    visibility: "vertraulich",
    subject: "moderation",
    before: "write",
    change: async (c) => {
      // A group keeps one moderation at least: the member becomes one first.
      const promoted = await overview("admin", c, { intent: "set-role", userId: String(ids.caseMember), role: "moderation" });
      expect(promoted.status).toBe(200);
      return overview("admin", c, { intent: "set-role", userId: String(c.subjectId), role: "member" });
    },
    expect: "unchanged",
  },
  {
    name: "an observer grant taken back closes the vertraulich group",
    visibility: "vertraulich",
    subject: "granted",
    before: "read",
    change: (c) => overview("moderation", c, { intent: "revoke-observer", userId: String(c.subjectId) }),
    expect: "closed",
  },
  {
    name: "an admin made a plain member loses the vertraulich group they are not in",
    visibility: "vertraulich",
    subject: "admin2",
    before: "read",
    change: (c) => http.admin.post("/verwaltung/benutzer", { intent: "set-role", userId: String(c.subjectId), role: "member" }),
    expect: "closed",
  },
  {
    name: "a member made an observer keeps reading, no longer writing",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: (c) => http.admin.post("/verwaltung/benutzer", { intent: "set-role", userId: String(c.subjectId), role: "observer" }),
    expect: "read-only",
  },
  {
    name: "a deactivated member's session ends",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: (c) => http.admin.post("/verwaltung/benutzer", { intent: "deactivate", userId: String(c.subjectId) }),
    expect: "ended",
  },
  {
    name: "signing out ends the session's sockets",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: () => http.member.post("/abmelden", {}),
    expect: "ended",
  },
  {
    name: "a document decided (Beschlossen) turns read-only",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: async (c) => {
      const first = await documentAction(c, { intent: "status", status: "in_konsultation", comment: "Zur Konsultation freigegeben." });
      expect(first.status).toBe(200);
      return documentAction(c, { intent: "status", status: "beschlossen", comment: "In der Sitzung beschlossen." });
    },
    expect: "read-only",
  },
  {
    name: "a deleted document closes",
    visibility: "intern",
    subject: "member",
    before: "write",
    change: (c) => documentAction(c, { intent: "delete" }),
    expect: "closed",
  },
];

/** Users are made anew for each case: some cases end sessions, change roles or deactivate. */
async function peopleFor(index: number) {
  const made = {
    moderation: await createTestUser("member", `Mona Moderation ${index}`),
    member: await createTestUser("member", `Max Mitglied ${index}`),
    outsider: await createTestUser("member", `Olaf Außen ${index}`),
    observer: await createTestUser("observer", `Oda Beobachtung ${index}`),
    granted: await createTestUser("observer", `Gero Freigabe ${index}`),
    admin2: await createTestUser("admin", `Ada Administration ${index}`),
  };
  return made;
}

beforeAll(async () => {
  server = await startPortalWithModels();
  const admin = await createTestUser("admin", "Petra Prüfung");
  Object.assign(http, await signInAll(server.origin, { admin }));
  ids.admin = admin.id;
});

afterAll(async () => {
  for (const c of clients) c.close();
  closeDb();
  await server?.stop();
});

/** A group with a moderation, a member and an observer grant, its document, and everyone signed in. */
async function setUp(index: number, visibility: "intern" | "vertraulich") {
  const people = await peopleFor(index);
  const slug = `rechte-${index}-${Date.now().toString(36)}`;
  const group = createGroup({ title: `Rechte ${slug}`, slug, loge: null, description: "Gruppe für den Test der Rechteänderungen.", goals: "", visibility }, people.moderation.id);
  const db = new Database(server.dbPath);
  db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(group.id, people.member.id, Date.now());
  db.prepare("INSERT INTO group_observer_grants (group_id, user_id, granted_by, created_at) VALUES (?, ?, ?, ?)").run(group.id, people.granted.id, people.moderation.id, Date.now());
  db.close();
  const documentId = createDocument(group.id, { title: `Empfehlung ${YEAR}`, kind: "empfehlung" }, people.moderation.id).id;
  const signedIn = await signInAll(server.origin, people);
  Object.assign(http, signedIn);
  ids.caseMember = people.member.id;
  return { people, ctx: { slug, groupId: group.id, documentId } };
}

/** The subject's socket: the document joined, the group's room joined, and everything the server says recorded. */
async function openBoth(cookie: string, ctx: { groupId: number; documentId: number }) {
  const client = new DocClient(server.origin, cookie, ctx.documentId);
  clients.push(client);
  const seen = { groupClosed: [] as unknown[], ended: [] as string[], disconnected: false, updates: 0 };
  client.socket.on("group:closed", (e: unknown) => seen.groupClosed.push(e));
  client.socket.on("session:ended", ({ reason }: { reason: string }) => seen.ended.push(reason));
  client.socket.on("disconnect", () => (seen.disconnected = true));
  client.socket.on("doc:update", () => (seen.updates += 1));
  expect(await client.join()).toEqual({ ok: true });
  expect(await client.socket.emitWithAck("group:join", { groupId: ctx.groupId, where: { area: "dokumente", documentId: ctx.documentId } })).toMatchObject({ ok: true });
  return { client, seen };
}

/** A paragraph with text, as the editor keeps it (XmlFragment "inhalt"). */
function typeInto(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("inhalt").insert(doc.getXmlFragment("inhalt").length, [paragraph]);
}

/** Sends one change by hand (not through the client's own listener) and returns the server's answer. */
async function sendChange(client: DocClient, text: string) {
  const before = Y.encodeStateVector(client.doc);
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(client.doc));
  typeInto(scratch, text);
  return client.send(Y.encodeStateAsUpdate(scratch, before));
}

describe("rights changes reach open documents and group rooms within 1 s", () => {
  cases.forEach((c, index) => {
    it(c.name, async () => {
      const { people, ctx: base } = await setUp(index, c.visibility);
      const subjectId = people[c.subject].id;
      const ctx: Ctx = { ...base, subjectId };
      // In the "leave" case the member leaves with their own page; "member" in http is this case's member.
      const { client, seen } = await openBoth(http[c.subject].cookie!, ctx);
      expect(client.readOnly).toBe(c.before === "read");

      const response = await c.change(ctx);
      expect(response.status, await response.clone().text()).toBeLessThan(400);
      // The server decides before it answers the change; 1 s is what the issue allows for the message to arrive.
      const arrived = Date.now();
      const within = (check: () => boolean, label: string) => until(check, 1000, `${label} within 1 s of the change`);

      if (c.expect === "read-only") {
        await within(() => client.modes.includes(true), "doc:mode read-only");
        expect(await sendChange(client, "Nach der Änderung")).toMatchObject({ ok: false, error: "read_only" });
      } else if (c.expect === "closed") {
        await within(() => client.closed.length === 1, "doc:closed");
        expect(client.closed).toEqual(["no_access"]);
        if (c.name.includes("deleted document")) {
          // The group stays readable; only the document went.
          expect(seen.groupClosed).toEqual([]);
        } else {
          await within(() => seen.groupClosed.length === 1, "group:closed");
        }
        expect(await sendChange(client, "Nach der Änderung")).toMatchObject({ ok: false, error: "not_joined" });
        expect(client.socket.connected).toBe(true);
      } else if (c.expect === "ended") {
        await within(() => seen.disconnected, "the socket closed");
        expect(seen.ended.length).toBe(1);
      } else {
        // Decided again and nothing changed: still open and writable.
        expect(await sendChange(client, "Weiter mit Schreibrecht")).toMatchObject({ ok: true });
        expect(client.modes).toEqual([]);
        expect(client.closed).toEqual([]);
        expect(seen.groupClosed).toEqual([]);
      }
      expect(Date.now() - arrived).toBeLessThan(1000);

      if (c.expect === "closed" || c.expect === "ended") {
        // Nothing of the document reaches the subject any more: the moderation types on.
        const writer = new DocClient(server.origin, http.moderation.cookie!, ctx.documentId);
        clients.push(writer);
        if (!c.name.includes("deleted document")) {
          expect(await writer.join()).toEqual({ ok: true });
          const received = seen.updates;
          expect(await sendChange(writer, "Vertraulicher Text nach der Änderung")).toMatchObject({ ok: true });
          // The writer's ack comes after the relay to the document's room: a relay to the subject would be here by now.
          await new Promise((r) => setTimeout(r, 100));
          expect(seen.updates).toBe(received);
        }
      }
    });
  });
});

describe("updates are judged by the rights of now, not those of the join", () => {
  it("an update after a change the live layer was not told of is refused once any rights change moved the epoch", async () => {
    const { people, ctx } = await setUp(100, "intern");
    const { client } = await openBoth(http.member.cookie!, ctx);
    expect(client.readOnly).toBe(false);
    // Archived behind the portal's back: no event, so no re-check reaches the socket.
    const db = new Database(server.dbPath);
    db.prepare("UPDATE groups SET status = 'archiviert' WHERE id = ?").run(ctx.groupId);
    db.close();
    // Any rights change elsewhere moves the epoch: the next update of every socket is decided again.
    expect((await http.admin.post("/verwaltung/benutzer", { intent: "set-role", userId: String(people.outsider.id), role: "observer" })).status).toBe(200);
    expect(await sendChange(client, "Trotz Archiv")).toMatchObject({ ok: false, error: "read_only" });
    await until(() => client.modes.includes(true), 1000, "doc:mode read-only");
  });
});
