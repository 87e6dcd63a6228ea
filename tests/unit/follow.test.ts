import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { activities, groupObserverGrants, groups, type GlobalRole } from "../../db/schema";
import { backfillActivities } from "../../db/seed-activity";
import { listFollowedActivity, listGroupActivity, recordActivity } from "../../app/models/activity.server";
import { followersOf, follow, isFollowing, unfollow } from "../../app/models/follow.server";
import { resolveFanout } from "../../app/models/notification-recipients.server";
import { useTempDatabase } from "../setup/test-db";
import { makeDocument, makeGroup, makeUser } from "../setup/notification-fixtures";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

/**
 * Following: the implicit rules per role (members their groups, observers
 * every intern group and granted vertraulich ones), explicit follows and
 * opt-outs, and that nobody follows what they may not read.
 */

let cleanup: () => void;
const p = {} as Record<"member" | "other" | "observer" | "granted" | "admin" | "moderator" | "gone", number>;
const role: Record<number, GlobalRole> = {};
let intern: number;
let secret: number;
let secretGranted: number;

const actor = (id: number) => ({ id, role: role[id] });
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

beforeAll(() => {
  cleanup = useTempDatabase().cleanup;
  const make = (name: string, r: GlobalRole, deactivated = false) => {
    const id = makeUser(name, { role: r, deactivated });
    role[id] = r;
    return id;
  };
  p.member = make("Mia Mitglied", "member");
  p.other = make("Otto Anders", "member");
  p.observer = make("Olga Beobachtung", "observer");
  p.granted = make("Greta Freigabe", "observer");
  p.admin = make("Ada Admin", "admin");
  p.moderator = make("Moritz Moderation", "moderator");
  p.gone = make("Gerd Gegangen", "member", true);
  intern = makeGroup("Intern", [[p.member], [p.gone]]);
  secret = makeGroup("Vertraulich ohne Freigabe", [[p.member]], "vertraulich");
  secretGranted = makeGroup("Vertraulich mit Freigabe", [[p.member]], "vertraulich");
  getDb().insert(groupObserverGrants).values({ groupId: secretGranted, userId: p.granted, createdAt: new Date() }).run();
});

afterAll(() => cleanup());

describe("implicit following", () => {
  it("members follow their groups, others do not", () => {
    expect(isFollowing(actor(p.member), intern)).toBe(true);
    expect(isFollowing(actor(p.member), secret)).toBe(true);
    expect(isFollowing(actor(p.other), intern)).toBe(false);
    expect(isFollowing(actor(p.admin), intern)).toBe(false);
    expect(isFollowing(actor(p.moderator), intern)).toBe(false);
  });

  it("observers follow every intern group, and vertraulich ones only when granted", () => {
    expect(isFollowing(actor(p.observer), intern)).toBe(true);
    expect(isFollowing(actor(p.observer), secret)).toBe(false);
    expect(isFollowing(actor(p.observer), secretGranted)).toBe(false);
    expect(isFollowing(actor(p.granted), secretGranted)).toBe(true);
  });

  it("followersOf: active members and observers who may read, nobody else", () => {
    expect(sorted(followersOf(intern))).toEqual(sorted([p.member, p.observer, p.granted]));
    expect(followersOf(secret)).toEqual([p.member]);
    expect(sorted(followersOf(secretGranted))).toEqual(sorted([p.member, p.granted]));
  });
});

describe("explicit follow and opt-out", () => {
  it("anyone who may read an intern group can follow it, and unfollow again", () => {
    follow(p.other, intern);
    expect(isFollowing(actor(p.other), intern)).toBe(true);
    expect(followersOf(intern)).toContain(p.other);
    unfollow(p.other, intern);
    expect(isFollowing(actor(p.other), intern)).toBe(false);
    expect(followersOf(intern)).not.toContain(p.other);
  });

  it("an observer opts out of an intern group; a member unfollows their own group", () => {
    unfollow(p.observer, intern);
    unfollow(p.member, intern);
    expect(isFollowing(actor(p.observer), intern)).toBe(false);
    expect(isFollowing(actor(p.member), intern)).toBe(false);
    expect(followersOf(intern)).not.toContain(p.observer);
    expect(followersOf(intern)).not.toContain(p.member);
    follow(p.member, intern);
    expect(followersOf(intern)).toContain(p.member);
  });

  it("an explicit follow of a vertraulich group one may not read does not make one a follower", () => {
    follow(p.other, secret);
    follow(p.observer, secret);
    expect(followersOf(secret)).toEqual([p.member]);
  });

  it("an admin may read vertraulich groups and follows one explicitly", () => {
    follow(p.admin, secret);
    expect(sorted(followersOf(secret))).toEqual(sorted([p.member, p.admin]));
  });
});

describe("notifications reach followers", () => {
  it("a new document tells followers (observers too), not the opted-out, not the actor", () => {
    const groupId = makeGroup("Benachrichtigte Gruppe", [[p.member], [p.other]]);
    unfollow(p.other, groupId);
    const documentId = makeDocument(groupId, p.member, "Empfehlung");
    const fanout = resolveFanout({ kind: "new_document", groupId, actorId: p.member, documentId });
    expect(sorted(fanout!.userIds)).toEqual(sorted([p.observer, p.granted]));
  });
});

describe("activity feeds", () => {
  it("the followed feed holds only groups the user follows and may read", () => {
    const a = makeGroup("Feed intern", [[p.other]]);
    const b = makeGroup("Feed vertraulich", [[p.other]], "vertraulich");
    recordActivity({ groupId: a, actorId: p.other, kind: "group_created", subjectId: a, title: "Feed intern", link: "" });
    recordActivity({ groupId: b, actorId: p.other, kind: "group_created", subjectId: b, title: "Feed vertraulich", link: "" });
    const titles = (id: number) => listFollowedActivity(actor(id)).entries.map((e) => e.groupTitle);
    expect(titles(p.other)).toEqual(expect.arrayContaining(["Feed intern", "Feed vertraulich"]));
    expect(titles(p.observer)).toContain("Feed intern");
    expect(titles(p.observer)).not.toContain("Feed vertraulich");
    // An admin reads everything, but follows only what they chose to.
    expect(titles(p.admin)).not.toContain("Feed vertraulich");
    follow(p.admin, b);
    expect(titles(p.admin)).toContain("Feed vertraulich");
    // An explicit follow never opens a group one may not read.
    follow(p.observer, b);
    expect(titles(p.observer)).not.toContain("Feed vertraulich");
  });

  it("pages of 30 by cursor, newest first, links follow a renamed slug", () => {
    const groupId = makeGroup("Viel los", [[p.member]]);
    const base = Date.parse("2026-11-01T10:00:00Z");
    for (let i = 0; i < 65; i++) {
      recordActivity({ groupId, actorId: p.member, kind: "member_joined", subjectId: null, title: `Eintrag ${i}`, link: "", at: new Date(base + i * 60_000) });
    }
    getDb().update(groups).set({ slug: "neuer-name" }).where(eq(groups.id, groupId)).run();
    const first = listGroupActivity(groupId);
    expect(first.entries).toHaveLength(30);
    expect(first.entries[0].title).toBe("Eintrag 64");
    expect(first.entries[0].link).toBe("/gruppen/neuer-name");
    const second = listGroupActivity(groupId, { before: first.nextBefore! });
    expect(second.entries[0].title).toBe("Eintrag 34");
    const third = listGroupActivity(groupId, { before: second.nextBefore! });
    expect(third.entries.map((e) => e.title).at(-1)).toBe("Eintrag 0");
    expect(third.nextBefore).toBeNull();
  });

  it("backfill writes the existing history once, at the time it happened", () => {
    const groupId = makeGroup("Alte Gruppe", [[p.member]]);
    makeDocument(groupId, p.member, "Altes Dokument");
    const count = () => getDb().select({ id: activities.id }).from(activities).where(eq(activities.groupId, groupId)).all().length;
    expect(count()).toBe(0);
    expect(backfillActivities(getDb())).toBeGreaterThan(0);
    const kinds = getDb().select({ kind: activities.kind }).from(activities).where(eq(activities.groupId, groupId)).orderBy(asc(activities.id)).all();
    expect(kinds.map((k) => k.kind).sort()).toEqual(["document_created", "group_created", "member_joined"]);
    backfillActivities(getDb());
    expect(count()).toBe(3);
  });
});
