import { getDb } from "../../db/client.server";
import {
  documents,
  groupMembers,
  groups,
  posts,
  threads,
  topicProposals,
  topicSupports,
  users,
  type GlobalRole,
  type GroupRole,
  type GroupVisibility,
} from "../../db/schema";

/**
 * Small direct inserts for notification tests: the fan-out reads these
 * tables, and building them through the real models would test those too.
 */
let counter = 0;

export function makeUser(name: string, opts: { role?: GlobalRole; deactivated?: boolean } = {}): number {
  counter++;
  return getDb()
    .insert(users)
    .values({
      email: `${name.toLowerCase().replace(/[^a-z]/g, "")}${counter}@test.example`,
      displayName: name,
      role: opts.role ?? "member",
      passwordHash: "x",
      createdAt: new Date(),
      deactivatedAt: opts.deactivated ? new Date() : null,
    })
    .returning({ id: users.id })
    .get().id;
}

export function makeGroup(title: string, members: [number, GroupRole?][], visibility: GroupVisibility = "intern"): number {
  counter++;
  const db = getDb();
  const now = new Date();
  const id = db
    .insert(groups)
    .values({ slug: `gruppe-${counter}`, title, description: "Test", visibility, createdAt: now, updatedAt: now })
    .returning({ id: groups.id })
    .get().id;
  for (const [userId, role] of members) db.insert(groupMembers).values({ groupId: id, userId, role: role ?? "member", joinedAt: now }).run();
  return id;
}

export function makeThread(groupId: number, authorId: number, title: string): number {
  const now = new Date();
  return getDb().insert(threads).values({ groupId, authorId, title, createdAt: now, lastPostAt: now }).returning({ id: threads.id }).get().id;
}

export function makePost(threadId: number, authorId: number, text = "Beitrag"): number {
  return getDb()
    .insert(posts)
    .values({ threadId, authorId, body: JSON.stringify({ type: "doc" }), bodyText: text, createdAt: new Date() })
    .returning({ id: posts.id })
    .get().id;
}

export function makeDocument(groupId: number, createdBy: number, title: string): number {
  const now = new Date();
  return getDb()
    .insert(documents)
    .values({ groupId, createdBy, title, kind: "empfehlung", createdAt: now, updatedAt: now })
    .returning({ id: documents.id })
    .get().id;
}

export function makeProposal(proposerId: number, title: string, supporters: number[] = []): number {
  const now = new Date();
  const db = getDb();
  const id = db
    .insert(topicProposals)
    .values({ proposerId, title, description: "Vorschlag", createdAt: now, updatedAt: now })
    .returning({ id: topicProposals.id })
    .get().id;
  for (const userId of supporters) db.insert(topicSupports).values({ proposalId: id, userId, createdAt: now }).run();
  return id;
}
