import { count, sql } from "drizzle-orm";
import { hashPassword } from "../app/auth/password.server";
import type { Db } from "./client.server";
import { demoUsers, DEMO_PASSWORD } from "./demo-data";
import { users } from "./schema";
import { seedGroups } from "./seed-groups";
import { seedDocuments } from "./seed-documents";
import { seedMaterials } from "./seed-materials";
import { seedTopics } from "./seed-topics";
import { seedThreads } from "./seed-threads";
import { seedNotifications } from "./seed-notifications";
import { seedActivity } from "./seed-activity";

/**
 * Demo data for a new portal. It runs on an empty database, or on one that
 * was seeded before (to add what later versions of the seed bring); it never
 * puts demo accounts with a public password into a portal with real users.
 * Every step inserts only what is missing: seeding twice changes nothing.
 */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  const [{ n }] = db.select({ n: count() }).from(users).all();
  const demoAdmin = db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${demoUsers[0].email}`)
    .get();
  if (n > 0 && !demoAdmin) return { seeded: false };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const userIds: Record<string, number> = {};
  for (const user of demoUsers) {
    db.insert(users)
      .values({ ...user, passwordHash, createdAt: now })
      .onConflictDoNothing()
      .run();
    userIds[user.email] = db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${user.email}`).get()!.id;
  }
  const groupIds = seedGroups(db, userIds);
  await seedTopics(db, { userIds, groupIds });
  await seedMaterials(db, { userIds, groupIds });
  seedDocuments(db, { userIds, groupIds });
  seedThreads(db, { userIds, groupIds });
  // After the documents: the demo notifications point at them.
  seedNotifications(db, { userIds, groupIds });
  // Last: the activity history is read from everything the steps above wrote.
  seedActivity(db, { userIds, groupIds });
  return { seeded: true };
}
