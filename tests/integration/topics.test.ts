import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { seedTopics } from "../../db/seed-topics";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Topic intake "Wie weiter?" against the real server: proposing, support,
 * comments, and the moderation's triage with its state machine, including
 * the working group an accepted proposal becomes.
 */

let server: PortalServer;
let db: Database.Database;
const clients: Record<"admin" | "moderator" | "anna" | "jonas" | "observer" | "anonymous", PortalClient> = {} as never;
const emails = {
  admin: "admin@ag-portal.test",
  moderator: "moderation@ag-portal.test",
  anna: "anna.schmidt@ag-portal.test",
  jonas: "jonas.weber@ag-portal.test",
  observer: "beobachtung@ag-portal.test",
} as const;

beforeAll(async () => {
  server = await startPortal();
  for (const [name, email] of Object.entries(emails)) {
    const client = new PortalClient(server.origin);
    await client.login(email, DEMO_PASSWORD);
    clients[name as keyof typeof emails] = client;
  }
  clients.anonymous = new PortalClient(server.origin);
  db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

let counter = 0;
/** Proposes a topic with a unique title and returns its id. */
async function propose(client: PortalClient, fields: Record<string, string> = {}) {
  counter += 1;
  const res = await client.post("/themen/neu", {
    title: `Testthema ${counter}: Digitale Bauakte`,
    description: "Wie bringen wir die Bauakte in allen Landkreisen in eine digitale Form?",
    ...fields,
  });
  expect(res.status, await res.clone().text()).toBe(302);
  const match = /^\/themen\/(\d+)$/.exec(res.headers.get("location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const proposalRow = (id: number) =>
  db.prepare("select status, reason, group_id as groupId from topic_proposals where id = ?").get(id) as {
    status: string;
    reason: string | null;
    groupId: number | null;
  };
const transitionCount = (id: number) =>
  (db.prepare("select count(*) as n from topic_transitions where proposal_id = ?").get(id) as { n: number }).n;
const userId = (email: string) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id;
const triage = (client: PortalClient, id: number, fields: Record<string, string>) =>
  client.post(`/themen/${id}`, { intent: "triage", ...fields });

describe("pages and who may open them", () => {
  it.each(["admin", "moderator", "anna", "observer"] as const)("%s sees /themen and /themen/neu", async (who) => {
    const list = await clients[who].get("/themen");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Wie weiter?");
    expect(html).toContain('href="/themen/neu"');
    expect((await clients[who].get("/themen/neu")).status).toBe(200);
  });

  it("sends signed-out visitors to the login, for pages and forms", async () => {
    for (const path of ["/themen", "/themen/neu", "/themen/1"]) {
      const res = await clients.anonymous.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toContain("/anmelden?redirectTo=");
    }
    const before = (db.prepare("select count(*) as n from topic_proposals").get() as { n: number }).n;
    const res = await clients.anonymous.post("/themen/neu", { title: "Anonym", description: "Ein Vorschlag ohne Anmeldung" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/anmelden");
    expect((db.prepare("select count(*) as n from topic_proposals").get() as { n: number }).n).toBe(before);
  });

  it.each(["/themen/abc", "/themen/0", "/themen/999999", "/themen/1.5", "/themen/-3", "/themen/99999999999999999999"])(
    "answers %s with a German 404",
    async (path) => {
      const res = await clients.anna.get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("Diesen Themenvorschlag gibt es nicht.");
      const post = await clients.anna.post(path, { intent: "comment", body: "Hallo" });
      expect(post.status).toBe(404);
    },
  );
});

describe("proposing a topic", () => {
  it("a member proposes with all fields; the page shows it as Neu", async () => {
    const id = await propose(clients.anna, {
      title: "Barrierefreie PDF-Formulare in Fachverfahren",
      loge: "Onlinezugangsgesetz in Land und Kommunen",
      wantsToParticipate: "on",
    });
    const html = await (await clients.jonas.get(`/themen/${id}`)).text();
    expect(html).toContain("<h1");
    expect(html).toContain("Barrierefreie PDF-Formulare in Fachverfahren");
    expect(html).toContain("Onlinezugangsgesetz in Land und Kommunen");
    expect(html).toContain("Vorgeschlagen von Anna Schmidt");
    expect(html).toMatch(/kern-badge[^"]*"><span class="kern-label">Neu</);
    const row = db.prepare("select loge, wants_to_participate as w, proposer_id as p from topic_proposals where id = ?").get(id) as Record<string, unknown>;
    expect(row).toEqual({ loge: "Onlinezugangsgesetz in Land und Kommunen", w: 1, p: userId(emails.anna) });
  });

  it("an observer may propose, too", async () => {
    const id = await propose(clients.observer);
    expect(proposalRow(id).status).toBe("neu");
  });

  it.each([
    [{ title: "", description: "" }, ["Bitte geben Sie einen Titel ein.", "Bitte beschreiben Sie das Thema."]],
    [{ title: "ab", description: "zu kurz" }, ["mindestens 3 Zeichen", "mindestens 10 Zeichen"]],
    [{ title: "x".repeat(151), description: "y".repeat(4001) }, ["höchstens 150 Zeichen", "höchstens 4000 Zeichen"]],
    [{ title: "Gültiger Titel", description: "Eine gültige Beschreibung", loge: "Erfundene Loge" }, ["Loge aus der Liste"]],
  ])("refuses %j with 400 and German field errors, creating nothing", async (fields, messages) => {
    const before = (db.prepare("select count(*) as n from topic_proposals").get() as { n: number }).n;
    const res = await clients.anna.post("/themen/neu", fields as Record<string, string>);
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const m of messages) expect(html).toContain(m);
    expect(html).toContain('aria-invalid="true"');
    expect((db.prepare("select count(*) as n from topic_proposals").get() as { n: number }).n).toBe(before);
  });
});

describe("support: one toggle per person", () => {
  it("supporting twice takes the support back; the button shows the state with aria-pressed", async () => {
    const id = await propose(clients.anna);
    const supports = () => db.prepare("select user_id as u, wants_to_participate as w from topic_supports where proposal_id = ?").all(id);

    const first = await clients.jonas.post(`/themen/${id}`, { intent: "support", wantsToParticipate: "on" });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("Ihre Unterstützung wurde gespeichert.");
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain("Sie unterstützen diesen Vorschlag und möchten mitarbeiten.");
    expect(supports()).toEqual([{ u: userId(emails.jonas), w: 1 }]);

    const second = await clients.jonas.post(`/themen/${id}`, { intent: "support" });
    expect(second.status).toBe(200);
    const after = await second.text();
    expect(after).toContain("Ihre Unterstützung wurde zurückgezogen.");
    expect(after).toContain('aria-pressed="false"');
    expect(supports()).toEqual([]);

    // Each person counts once.
    await clients.jonas.post(`/themen/${id}`, { intent: "support" });
    await clients.admin.post(`/themen/${id}`, { intent: "support" });
    expect(supports()).toHaveLength(2);
    expect(await (await clients.anna.get(`/themen/${id}`)).text()).toContain("2 Personen unterstützen diesen Vorschlag.");
  });

  it("the list's button toggles too, and refuses malformed or unknown ids", async () => {
    const id = await propose(clients.anna);
    const res = await clients.observer.post("/themen", { intent: "support", proposalId: String(id) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Ihre Unterstützung wurde gespeichert.");
    expect(db.prepare("select count(*) as n from topic_supports where proposal_id = ?").get(id)).toEqual({ n: 1 });
    expect((await clients.observer.post("/themen", { intent: "support", proposalId: "abc" })).status).toBe(400);
    expect((await clients.observer.post("/themen", { intent: "support", proposalId: "999999" })).status).toBe(404);
  });

  it("sorts by support and by newest (?sortierung=), and filters by status", async () => {
    const older = await propose(clients.anna, { title: "Sortiertest älter, viel Unterstützung" });
    const newer = await propose(clients.anna, { title: "Sortiertest neuer, keine Unterstützung" });
    for (const who of ["jonas", "admin", "moderator", "observer"] as const) {
      await clients[who].post(`/themen/${older}`, { intent: "support" });
    }
    const position = (html: string, title: string) => html.indexOf(title);
    const bySupport = await (await clients.anna.get("/themen?sortierung=unterstuetzung")).text();
    expect(position(bySupport, "Sortiertest älter")).toBeLessThan(position(bySupport, "Sortiertest neuer"));
    const byNewest = await (await clients.anna.get("/themen?sortierung=neu")).text();
    expect(position(byNewest, "Sortiertest neuer")).toBeLessThan(position(byNewest, "Sortiertest älter"));
    expect(byNewest).toMatch(/<a[^>]*aria-current="true"[^>]*>(<strong>)?Neueste zuerst/);
    // An unknown order falls back to support; the default is support.
    expect((await clients.anna.get("/themen?sortierung=quatsch")).status).toBe(200);

    await triage(clients.moderator, newer, { to: "abgelehnt", reason: "Nur für den Filtertest" });
    const rejected = await (await clients.anna.get("/themen?status=abgelehnt")).text();
    expect(rejected).toContain("Sortiertest neuer");
    expect(rejected).not.toContain("Sortiertest älter");
  });
});

describe("comments", () => {
  it("shows a comment with author and date; refuses empty and too long ones", async () => {
    const id = await propose(clients.anna);
    const res = await clients.jonas.post(`/themen/${id}`, { intent: "comment", body: "Das kennen wir aus Jena <gut>." });
    expect(res.status).toBe(200);
    const html = await (await clients.anna.get(`/themen/${id}`)).text();
    expect(html).toContain("Das kennen wir aus Jena &lt;gut&gt;.");
    expect(html).toMatch(/Jonas Weber(<!-- -->)?, <time datetime="\d{4}-\d\d-\d\dT/i);

    const empty = await clients.jonas.post(`/themen/${id}`, { intent: "comment", body: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Bitte geben Sie einen Kommentar ein.");
    const long = await clients.jonas.post(`/themen/${id}`, { intent: "comment", body: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("höchstens 2000 Zeichen");
    expect(db.prepare("select count(*) as n from topic_comments where proposal_id = ?").get(id)).toEqual({ n: 1 });
  });

  it("answers an unknown intent with 400", async () => {
    const id = await propose(clients.anna);
    expect((await clients.anna.post(`/themen/${id}`, { intent: "loeschen" })).status).toBe(400);
  });
});

describe("triage by the moderation", () => {
  it("members and observers may not triage: 403, nothing changed", async () => {
    const id = await propose(clients.anna);
    for (const who of ["anna", "jonas", "observer"] as const) {
      const res = await triage(clients[who], id, { to: "in_pruefung" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Kein Zugriff");
    }
    expect(proposalRow(id).status).toBe("neu");
    expect(transitionCount(id)).toBe(0);
    // Nor do they see the panel.
    expect(await (await clients.anna.get(`/themen/${id}`)).text()).not.toContain("Moderation: Vorschlag einordnen");
    expect(await (await clients.moderator.get(`/themen/${id}`)).text()).toContain("Moderation: Vorschlag einordnen");
  });

  it("neu → in_pruefung is recorded with who, when and why", async () => {
    const id = await propose(clients.anna);
    const res = await triage(clients.moderator, id, { to: "in_pruefung", reason: "Wird mit der Loge abgestimmt" });
    expect(res.status).toBe(200);
    expect(proposalRow(id).status).toBe("in_pruefung");
    const row = db.prepare("select from_status as f, to_status as t, actor_id as a, reason as r, created_at as c from topic_transitions where proposal_id = ?").get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ f: "neu", t: "in_pruefung", a: userId(emails.moderator), r: "Wird mit der Loge abgestimmt" });
    expect(Math.abs(Number(row.c) - Date.now())).toBeLessThan(60_000);
    const html = await (await clients.anna.get(`/themen/${id}`)).text();
    expect(html).toContain("Neu → In Prüfung");
    expect(html).toContain("durch Thomas Keller");
    expect(html).toContain("Wird mit der Loge abgestimmt");
  });

  it("abgelehnt needs a reason; the proposer sees it; support closes, comments stay open", async () => {
    const id = await propose(clients.anna);
    const missing = await triage(clients.moderator, id, { to: "abgelehnt", reason: "  " });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Bitte begründen Sie die Ablehnung.");
    expect(proposalRow(id).status).toBe("neu");
    expect(transitionCount(id)).toBe(0);

    const tooLong = await triage(clients.moderator, id, { to: "abgelehnt", reason: "x".repeat(1001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("höchstens 1000 Zeichen");

    const ok = await triage(clients.moderator, id, { to: "abgelehnt", reason: "Wird schon im IT-Planungsrat bearbeitet." });
    expect(ok.status).toBe(200);
    expect(proposalRow(id)).toMatchObject({ status: "abgelehnt", reason: "Wird schon im IT-Planungsrat bearbeitet." });
    const page = await (await clients.anna.get(`/themen/${id}`)).text();
    expect(page).toContain("Ihr Vorschlag wurde abgelehnt.");
    expect(page).toContain("Wird schon im IT-Planungsrat bearbeitet.");
    expect(page).toContain("Unterstützen ist nicht mehr möglich, kommentieren weiterhin.");
    expect(page).not.toContain('value="support"');

    const support = await clients.jonas.post(`/themen/${id}`, { intent: "support" });
    expect(support.status).toBe(409);
    expect(db.prepare("select count(*) as n from topic_supports where proposal_id = ?").get(id)).toEqual({ n: 0 });
    expect((await clients.jonas.post(`/themen/${id}`, { intent: "comment", body: "Schade, aber verständlich." })).status).toBe(200);

    // Final: no way back.
    const again = await triage(clients.moderator, id, { to: "in_pruefung" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("kann nicht in den Status");
  });

  it("angenommen opens the group, links it, invites who wants to take part, and redirects there", async () => {
    const title = "Digitale Bauakte für Landkreise";
    const id = await propose(clients.anna, { title, loge: "Behörden-Chatbots und KI in der Verwaltung", wantsToParticipate: "on" });
    await clients.jonas.post(`/themen/${id}`, { intent: "support", wantsToParticipate: "on" });
    await clients.admin.post(`/themen/${id}`, { intent: "support" });

    // Not straight from neu.
    const early = await triage(clients.moderator, id, { to: "angenommen" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Ein Vorschlag im Status „Neu“ kann nicht in den Status „Angenommen“ wechseln.");
    expect(db.prepare("select count(*) as n from groups where slug like 'digitale-bauakte%'").get()).toEqual({ n: 0 });

    expect((await triage(clients.moderator, id, { to: "in_pruefung" })).status).toBe(200);
    const res = await triage(clients.moderator, id, { to: "angenommen", reason: "Großes Interesse" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/gruppen/digitale-bauakte-fuer-landkreise");
    expect((await clients.moderator.get("/gruppen/digitale-bauakte-fuer-landkreise")).status).toBe(200);

    const group = db.prepare("select id, title, loge, description, goals, visibility, created_by as c from groups where slug = ?").get("digitale-bauakte-fuer-landkreise") as Record<string, unknown>;
    expect(group).toMatchObject({
      title,
      loge: "Behörden-Chatbots und KI in der Verwaltung",
      description: "Wie bringen wir die Bauakte in allen Landkreisen in eine digitale Form?",
      goals: "",
      visibility: "intern",
      c: userId(emails.moderator),
    });
    expect(db.prepare("select user_id as u, role from group_members where group_id = ?").all(group.id)).toEqual([
      { u: userId(emails.moderator), role: "moderation" },
    ]);
    const invited = db
      .prepare("select user_id as u, role, status, invited_by as by from group_invitations where group_id = ? order by user_id")
      .all(group.id);
    expect(invited).toEqual(
      [userId(emails.anna), userId(emails.jonas)].sort((a, b) => a - b).map((u) => ({ u, role: "member", status: "offen", by: userId(emails.moderator) })),
    );
    expect(proposalRow(id)).toMatchObject({ status: "angenommen", groupId: group.id });
    expect(db.prepare("select from_status as f, to_status as t, group_id as g from topic_transitions where proposal_id = ? order by id").all(id)).toEqual([
      { f: "neu", t: "in_pruefung", g: null },
      { f: "in_pruefung", t: "angenommen", g: group.id },
    ]);
    const page = await (await clients.anna.get(`/themen/${id}`)).text();
    expect(page).toContain("Aus diesem Vorschlag wurde eine Arbeitsgruppe eröffnet:");
    expect(page).toContain('href="/gruppen/digitale-bauakte-fuer-landkreise"');

    // Illegal afterwards: angenommen → neu, or accepting again.
    const back = await triage(clients.moderator, id, { to: "neu" });
    expect(back.status).toBe(400);
    expect(await back.text()).toContain("Ein Vorschlag im Status „Angenommen“ kann nicht in den Status „Neu“ wechseln.");
    expect((await triage(clients.moderator, id, { to: "angenommen" })).status).toBe(400);
    expect(proposalRow(id).status).toBe("angenommen");

    // The same title again gets a free slug.
    const twin = await propose(clients.jonas, { title });
    await triage(clients.moderator, twin, { to: "in_pruefung" });
    const second = await triage(clients.admin, twin, { to: "angenommen" });
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).toBe("/gruppen/digitale-bauakte-fuer-landkreise-2");
  });

  it("zusammengefuehrt needs an existing group and links it", async () => {
    const target = db.prepare("select id, slug from groups where visibility = 'intern' order by id limit 1").get() as { id: number; slug: string };
    expect(target).toBeDefined();
    const id = await propose(clients.anna);

    const none = await triage(clients.moderator, id, { to: "zusammengefuehrt" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Bitte wählen Sie die Arbeitsgruppe, mit der zusammengeführt wird.");
    const unknown = await triage(clients.moderator, id, { to: "zusammengefuehrt", groupId: "999999" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Diese Arbeitsgruppe gibt es nicht");
    expect(proposalRow(id).status).toBe("neu");
    expect(transitionCount(id)).toBe(0);

    const ok = await triage(clients.moderator, id, { to: "zusammengefuehrt", groupId: String(target.id), reason: "Passt dorthin" });
    expect(ok.status).toBe(200);
    expect(proposalRow(id)).toMatchObject({ status: "zusammengefuehrt", groupId: target.id });
    const page = await (await clients.jonas.get(`/themen/${id}`)).text();
    expect(page).toContain("mit einer bestehenden Arbeitsgruppe zusammengeführt");
    expect(page).toContain(`href="/gruppen/${target.slug}"`);
  });
});

describe("demo data", () => {
  it("seedTopics adds consistent proposals once, linked to the Digitales Rathaus", async () => {
    const writable = openDatabase(server.dbPath);
    try {
      const ids = (table: string, key: string) =>
        Object.fromEntries((writable.$client.prepare(`select ${key} as k, id from ${table}`).all() as { k: string; id: number }[]).map((r) => [r.k, r.id]));
      const ctx = { userIds: ids("users", "email"), groupIds: ids("groups", "slug") };
      await seedTopics(writable, ctx);
      const count = () => (db.prepare("select count(*) as n from topic_proposals").get() as { n: number }).n;
      const after = count();
      await seedTopics(writable, ctx);
      expect(count()).toBe(after);

      const accepted = db.prepare("select id, status, group_id as g from topic_proposals where title = 'E-Akte in kleinen Gemeinden'").get() as { id: number; status: string; g: number | null };
      if (ctx.groupIds["digitales-rathaus"]) {
        expect(accepted).toMatchObject({ status: "angenommen", g: ctx.groupIds["digitales-rathaus"] });
        expect(transitionCount(accepted.id)).toBe(2);
      } else {
        expect(accepted.status).toBe("in_pruefung");
      }
      const rejected = db.prepare("select reason from topic_proposals where title = 'Gemeinsame Plattform für Ratsinformationssysteme'").get() as { reason: string };
      expect(rejected.reason).toBeTruthy();
      const html = await (await clients.anna.get("/themen")).text();
      expect(html).toContain("Barrierefreie Formulare im Onlinezugang");
      expect(html).toContain("KI-Grundschulung für Sachbearbeitung");
    } finally {
      writable.$client.close();
    }
  });
});
