import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { documents, groupMembers, groups, posts, threads, topicProposals, topicSupports, users } from "../../db/schema";
import { can } from "../auth/permissions";
import { notificationTexts as t } from "../i18n/notifications";
import type { NotificationEvent } from "../notifications/events";
import { followersOf } from "./follow.server";
import { groupAccessFor } from "./group.server";

/**
 * Who is told about an event, and in which words. Everything here only reads;
 * notify() (notification.server.ts) writes the rows in one transaction.
 */

export type Fanout = { groupId: number | null; text: string; link: string; userIds: number[] };

/**
 * The people who follow a group's life (new threads, documents, status
 * changes): its followers (app/models/follow.server.ts) — members and
 * observers unless they opted out, plus explicit followers.
 */
export const groupAudience = (groupId: number): number[] => followersOf(groupId);

/** The group's members: only they can be mentioned (others could not open the thread). */
function groupMembersOf(groupId: number): number[] {
  return getDb()
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId))
    .all()
    .map((r) => r.userId);
}

/** Everyone who started or wrote in a thread (deleted posts count: they took part). */
function threadParticipants(threadId: number): number[] {
  const db = getDb();
  const starter = db.select({ id: threads.authorId }).from(threads).where(eq(threads.id, threadId)).get();
  const writers = db
    .selectDistinct({ id: posts.authorId })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), isNotNull(posts.authorId)))
    .all();
  return [starter?.id, ...writers.map((w) => w.id)].filter((id): id is number => typeof id === "number");
}

function proposalPeople(proposalId: number, proposerId: number | null): number[] {
  const supporters = getDb()
    .select({ userId: topicSupports.userId })
    .from(topicSupports)
    .where(eq(topicSupports.proposalId, proposalId))
    .all()
    .map((s) => s.userId);
  return proposerId ? [proposerId, ...supporters] : supporters;
}

/** Active users only, and for a group: only those who may (still) read it. */
export function keepReaders(userIds: number[], groupId: number | null): number[] {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const db = getDb();
  const active = db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(inArray(users.id, unique), isNull(users.deactivatedAt)))
    .all();
  if (groupId === null) return active.map((u) => u.id);
  const group = db
    .select({ id: groups.id, status: groups.status, visibility: groups.visibility })
    .from(groups)
    .where(eq(groups.id, groupId))
    .get();
  if (!group) return [];
  return active.filter((u) => can(u, "read:group", groupAccessFor(group, u.id))).map((u) => u.id);
}

function actorName(actorId: number): string {
  return getDb().select({ name: users.displayName }).from(users).where(eq(users.id, actorId)).get()?.name ?? t.someone;
}

function threadInGroup(threadId: number, groupId: number) {
  return getDb()
    .select({ title: threads.title, slug: groups.slug, groupTitle: groups.title })
    .from(threads)
    .innerJoin(groups, eq(groups.id, threads.groupId))
    .where(and(eq(threads.id, threadId), eq(threads.groupId, groupId)))
    .get();
}

function documentInGroup(documentId: number, groupId: number) {
  return getDb()
    .select({ title: documents.title, slug: groups.slug, groupTitle: groups.title })
    .from(documents)
    .innerJoin(groups, eq(groups.id, documents.groupId))
    .where(and(eq(documents.id, documentId), eq(documents.groupId, groupId), isNull(documents.deletedAt)))
    .get();
}

function groupById(groupId: number) {
  return getDb().select({ slug: groups.slug, title: groups.title }).from(groups).where(eq(groups.id, groupId)).get();
}

const without = (ids: number[], ...drop: number[][]) => ids.filter((id) => !drop.some((d) => d.includes(id)));

/**
 * Recipients, sentence and link of one event; null when what it refers to no
 * longer exists. The actor is never told about their own doing.
 */
export function resolveFanout(event: NotificationEvent): Fanout | null {
  const actor = [event.actorId];
  switch (event.kind) {
    case "mention":
    case "reply": {
      const thread = threadInGroup(event.threadId, event.groupId);
      if (!thread) return null;
      const link = `/gruppen/${thread.slug}/diskussion/${event.threadId}#beitrag-${event.postId}`;
      const name = actorName(event.actorId);
      if (event.kind === "mention") {
        // Mentions of people outside the group tell nobody (they could not open the thread).
        const members = groupMembersOf(event.groupId);
        const userIds = without(event.mentionedUserIds.filter((id) => members.includes(id)), actor);
        return { groupId: event.groupId, text: t.sentence.mention(name, thread.title), link, userIds: keepReaders(userIds, event.groupId) };
      }
      // Those mentioned in the same post get the mention instead: one notice per post.
      const userIds = without(threadParticipants(event.threadId), actor, event.mentionedUserIds);
      return { groupId: event.groupId, text: t.sentence.reply(name, thread.title), link, userIds: keepReaders(userIds, event.groupId) };
    }
    case "new_thread": {
      const thread = threadInGroup(event.threadId, event.groupId);
      if (!thread) return null;
      const userIds = without(groupAudience(event.groupId), actor, event.mentionedUserIds);
      return {
        groupId: event.groupId,
        text: t.sentence.new_thread(actorName(event.actorId), thread.title, thread.groupTitle),
        link: `/gruppen/${thread.slug}/diskussion/${event.threadId}`,
        userIds: keepReaders(userIds, event.groupId),
      };
    }
    case "new_document":
    case "document_status": {
      const doc = documentInGroup(event.documentId, event.groupId);
      if (!doc) return null;
      const name = actorName(event.actorId);
      const text =
        event.kind === "new_document"
          ? t.sentence.new_document(name, doc.title, doc.groupTitle)
          : t.sentence.document_status(name, doc.title, event.toStatus);
      const userIds = without(groupAudience(event.groupId), actor);
      return { groupId: event.groupId, text, link: `/gruppen/${doc.slug}/dokumente/${event.documentId}`, userIds: keepReaders(userIds, event.groupId) };
    }
    case "join_request_answer": {
      const group = groupById(event.groupId);
      if (!group) return null;
      const text = event.accepted ? t.sentence.joinAccepted(group.title) : t.sentence.joinDeclined(group.title, event.reason);
      // A declined requester is no member, but may read the (intern) group the answer points to.
      const userIds = keepReaders(without([event.requesterId], actor), event.groupId);
      return { groupId: event.groupId, text, link: `/gruppen/${group.slug}`, userIds };
    }
    case "topic_decision": {
      const proposal = getDb()
        .select({ title: topicProposals.title, proposerId: topicProposals.proposerId, groupId: topicProposals.groupId })
        .from(topicProposals)
        .where(eq(topicProposals.id, event.proposalId))
        .get();
      if (!proposal) return null;
      const group = proposal.groupId !== null ? groupById(proposal.groupId) : undefined;
      const text = t.sentence.topicDecision(proposal.title, event.toStatus, group?.title ?? null, event.reason);
      const userIds = keepReaders(without(proposalPeople(event.proposalId, proposal.proposerId), actor), null);
      // Filed without a group: proposals are readable by everyone signed in, the group may not be.
      return { groupId: null, text, link: `/themen/${event.proposalId}`, userIds };
    }
  }
}
