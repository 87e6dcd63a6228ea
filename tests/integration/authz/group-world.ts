import { answerInvitation, grantObserver, inviteToGroup, listOpenRequests, requestToJoin } from "~/models/membership.server";
import { addMilestone, createGroup, listMilestones, setGroupStatus, setMilestoneDone } from "~/models/group.server";
import { createDocument, setDocumentStatus } from "~/models/document.server";
import { createThread, setLocked } from "~/models/thread.server";
import { createReply } from "~/models/post.server";
import { listOpenReports, reportPost } from "~/models/post-report.server";
import { insertMaterial } from "~/models/material.server";
import { moveIntoStore, receiveToTemp } from "~/materials/storage.server";
import { parsePostBody } from "~/threads/post-body.server";
import type { GroupVisibility } from "../../../db/schema";

/** The name in every title and text of the vertraulich group: found in an answer to someone who may not read the group, it is a leak. */
export const CONFIDENTIAL_NAME = "VSNfD";

/** What a case may point at inside one group. */
export type GroupFixture = {
  id: number;
  slug: string;
  visibility: GroupVisibility;
  /** A draft. */
  docId: number;
  /** A document in status "beschlossen": its text no longer changes. */
  adoptedDocId: number;
  threadId: number;
  lockedThreadId: number;
  /** The thread's first post, by the founder (group moderation). */
  openingPostId: number;
  /** A reply by the group member. */
  memberPostId: number;
  /** The group member's reply in the locked thread (written before it was locked). */
  lockedMemberPostId: number;
  /** An open report (by the colleague) of the opening post. */
  reportId: number;
  /** The requester's open join request. */
  requestId: number;
  /** A PNG uploaded by the group member. */
  materialId: number;
  openMilestoneId: number;
  doneMilestoneId: number;
};

/** The people of a group besides the acting roles (ids). */
export type GroupPeople = {
  founder: number;
  gmod: number;
  member: number;
  colleague: number;
  requester: number;
  observerGranted: number;
};

/** The smallest PNG file-type recognises: signature and an IHDR chunk header. */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
  0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

function postBody(text: string) {
  const parsed = parsePostBody({ text }, []);
  if (!parsed.ok) throw new Error(`fixture post refused: ${parsed.error}`);
  return parsed.body;
}

function addMember(groupId: number, userId: number, role: "member" | "moderation", by: number) {
  if (inviteToGroup(groupId, userId, role, by) !== "invited" || !answerInvitation(groupId, userId, true)) {
    throw new Error(`fixture: user ${userId} could not join group ${groupId}`);
  }
}

async function storeMaterial(groupId: number, name: string, uploadedBy: number): Promise<number> {
  const temp = await receiveToTemp((async function* () { yield PNG_BYTES; })(), { maxBytes: 1024 });
  await moveIntoStore(temp);
  return insertMaterial({
    groupId,
    title: `Lageplan ${name}`,
    description: null,
    speaker: null,
    loge: null,
    fileName: "lageplan.png",
    contentType: "image/png",
    sizeBytes: temp.sizeBytes,
    sha256: temp.sha256,
    uploadedBy,
  }).id;
}

/**
 * One working group with everything the routes take ids of, built through
 * the portal's models the way people would: the founder opens it, invites
 * and the invited accept, a member writes and uploads, a colleague reports.
 * Every title and text carries the group's name, so an answer that shows
 * a group's content can be told by it.
 */
export async function buildGroup(
  name: string,
  visibility: GroupVisibility,
  people: GroupPeople,
  options: { archive?: boolean } = {},
): Promise<GroupFixture> {
  const group = createGroup(
    { title: `Matrix ${name}`, slug: `matrix-${name.toLowerCase()}`, loge: null, description: "Gruppe für die Rechte-Matrix.", goals: "", visibility },
    people.founder,
  );
  addMember(group.id, people.gmod, "moderation", people.founder);
  addMember(group.id, people.member, "member", people.founder);
  addMember(group.id, people.colleague, "member", people.founder);
  grantObserver(group.id, people.observerGranted, people.founder);
  requestToJoin(group.id, people.requester, "Ich möchte mitarbeiten.");

  addMilestone(group.id, `Offener Meilenstein ${name}`, null, people.founder);
  addMilestone(group.id, `Erreichter Meilenstein ${name}`, null, people.founder);
  const [openMilestone, doneMilestone] = listMilestones(group.id);
  setMilestoneDone(group.id, doneMilestone.id, true, people.founder);

  const docId = createDocument(group.id, { title: `Empfehlung ${name}`, kind: "empfehlung" }, people.founder).id;
  const thread = createThread(group.id, people.founder, { title: `Erste Fragen ${name}`, body: postBody(`Worum geht es bei ${name}?`), documentId: null, heading: null });
  const reply = createReply(group.id, thread.threadId, people.member, { body: postBody(`Eine Antwort zu ${name}.`), quotedPostId: null });
  if (!reply) throw new Error("fixture reply refused");
  const adoptedDocId = createDocument(group.id, { title: `Beschluss ${name}`, kind: "empfehlung" }, people.founder).id;
  for (const step of ["in_konsultation", "beschlossen"] as const) setDocumentStatus(group.id, adoptedDocId, step, people.founder, "Im Verfahren.");
  const locked = createThread(group.id, people.founder, { title: `Abgeschlossene Frage ${name}`, body: postBody(`Erledigt: ${name}.`), documentId: null, heading: null });
  const lockedReply = createReply(group.id, locked.threadId, people.member, { body: postBody(`Noch offen zu ${name}.`), quotedPostId: null });
  if (!lockedReply) throw new Error("fixture reply refused");
  setLocked(group.id, locked.threadId, true, people.founder);
  reportPost(thread.postId, people.colleague, "Bitte prüfen.");

  const materialId = await storeMaterial(group.id, name, people.member);
  if (options.archive) setGroupStatus(group.id, "archiviert");
  return {
    id: group.id,
    slug: group.slug,
    visibility,
    docId,
    adoptedDocId,
    threadId: thread.threadId,
    lockedThreadId: locked.threadId,
    openingPostId: thread.postId,
    memberPostId: reply.postId,
    lockedMemberPostId: lockedReply.postId,
    reportId: listOpenReports(group.id)[0].id,
    requestId: listOpenRequests(group.id)[0].id,
    materialId,
    openMilestoneId: openMilestone.id,
    doneMilestoneId: doneMilestone.id,
  };
}
