import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { dashboardData } from "../../app/models/dashboard.server";
import { useTempDatabase } from "../setup/test-db";

/**
 * dashboardData against a real (temporary) database: the permission in the
 * query, the grouped figures, the fallbacks for the last activity, filters.
 */

let cleanup: () => void;
const NOW = new Date("2026-12-02T10:00:00Z");
const at = (iso: string) => Date.parse(iso);
const ids: Record<string, number> = {};

beforeAll(() => {
  ({ cleanup } = useTempDatabase());
  const db = getDb().$client;
  const user = (email: string, role: string) =>
    Number(db.prepare("insert into users (email, display_name, role, password_hash, created_at) values (?, ?, ?, 'x', 0)").run(email, email, role).lastInsertRowid);
  ids.admin = user("admin@test", "admin");
  ids.member = user("member@test", "member");
  ids.outsider = user("outsider@test", "member");
  ids.granted = user("granted@test", "observer");
  ids.observer = user("observer@test", "observer");
  const group = (slug: string, loge: string | null, status: string, visibility: string, updatedAt: number) =>
    Number(
      db
        .prepare("insert into groups (slug, title, loge, description, status, visibility, created_at, updated_at) values (?, ?, ?, '', ?, ?, ?, ?)")
        .run(slug, `Gruppe ${slug}`, loge, status, visibility, at("2026-06-01T00:00:00Z"), updatedAt).lastInsertRowid,
    );
  ids.rathaus = group("rathaus", "Digitales Rathaus", "aktiv", "intern", at("2026-10-01T00:00:00Z"));
  ids.geheim = group("geheim", "Digitales Rathaus", "aktiv", "vertraulich", at("2026-10-01T00:00:00Z"));
  ids.fertig = group("fertig", "Verwaltung und regionale Wirtschaft", "abgeschlossen", "intern", at("2026-09-05T08:00:00Z"));
  const member = (g: number, u: number) => db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', 0)").run(g, u);
  member(ids.rathaus, ids.member);
  member(ids.rathaus, ids.outsider);
  member(ids.geheim, ids.member);
  db.prepare("insert into group_observer_grants (group_id, user_id, created_at) values (?, ?, 0)").run(ids.geheim, ids.granted);

  const milestone = (g: number, title: string, due: string | null, doneAt: number | null) =>
    db.prepare("insert into group_milestones (group_id, title, due_date, done_at, created_at) values (?, ?, ?, ?, 0)").run(g, title, due, doneAt);
  milestone(ids.rathaus, "Bestandsaufnahme", "2026-10-01", at("2026-09-30T10:00:00Z"));
  milestone(ids.rathaus, "Entwurf", "2026-11-15", null);
  milestone(ids.rathaus, "Konsultation", "2026-12-20", null);
  milestone(ids.rathaus, "Übergabe", "2027-02-01", null);
  milestone(ids.geheim, "Geheimer Meilenstein", "2026-11-01", null);

  const doc = (g: number, title: string, kind: string, status: string, createdAt: number, deletedAt: number | null = null) =>
    Number(
      db
        .prepare("insert into documents (group_id, title, kind, status, created_at, updated_at, deleted_at) values (?, ?, ?, ?, ?, ?, ?)")
        .run(g, title, kind, status, createdAt, createdAt, deletedAt).lastInsertRowid,
    );
  const adopted = doc(ids.rathaus, "Empfehlung Terminbuchung", "empfehlung", "beschlossen", at("2026-11-17T09:00:00Z"));
  db.prepare("insert into document_status_changes (document_id, from_status, to_status, created_at) values (?, ?, ?, ?)").run(adopted, "entwurf", "in_konsultation", at("2026-11-24T09:00:00Z"));
  db.prepare("insert into document_status_changes (document_id, from_status, to_status, created_at) values (?, ?, ?, ?)").run(adopted, "in_konsultation", "beschlossen", at("2026-12-01T09:00:00Z"));
  doc(ids.rathaus, "Empfehlung Formulare", "empfehlung", "entwurf", at("2026-11-25T09:00:00Z"));
  doc(ids.rathaus, "Protokoll", "protokoll", "entwurf", at("2026-11-25T09:00:00Z"));
  doc(ids.rathaus, "Gelöschte Empfehlung", "empfehlung", "entwurf", at("2026-11-25T09:00:00Z"), at("2026-11-26T09:00:00Z"));
  doc(ids.geheim, "Geheime Empfehlung", "empfehlung", "uebergeben", at("2026-11-01T09:00:00Z"));

  const activity = (g: number, createdAt: number) =>
    db.prepare("insert into activities (group_id, kind, title, link, created_at) values (?, 'post_created', 'x', '/', ?)").run(g, createdAt);
  activity(ids.rathaus, at("2026-12-01T10:00:00Z"));
  activity(ids.rathaus, at("2026-11-30T10:00:00Z"));
  activity(ids.rathaus, at("2026-11-20T10:00:00Z"));
});

afterAll(() => cleanup?.());

const asUser = (name: string, role: "admin" | "member" | "observer") => ({ id: ids[name], role });

describe("dashboardData", () => {
  it("shows a member the intern groups and their own vertraulich group, with all figures", () => {
    const data = dashboardData(asUser("member", "member"), {}, NOW);
    expect(data.today).toBe("2026-12-02");
    expect(data.groups.map((g) => g.slug)).toEqual(["geheim", "rathaus", "fertig"]);
    const rathaus = data.groups.find((g) => g.slug === "rathaus")!;
    expect(rathaus.members).toBe(2);
    expect(rathaus.milestones).toMatchObject({ done: 1, total: 4, nextDue: { title: "Konsultation", dueDate: "2026-12-20" }, overdue: [{ title: "Entwurf" }] });
    expect(rathaus.recommendations).toEqual({ entwurf: 1, in_konsultation: 0, beschlossen: 1, uebergeben: 0, zurueckgezogen: 0 });
    expect(rathaus.adopted.map((d) => d.title)).toEqual(["Empfehlung Terminbuchung"]);
    expect(rathaus.lastActivityAt).toBe(at("2026-12-01T10:00:00Z"));
    expect(data.activityByWeek.find((a) => a.groupId === ids.rathaus)!.counts.slice(-3)).toEqual([1, 0, 2]); // KW 47, KW 48, KW 49 (Monday and Tuesday)
    // Without activities, the group's own last change counts.
    expect(data.groups.find((g) => g.slug === "fertig")!.lastActivityAt).toBe(at("2026-09-05T08:00:00Z"));
    expect(data.summary).toMatchObject({ groups: 3, adopted: 2, milestonesOverdue: 2, recommendations: 3 });
    const lastWeek = data.recommendationsOverTime[data.recommendationsOverTime.length - 1];
    expect(lastWeek).toEqual({ entwurf: 1, in_konsultation: 0, beschlossen: 1, uebergeben: 1, zurueckgezogen: 0 });
    const weekBefore = data.recommendationsOverTime[data.recommendationsOverTime.length - 2];
    expect(weekBefore).toEqual({ entwurf: 1, in_konsultation: 1, beschlossen: 0, uebergeben: 1, zurueckgezogen: 0 });
  });

  it("does not show a vertraulich group to a member outside it or an observer without a grant", () => {
    for (const user of [asUser("outsider", "member"), asUser("observer", "observer")]) {
      const data = dashboardData(user, {}, NOW);
      expect(data.groups.map((g) => g.slug)).toEqual(["rathaus", "fertig"]);
      expect(data.summary.adopted).toBe(1);
      expect(JSON.stringify(data)).not.toContain("Geheim");
    }
  });

  it("shows it to an observer with a grant and to an admin", () => {
    expect(dashboardData(asUser("granted", "observer"), {}, NOW).groups.map((g) => g.slug)).toContain("geheim");
    expect(dashboardData(asUser("admin", "admin"), {}, NOW).groups).toHaveLength(3);
  });

  it("filters by Loge, status and a chosen set", () => {
    const admin = asUser("admin", "admin");
    expect(dashboardData(admin, { loge: "Digitales Rathaus" }, NOW).groups.map((g) => g.slug)).toEqual(["geheim", "rathaus"]);
    expect(dashboardData(admin, { status: "abgeschlossen" }, NOW).groups.map((g) => g.slug)).toEqual(["fertig"]);
    expect(dashboardData(admin, { groupIds: [ids.fertig] }, NOW).groups.map((g) => g.slug)).toEqual(["fertig"]);
    expect(dashboardData(asUser("outsider", "member"), { groupIds: [ids.geheim] }, NOW).groups).toEqual([]);
    // The Loges for the filter do not depend on the filter.
    expect(dashboardData(admin, { status: "abgeschlossen" }, NOW).loges).toEqual(["Digitales Rathaus", "Verwaltung und regionale Wirtschaft"]);
  });
});
