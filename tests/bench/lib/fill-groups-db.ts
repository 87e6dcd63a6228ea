/**
 * Fills a freshly migrated database with a portal in full use: 2,000 users
 * and 200 working groups with members, milestones, join requests, observer
 * grants and a few invitations. Written with better-sqlite3 directly in one
 * transaction (a second or so); the data is the same on every run (seeded
 * random numbers). All users share one real argon2 hash, so each can log in.
 *
 * Two accounts are there for the benchmark: a member who belongs to 10
 * groups, and the group moderation of the "target" group (20 members, 5 open
 * join requests, 2 open invitations).
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { hashPassword } from "../../../app/auth/password.server";
import { loges } from "../../../app/groups/loges";
import {
  FIRST_NAMES, GOALS, LAST_NAMES, MILESTONES, MINISTRIES, ORGANISATIONS, REGIONS, REQUEST_MESSAGES, SENTENCES, TOPICS,
} from "./groups-db-texts";

export const BENCH_PASSWORD = "Bench-Passwort-2026";
const USERS = 2_000;
const MEMBER_ID = 1;
const MODERATION_ID = 2;
const MEMBER_GROUPS = 10;
const TARGET_GROUP_ID = 1;
const TARGET_MEMBERS = 20;
const TARGET_OPEN_REQUESTS = 5;
const DAY_MS = 86_400_000;

export type GroupsDbInfo = Awaited<ReturnType<typeof fillGroupsDb>>;

export async function fillGroupsDb(databasePath: string) {
  const started = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const random = mulberry32(20_261_128);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const now = Date.now();
  const ago = (maxDays: number, minDays = 0) => now - int(minDays * DAY_MS, maxDays * DAY_MS);

  const db = new Database(databasePath);
  db.pragma("foreign_keys = ON");
  const insertUser = db.prepare(
    "INSERT INTO users (id, email, display_name, organisation, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertGroup = db.prepare(
    "INSERT INTO groups (id, slug, title, loge, description, goals, status, visibility, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertMember = db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)");
  const insertMilestone = db.prepare("INSERT INTO group_milestones (group_id, title, due_date, done_at, created_at) VALUES (?, ?, ?, ?, ?)");
  const insertRequest = db.prepare(
    "INSERT INTO join_requests (group_id, user_id, message, status, reason, decided_by, decided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertGrant = db.prepare("INSERT INTO group_observer_grants (group_id, user_id, granted_by, created_at) VALUES (?, ?, ?, ?)");
  const insertInvitation = db.prepare(
    "INSERT INTO group_invitations (group_id, user_id, role, invited_by, status, created_at) VALUES (?, ?, 'member', ?, 'offen', ?)",
  );

  // ── Users: mostly members, every 25th a moderator, every 20th (from 3) an observer.
  const observers: number[] = [];
  const joiners: number[] = []; // may be group members: not observers, not the two benchmark accounts
  const userRows: [number, string, string, string | null, string][] = [
    [MEMBER_ID, "gruppen.mitglied@bench.test", "Mira Mitglied", "Landratsamt Gotha", "member"],
    [MODERATION_ID, "gruppen.moderation@bench.test", "Moritz Moderation", "Stadtverwaltung Jena", "member"],
  ];
  for (let id = 3; id <= USERS; id++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const role = id % 25 === 0 ? "moderator" : id % 20 === 3 ? "observer" : "member";
    const organisation = role === "observer" ? pick(MINISTRIES) : random() < 0.08 ? null : pick(ORGANISATIONS);
    userRows.push([id, `${ascii(first)}.${ascii(last)}.${id}@bench.test`, `${first} ${last}`, organisation, role]);
    (role === "observer" ? observers : joiners).push(id);
  }

  // ── Groups: every topic × region once, in shuffled order; group 1 is the target (aktiv, intern).
  const combos = shuffle(TOPICS.flatMap((topic) => REGIONS.map((region) => [topic, region] as const)), random);
  const memberGroups = new Set(shuffle(combos.map((_, i) => i + 1).slice(1), random).slice(0, MEMBER_GROUPS));
  const counts = { memberships: 0, milestones: 0, openRequests: 0, declinedRequests: 0, observerGrants: 0, invitations: 0 };

  db.transaction(() => {
    for (const row of userRows) insertUser.run(...row, passwordHash, ago(700, 30));
    combos.forEach(([[topic, logeIndex], region], i) => {
      const id = i + 1;
      const title = `${topic} (${region})`;
      const target = id === TARGET_GROUP_ID;
      const r = random();
      const status = target || r < 0.85 ? "aktiv" : r < 0.95 ? "abgeschlossen" : "archiviert";
      const visibility = !target && random() < 0.1 ? "vertraulich" : "intern";
      const loge = logeIndex !== null && random() < 0.9 ? loges[logeIndex] : null;
      const goals = shuffle([...GOALS], random).slice(0, int(2, 4)).join("\n");

      // Members: the moderation first (1 or 2), then members; the benchmark accounts where they belong.
      const size = target ? TARGET_MEMBERS : int(5, 25);
      const people = shuffle([...joiners], random).slice(0, size);
      const moderations = target || random() < 0.4 ? 2 : 1;
      if (target) people.splice(0, 1, MODERATION_ID);
      if (memberGroups.has(id)) people.splice(people.length - 1, 1, MEMBER_ID);
      const createdAt = ago(400, 30);
      insertGroup.run(id, slugify(title), title, loge, description(topic, region, pick, random), goals, status, visibility, people[0], createdAt, createdAt + int(0, 25) * DAY_MS);
      people.forEach((userId, k) => {
        insertMember.run(id, userId, k < moderations && userId !== MEMBER_ID ? "moderation" : "member", createdAt + k * 3_600_000);
        counts.memberships++;
      });

      for (let m = int(2, 6); m > 0; m--) {
        const due = new Date(Date.UTC(2026, 0, 1) + int(0, 729) * DAY_MS);
        const done = due.getTime() < now && random() < 0.8 ? due.getTime() - int(0, 10) * DAY_MS : null;
        insertMilestone.run(id, pick(MILESTONES), due.toISOString().slice(0, 10), done, createdAt);
        counts.milestones++;
      }

      // Requests from people who are not members: the target gets 5 open ones, others now and then one.
      const outsiders = shuffle(joiners.filter((u) => !people.includes(u)), random).slice(0, 8);
      const open = target ? TARGET_OPEN_REQUESTS : status === "aktiv" && visibility === "intern" && random() < 0.2 ? int(1, 2) : 0;
      for (let k = 0; k < open; k++) {
        insertRequest.run(id, outsiders[k], pick(REQUEST_MESSAGES), "offen", null, null, null, ago(20));
        counts.openRequests++;
      }
      if (!target && random() < 0.1) {
        insertRequest.run(id, outsiders[7], pick(REQUEST_MESSAGES), "abgelehnt", "Die Gruppe ist derzeit voll besetzt.", people[0], ago(10), ago(40, 11));
        counts.declinedRequests++;
      }
      if (target) {
        for (const userId of outsiders.slice(5, 7)) insertInvitation.run(id, userId, MODERATION_ID, ago(5));
        counts.invitations += 2;
      }
      if (visibility === "vertraulich") {
        for (const userId of shuffle([...observers], random).slice(0, int(1, 2))) {
          insertGrant.run(id, userId, people[0], ago(30));
          counts.observerGrants++;
        }
      }
    });
  })();

  const one = <T>(sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().get(...params) as T);
  const info = {
    password: BENCH_PASSWORD,
    users: one<number>("SELECT count(*) FROM users"),
    groups: one<number>("SELECT count(*) FROM groups"),
    vertraulich: one<number>("SELECT count(*) FROM groups WHERE visibility = 'vertraulich'"),
    byStatus: Object.fromEntries(db.prepare("SELECT status, count(*) AS n FROM groups GROUP BY status").raw().all() as [string, number][]),
    ...counts,
    member: {
      email: userRows[0][1],
      groups: MEMBER_GROUPS,
      /** Groups on the member's list: every intern group and the member's own. */
      readableGroups: one<number>(
        "SELECT count(*) FROM groups g WHERE g.visibility = 'intern' OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = ?)",
        MEMBER_ID,
      ),
    },
    moderation: { email: userRows[1][1] },
    target: {
      slug: one<string>("SELECT slug FROM groups WHERE id = ?", TARGET_GROUP_ID),
      members: one<number>("SELECT count(*) FROM group_members WHERE group_id = ?", TARGET_GROUP_ID),
      openRequests: one<number>("SELECT count(*) FROM join_requests WHERE group_id = ? AND status = 'offen'", TARGET_GROUP_ID),
      /** People offered in the invite picker: active, not observers, not members. */
      invitable: one<number>(
        "SELECT count(*) FROM users u WHERE u.deactivated_at IS NULL AND u.role <> 'observer' AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = ? AND m.user_id = u.id)",
        TARGET_GROUP_ID,
      ),
    },
    databaseBytes: 0,
    seconds: 0,
  };
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  info.databaseBytes = fs.statSync(databasePath).size;
  info.seconds = (Date.now() - started) / 1000;
  return info;
}

function description(topic: string, region: string, pick: <T>(list: readonly T[]) => T, random: () => number): string {
  let text = SENTENCES[0];
  const rest = SENTENCES.slice(1);
  while (text.length < 280) text += ` ${rest.splice(Math.floor(random() * rest.length), 1)[0] ?? pick(SENTENCES)}`;
  return text.replaceAll("{topic}", topic).replaceAll("{region}", region);
}

function ascii(s: string): string {
  return s.toLowerCase().replaceAll("ä", "ae").replaceAll("ö", "oe").replaceAll("ü", "ue").replaceAll("ß", "ss");
}

function slugify(title: string): string {
  return ascii(title).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Small seeded generator, so every run gets the same database. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
