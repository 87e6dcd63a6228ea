import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import {
  groups,
  topicComments,
  topicProposals,
  topicSupports,
  topicTransitions,
  users,
  type ProposalStatus,
  type TopicProposal,
} from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { reservedSlugs } from "../groups/group-form-schema";
import { SLUG_MAX, slugify } from "../groups/slug";
import { topicTexts as t } from "../i18n/topics";
import { acceptsSupport, checkTransition, type TransitionField, type TransitionInput } from "../topics/state-machine";
import { createGroup, readableGroupsWhere, slugTaken } from "./group.server";
import { inviteToGroup } from "./membership.server";
import { notify } from "./notification.server";

/**
 * Topic intake "Wie weiter?": proposals, their support, comments and the
 * moderation's decisions. Status changes go through the state machine
 * (app/topics/state-machine.ts) and are recorded in topic_transitions in the
 * same transaction as the change itself.
 */

type SignedIn = NonNullable<Actor>;

/** The list's orders: most support first, or newest first. */
export type ProposalSort = "unterstuetzung" | "neu";

export function listProposals(actorId: number, filter: { status?: ProposalStatus; sort: ProposalSort }) {
  const db = getDb();
  const supportCount = db
    .select({ proposalId: topicSupports.proposalId, supports: count().as("supports") })
    .from(topicSupports)
    .groupBy(topicSupports.proposalId)
    .as("support_count");
  const commentCount = db
    .select({ proposalId: topicComments.proposalId, comments: count().as("comments") })
    .from(topicComments)
    .groupBy(topicComments.proposalId)
    .as("comment_count");
  const mine = db
    .select({ proposalId: topicSupports.proposalId })
    .from(topicSupports)
    .where(eq(topicSupports.userId, actorId))
    .as("mine");
  const supports = sql<number>`coalesce(${supportCount.supports}, 0)`;
  const newest = [desc(topicProposals.createdAt), desc(topicProposals.id)];
  return db
    .select({
      id: topicProposals.id,
      title: topicProposals.title,
      loge: topicProposals.loge,
      status: topicProposals.status,
      createdAt: topicProposals.createdAt,
      proposerName: users.displayName,
      supports,
      comments: sql<number>`coalesce(${commentCount.comments}, 0)`,
      supportedByMe: sql<boolean>`${mine.proposalId} is not null`.mapWith(Boolean),
    })
    .from(topicProposals)
    .leftJoin(users, eq(users.id, topicProposals.proposerId))
    .leftJoin(supportCount, eq(supportCount.proposalId, topicProposals.id))
    .leftJoin(commentCount, eq(commentCount.proposalId, topicProposals.id))
    .leftJoin(mine, eq(mine.proposalId, topicProposals.id))
    .where(filter.status ? eq(topicProposals.status, filter.status) : undefined)
    .orderBy(...(filter.sort === "unterstuetzung" ? [desc(supports), ...newest] : newest))
    .all();
}

/** One proposal with its proposer's name; undefined when there is none with that id. */
export function getProposal(proposalId: number) {
  return getDb()
    .select({
      id: topicProposals.id,
      title: topicProposals.title,
      description: topicProposals.description,
      loge: topicProposals.loge,
      status: topicProposals.status,
      reason: topicProposals.reason,
      groupId: topicProposals.groupId,
      proposerId: topicProposals.proposerId,
      proposerName: users.displayName,
      wantsToParticipate: topicProposals.wantsToParticipate,
      createdAt: topicProposals.createdAt,
    })
    .from(topicProposals)
    .leftJoin(users, eq(users.id, topicProposals.proposerId))
    .where(eq(topicProposals.id, proposalId))
    .get();
}

export function listSupporters(proposalId: number) {
  return getDb()
    .select({
      userId: topicSupports.userId,
      displayName: users.displayName,
      organisation: users.organisation,
      wantsToParticipate: topicSupports.wantsToParticipate,
      createdAt: topicSupports.createdAt,
    })
    .from(topicSupports)
    .innerJoin(users, eq(users.id, topicSupports.userId))
    .where(eq(topicSupports.proposalId, proposalId))
    .orderBy(asc(topicSupports.createdAt), asc(users.displayName))
    .all();
}

export function listComments(proposalId: number) {
  return getDb()
    .select({ id: topicComments.id, body: topicComments.body, authorName: users.displayName, createdAt: topicComments.createdAt })
    .from(topicComments)
    .leftJoin(users, eq(users.id, topicComments.authorId))
    .where(eq(topicComments.proposalId, proposalId))
    .orderBy(asc(topicComments.createdAt), asc(topicComments.id))
    .all();
}

/** The status history: who moved it, when, why, and to which group. */
export function listTransitions(proposalId: number) {
  return getDb()
    .select({
      id: topicTransitions.id,
      fromStatus: topicTransitions.fromStatus,
      toStatus: topicTransitions.toStatus,
      actorName: users.displayName,
      reason: topicTransitions.reason,
      groupId: topicTransitions.groupId,
      createdAt: topicTransitions.createdAt,
    })
    .from(topicTransitions)
    .leftJoin(users, eq(users.id, topicTransitions.actorId))
    .where(eq(topicTransitions.proposalId, proposalId))
    .orderBy(asc(topicTransitions.createdAt), asc(topicTransitions.id))
    .all();
}

export type ProposalFields = { title: string; description: string; loge: string | null; wantsToParticipate: boolean };

export function createProposal(fields: ProposalFields, proposerId: number): { id: number } {
  const now = new Date();
  return getDb()
    .insert(topicProposals)
    .values({ ...fields, proposerId, status: "neu", createdAt: now, updatedAt: now })
    .returning({ id: topicProposals.id })
    .get();
}

export type SupportOutcome = "added" | "removed" | "closed" | "not_found";

/** One support per person: supporting again takes it back. Decided proposals take no more support. */
export function toggleSupport(proposalId: number, userId: number, wantsToParticipate: boolean): SupportOutcome {
  const db = getDb();
  return db.transaction((): SupportOutcome => {
    const proposal = db.select({ status: topicProposals.status }).from(topicProposals).where(eq(topicProposals.id, proposalId)).get();
    if (!proposal) return "not_found";
    if (!acceptsSupport(proposal.status)) return "closed";
    const removed = db
      .delete(topicSupports)
      .where(and(eq(topicSupports.proposalId, proposalId), eq(topicSupports.userId, userId)))
      .run().changes;
    if (removed > 0) return "removed";
    db.insert(topicSupports).values({ proposalId, userId, wantsToParticipate, createdAt: new Date() }).run();
    return "added";
  });
}

/** Comments stay open after the decision. */
export function addComment(proposalId: number, authorId: number, body: string): boolean {
  const db = getDb();
  return db.transaction(() => {
    const exists = db.select({ id: topicProposals.id }).from(topicProposals).where(eq(topicProposals.id, proposalId)).get();
    if (!exists) return false;
    db.insert(topicComments).values({ proposalId, authorId, body, createdAt: new Date() }).run();
    return true;
  });
}

export type TransitionOutcome =
  | { ok: true; status: ProposalStatus; group?: { id: number; slug: string } }
  | { ok: false; notFound: true }
  | { ok: false; notFound?: false; field: TransitionField; error: string };

/**
 * Moves a proposal to `to`, if the state machine allows it, and records the
 * step. Angenommen opens a working group from the proposal and invites the
 * people who want to take part – all in one transaction: if anything fails,
 * neither the group nor the status change remain.
 */
export function transitionProposal(proposalId: number, to: ProposalStatus, input: TransitionInput, actor: SignedIn): TransitionOutcome {
  const db = getDb();
  const outcome = db.transaction((): TransitionOutcome => {
    const proposal = db.select().from(topicProposals).where(eq(topicProposals.id, proposalId)).get();
    if (!proposal) return { ok: false, notFound: true };
    const check = checkTransition(proposal.status, to, input);
    if (!check.ok) return check;

    let group: { id: number; slug: string } | undefined;
    if (to === "zusammengefuehrt") {
      group = db
        .select({ id: groups.id, slug: groups.slug })
        .from(groups)
        .where(and(eq(groups.id, input.groupId!), readableGroupsWhere(actor)))
        .get();
      if (!group) return { ok: false, field: "groupId", error: t.groupUnknown };
    }
    if (to === "angenommen") group = openGroupFromProposal(proposal, actor.id);

    const reason = input.reason?.trim() || null;
    const now = new Date();
    db.update(topicProposals)
      .set({ status: to, reason, groupId: group?.id ?? proposal.groupId, updatedAt: now })
      .where(and(eq(topicProposals.id, proposalId), eq(topicProposals.status, proposal.status)))
      .run();
    db.insert(topicTransitions)
      .values({ proposalId, fromStatus: proposal.status, toStatus: to, actorId: actor.id, reason, groupId: group?.id ?? null, createdAt: now })
      .run();
    return { ok: true, status: to, group };
  });
  // After the commit: proposer and supporters learn the decision (In Prüfung is no decision).
  if (outcome.ok && (to === "angenommen" || to === "zusammengefuehrt" || to === "abgelehnt")) {
    notify({ kind: "topic_decision", proposalId, actorId: actor.id, toStatus: to, reason: input.reason?.trim() || null });
  }
  return outcome;
}

/**
 * The working group a proposal becomes: intern, the accepting moderator as
 * its group moderation, the proposer and the supporters who want to take
 * part invited as members. Runs inside the caller's transaction
 * (better-sqlite3 nests createGroup's transaction as a savepoint).
 */
function openGroupFromProposal(proposal: TopicProposal, actorId: number) {
  const group = createGroup(
    {
      title: proposal.title,
      slug: uniqueSlug(proposal.title, proposal.id),
      loge: proposal.loge,
      description: proposal.description,
      goals: "",
      visibility: "intern",
    },
    actorId,
  );
  const participants = getDb()
    .select({ userId: topicSupports.userId })
    .from(topicSupports)
    .where(and(eq(topicSupports.proposalId, proposal.id), eq(topicSupports.wantsToParticipate, true)))
    .all()
    .map((s) => s.userId);
  if (proposal.wantsToParticipate && proposal.proposerId) participants.unshift(proposal.proposerId);
  // Already a member (the accepting moderator) or not invitable (observers, deactivated): skipped by inviteToGroup.
  for (const userId of new Set(participants)) inviteToGroup(group.id, userId, "member", actorId);
  return { id: group.id, slug: group.slug };
}

/** slugify(title), made unique with -2, -3 …; never one of the reserved paths under /gruppen. */
export function uniqueSlug(title: string, proposalId: number): string {
  const base = slugify(title) || `thema-${proposalId}`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!reservedSlugs.has(candidate) && !slugTaken(candidate)) return candidate;
  }
}
