import type Database from "better-sqlite3";

/**
 * Fixture rows written straight into a test server's database: the demo
 * people by short name, a third plain member (Lena) and groups with members.
 * The integration tests of groups, threads and activity share these.
 */
export const demoEmails = {
  admin: "admin@ag-portal.test",
  moderation: "moderation@ag-portal.test",
  anna: "anna.schmidt@ag-portal.test",
  jonas: "jonas.weber@ag-portal.test",
  lena: "lena.fischer@ag-portal.test",
  observer: "beobachtung@ag-portal.test",
} as const;
export type DemoName = keyof typeof demoEmails;

export function userIdByEmail(db: Database.Database, email: string): number {
  return (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
}

/** Lena Fischer, a plain member with the demo password (the hash is Anna's). */
export function addLena(db: Database.Database): number {
  const hash = (db.prepare("select password_hash from users where id = ?").get(userIdByEmail(db, demoEmails.anna)) as { password_hash: string }).password_hash;
  const { lastInsertRowid } = db
    .prepare("insert into users (email, display_name, organisation, role, password_hash, created_at) values (?, ?, ?, 'member', ?, ?)")
    .run(demoEmails.lena, "Lena Fischer", "Stadtverwaltung Weimar", hash, Date.now());
  return Number(lastInsertRowid);
}

export function userIdsOf<N extends DemoName>(db: Database.Database, names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((name) => [name, userIdByEmail(db, demoEmails[name])])) as Record<N, number>;
}

/** An active group with the given members ([userId, group role]); returns its id. */
export function addGroupWithMembers(
  db: Database.Database,
  group: { slug: string; title: string; description: string; visibility: "intern" | "vertraulich" },
  members: [number, "moderation" | "member"][],
): number {
  const now = Date.now();
  const groupId = Number(
    db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', ?, ?, ?)")
      .run(group.slug, group.title, group.description, group.visibility, now, now).lastInsertRowid,
  );
  for (const [userId, role] of members) {
    db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)").run(groupId, userId, role, now);
  }
  return groupId;
}
