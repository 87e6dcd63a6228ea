import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createSession } from "../../../app/auth/session.server";
import { storedFilePath } from "../../../app/materials/storage.server";
import { createDocument } from "../../../app/models/document.server";
import { createFeedToken } from "../../../app/models/feed-token.server";
import { addMilestone, createGroup } from "../../../app/models/group.server";
import { createInvitation } from "../../../app/models/invitation.server";
import { insertMaterial } from "../../../app/models/material.server";
import { grantObserver, inviteToGroup, requestToJoin } from "../../../app/models/membership.server";
import { reportPost } from "../../../app/models/post-report.server";
import { createReply } from "../../../app/models/post.server";
import { createThread } from "../../../app/models/thread.server";
import { createProposal } from "../../../app/models/topic.server";
import { parsePostBody } from "../../../app/threads/post-body.server";
import { getDb } from "../../../db/client.server";
import type { GlobalRole } from "../../../db/schema";
import { createTestUser } from "../../fixtures/users";

/**
 * A world of its own for each batch of hostile requests: fresh people, a
 * group with everything its forms act on, and a session per person, written
 * through the app's models. What a batch may change is this world and
 * nothing else (tests/setup/db-changes.ts follows the foreign keys from the
 * world's people and group), so no batch depends on what another one did.
 */
export const people = {
  admin: "admin",
  moderator: "moderator",
  /** The group's moderation. */
  groupMod: "member",
  /** A member; author of the thread. */
  member: "member",
  /** Another member; author of the reply that was reported. */
  member2: "member",
  /** Signed in, not in the group. */
  outsider: "member",
  /** Asked to join. */
  requester: "member",
  /** Invited into the group. */
  invitee: "member",
  /** An observer with a grant for the group. */
  observer: "observer",
  /** Whom the user administration acts on. */
  target: "member",
} as const satisfies Record<string, GlobalRole>;
export type Person = keyof typeof people;

export type World = Awaited<ReturnType<typeof buildWorld>>;

let worlds = 0;
/** The smallest file the upload takes as a PDF; the world's material is this file, stored where the server looks. */
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** `uploadDir`: the server's UPLOAD_DIR (its download reads the world's material from there). */
export async function buildWorld(uploadDir: string) {
  const n = ++worlds;
  const tag = `${n}-${Date.now().toString(36)}`;
  const users = {} as Record<Person, { id: number; email: string; password: string; cookie: string; sessionId: string }>;
  for (const [name, role] of Object.entries(people) as [Person, GlobalRole][]) {
    const user = await createTestUser(role, `Welt ${n} ${name}`);
    const session = createSession(user.id, "hostile-corpus");
    users[name] = { ...user, cookie: `ag_session=${session.token}`, sessionId: session.id };
  }
  const id = (p: Person) => users[p].id;
  const group = createGroup(
    { title: `Feindliche Eingaben ${tag}`, slug: `feindlich-${tag}`, loge: null, description: "Eine Gruppe, die feindliche Eingaben aushält.", goals: "", visibility: "intern" },
    id("groupMod"),
  );
  const db = getDb().$client;
  const addMember = db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)");
  for (const p of ["member", "member2"] as const) addMember.run(group.id, id(p), Date.now());
  grantObserver(group.id, id("observer"), id("groupMod"));
  requestToJoin(group.id, id("requester"), "Ich möchte mitarbeiten.");
  inviteToGroup(group.id, id("invitee"), "member", id("groupMod"));
  addMilestone(group.id, "Erster Meilenstein", null, id("groupMod"));

  const documentId = createDocument(group.id, { title: "Empfehlung zum Prüfen", kind: "empfehlung" }, id("member")).id;
  const body = (text: string) => {
    const parsed = parsePostBody({ text }, []);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.body;
  };
  const thread = createThread(group.id, id("member"), { title: "Eine Frage", body: body("Erster Beitrag."), documentId: null, heading: null });
  const reply = createReply(group.id, thread.threadId, id("member2"), { body: body("Eine Antwort."), quotedPostId: null })!;
  reportPost(reply.postId, id("member"), "Bitte prüfen.");
  const sha256 = createHash("sha256").update(PDF).digest("hex");
  const file = storedFilePath(sha256, uploadDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PDF);
  const material = insertMaterial({
    groupId: group.id,
    title: "Folien",
    description: null,
    speaker: null,
    loge: null,
    fileName: "folien.pdf",
    contentType: "application/pdf",
    sizeBytes: PDF.length,
    sha256,
    uploadedBy: id("member"),
  });
  const proposal = createProposal({ title: `Ein Thema ${tag}`, description: "Ein Vorschlag für ein neues Thema.", loge: null, wantsToParticipate: false }, id("member"));
  const invitation = createInvitation({ email: `eingeladen-${tag}@test.ag-portal.test`, role: "member", invitedBy: id("admin") });
  const feedToken = createFeedToken(id("member"), "Feedleser");
  const otherSession = createSession(id("member"), "zweites Gerät");
  db.prepare("INSERT INTO notifications (user_id, kind, group_id, actor_id, text, link, created_at, delivery) VALUES (?, 'reply', ?, ?, 'Neue Antwort', ?, ?, 'portal')").run(
    id("member"),
    group.id,
    id("member2"),
    `/gruppen/${group.slug}/diskussion/${thread.threadId}`,
    Date.now(),
  );

  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number }).id;
  return {
    users,
    groupId: group.id,
    slug: group.slug,
    documentId,
    threadId: thread.threadId,
    firstPostId: thread.postId,
    replyPostId: reply.postId,
    reportId: one("SELECT id FROM post_reports WHERE post_id = ?", reply.postId),
    milestoneId: one("SELECT id FROM group_milestones WHERE group_id = ?", group.id),
    joinRequestId: one("SELECT id FROM join_requests WHERE group_id = ? AND user_id = ?", group.id, id("requester")),
    materialId: material.id,
    proposalId: proposal.id,
    invitationToken: invitation.token,
    invitationId: one("SELECT id FROM invitations WHERE invited_by = ?", id("admin")),
    feedTokenId: feedToken.id,
    feedToken: feedToken.token,
    notificationId: one("SELECT id FROM notifications WHERE user_id = ?", id("member")),
    otherSessionId: otherSession.id,
    /** Where the foreign keys start that mark this world's rows. */
    seeds: { users: Object.values(users).map((u) => u.id), groups: [group.id] },
  };
}

/**
 * Removes a world once its batch is checked, with what its people and
 * group made (the foreign keys cascade), so the database each later batch
 * compares stays the size of one world. Without it every new thread of a
 * later world notified the observers of all earlier ones.
 */
export function removeWorld(world: World): void {
  const db = getDb().$client;
  const users = world.seeds.users.join(",");
  db.transaction(() => {
    // Rows that only lose their author (set null) are removed with the world as well.
    db.prepare(`DELETE FROM topic_proposals WHERE proposer_id IN (${users})`).run();
    db.prepare(`DELETE FROM groups WHERE id = ? OR created_by IN (${users})`).run(world.groupId);
    db.prepare(`DELETE FROM users WHERE id IN (SELECT accepted_user_id FROM invitations WHERE invited_by IN (${users}))`).run();
    db.prepare(`DELETE FROM invitations WHERE invited_by IN (${users})`).run();
    db.prepare(`DELETE FROM users WHERE id IN (${users})`).run();
  })();
}
