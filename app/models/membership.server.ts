import { and, asc, desc, eq, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import {
  groupInvitations,
  groupMembers,
  groupObserverGrants,
  groups,
  joinRequests,
  users,
  type GroupRole,
} from "../../db/schema";
import { announceRightsChange } from "../auth/rights-hook.server";
import { notify } from "./notification.server";
import { recordActivity } from "./activity.server";

/**
 * Membership of working groups: members and their roles, join requests,
 * invitations by the group moderation, observer grants. Every change that
 * alters someone's rights is announced, so open sockets learn it at once.
 */

export function listMembers(groupId: number) {
  return getDb()
    .select({
      userId: users.id,
      displayName: users.displayName,
      organisation: users.organisation,
      globalRole: users.role,
      role: groupMembers.role,
      joinedAt: groupMembers.joinedAt,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(sql`case ${groupMembers.role} when 'moderation' then 0 else 1 end`), asc(users.displayName))
    .all();
}

export function listObserverGrants(groupId: number) {
  return getDb()
    .select({ userId: users.id, displayName: users.displayName, organisation: users.organisation })
    .from(groupObserverGrants)
    .innerJoin(users, eq(users.id, groupObserverGrants.userId))
    .where(eq(groupObserverGrants.groupId, groupId))
    .orderBy(asc(users.displayName))
    .all();
}

function memberRole(groupId: number, userId: number) {
  return getDb()
    .select({ role: groupMembers.role })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
    .get();
}

function isMember(groupId: number, userId: number): boolean {
  return Boolean(memberRole(groupId, userId));
}

function moderationCount(groupId: number): number {
  return getDb()
    .select({ u: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "moderation")))
    .all().length;
}

function addMember(groupId: number, userId: number, role: GroupRole, reason: string) {
  const at = new Date();
  const added = getDb()
    .insert(groupMembers)
    .values({ groupId, userId, role, joinedAt: at })
    .onConflictDoNothing()
    .run().changes;
  if (added) recordActivity({ groupId, actorId: userId, kind: "member_joined", subjectId: userId, title: displayName(userId), detail: reason, link: "#mitglieder", at });
  announceRightsChange({ userId, groupId, reason });
}

function displayName(userId: number): string {
  return getDb().select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name ?? "";
}

// ── Join requests ───────────────────────────────────────────────────────────

export type JoinOutcome = "requested" | "already_member" | "already_requested";

export function requestToJoin(groupId: number, userId: number, message: string): JoinOutcome {
  const db = getDb();
  return db.transaction(() => {
    if (isMember(groupId, userId)) return "already_member";
    // The partial unique index allows one open request; a second insert changes nothing.
    const inserted = db
      .insert(joinRequests)
      .values({ groupId, userId, message, createdAt: new Date() })
      .onConflictDoNothing()
      .run().changes;
    return inserted ? "requested" : "already_requested";
  });
}

export function listOpenRequests(groupId: number) {
  return getDb()
    .select({
      id: joinRequests.id,
      userId: users.id,
      displayName: users.displayName,
      organisation: users.organisation,
      message: joinRequests.message,
      createdAt: joinRequests.createdAt,
    })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.status, "offen")))
    .orderBy(asc(joinRequests.createdAt))
    .all();
}

/** The requester's latest request in this group (open, or decided with its reason). */
export function myLatestRequest(groupId: number, userId: number) {
  return getDb()
    .select({ id: joinRequests.id, status: joinRequests.status, reason: joinRequests.reason, createdAt: joinRequests.createdAt })
    .from(joinRequests)
    .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.userId, userId)))
    .orderBy(desc(joinRequests.id))
    .get();
}

export type DecideOutcome = { status: "accepted" | "declined"; userId: number } | { status: "not_found" };

/** The request must be open and belong to this group (both in the where clause). */
export function decideRequest(
  groupId: number,
  requestId: number,
  decision: { accept: true } | { accept: false; reason: string },
  actorId: number,
): DecideOutcome {
  const db = getDb();
  const outcome = db.transaction((): DecideOutcome => {
    const request = db
      .select({ userId: joinRequests.userId })
      .from(joinRequests)
      .where(and(eq(joinRequests.id, requestId), eq(joinRequests.groupId, groupId), eq(joinRequests.status, "offen")))
      .get();
    if (!request) return { status: "not_found" as const };
    db.update(joinRequests)
      .set({
        status: decision.accept ? "angenommen" : "abgelehnt",
        reason: decision.accept ? null : decision.reason,
        decidedBy: actorId,
        decidedAt: new Date(),
      })
      .where(eq(joinRequests.id, requestId))
      .run();
    if (decision.accept) addMember(groupId, request.userId, "member", "join_accepted");
    return { status: decision.accept ? ("accepted" as const) : ("declined" as const), userId: request.userId };
  });
  // After the commit: the requester learns the answer (bell, and mail as they chose).
  if (outcome.status !== "not_found") {
    notify({
      kind: "join_request_answer",
      groupId,
      actorId,
      requesterId: outcome.userId,
      accepted: outcome.status === "accepted",
      reason: decision.accept ? null : decision.reason,
    });
  }
  return outcome;
}

export function withdrawRequest(groupId: number, userId: number): boolean {
  return (
    getDb()
      .update(joinRequests)
      .set({ status: "zurueckgezogen", decidedAt: new Date() })
      .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.userId, userId), eq(joinRequests.status, "offen")))
      .run().changes > 0
  );
}

// ── Invitations by the group moderation ─────────────────────────────────────

export type InviteOutcome = "invited" | "already_member" | "already_invited" | "no_such_user";

export function inviteToGroup(groupId: number, userId: number, role: GroupRole, actorId: number): InviteOutcome {
  const db = getDb();
  return db.transaction(() => {
    const user = db.select({ id: users.id, role: users.role, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, userId)).get();
    if (!user || user.deactivatedAt || user.role === "observer") return "no_such_user";
    if (isMember(groupId, userId)) return "already_member";
    const inserted = db
      .insert(groupInvitations)
      .values({ groupId, userId, role, invitedBy: actorId, createdAt: new Date() })
      .onConflictDoNothing()
      .run().changes;
    return inserted ? "invited" : "already_invited";
  });
}

export function listOpenGroupInvitations(groupId: number) {
  return getDb()
    .select({ id: groupInvitations.id, userId: users.id, displayName: users.displayName, role: groupInvitations.role })
    .from(groupInvitations)
    .innerJoin(users, eq(users.id, groupInvitations.userId))
    .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.status, "offen")))
    .orderBy(asc(users.displayName))
    .all();
}

/** Open invitations of a user, across groups (start page, group page). */
export function listMyGroupInvitations(userId: number) {
  return getDb()
    .select({ id: groupInvitations.id, role: groupInvitations.role, groupSlug: groups.slug, groupTitle: groups.title })
    .from(groupInvitations)
    .innerJoin(groups, eq(groups.id, groupInvitations.groupId))
    .where(and(eq(groupInvitations.userId, userId), eq(groupInvitations.status, "offen"), ne(groups.status, "archiviert")))
    .orderBy(asc(groups.title))
    .all();
}

export function myOpenInvitation(groupId: number, userId: number) {
  return getDb()
    .select({ id: groupInvitations.id, role: groupInvitations.role })
    .from(groupInvitations)
    .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.userId, userId), eq(groupInvitations.status, "offen")))
    .get();
}

/** Accepting or declining one's own invitation: the user id is in the where clause. */
export function answerInvitation(groupId: number, userId: number, accept: boolean): boolean {
  const db = getDb();
  return db.transaction(() => {
    const invitation = db
      .select({ id: groupInvitations.id, role: groupInvitations.role })
      .from(groupInvitations)
      .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.userId, userId), eq(groupInvitations.status, "offen")))
      .get();
    if (!invitation) return false;
    db.update(groupInvitations)
      .set({ status: accept ? "angenommen" : "abgelehnt", decidedAt: new Date() })
      .where(eq(groupInvitations.id, invitation.id))
      .run();
    if (accept) {
      addMember(groupId, userId, invitation.role, "invitation_accepted");
      // An open join request is answered by the membership.
      db.update(joinRequests)
        .set({ status: "angenommen", decidedAt: new Date() })
        .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.userId, userId), eq(joinRequests.status, "offen")))
        .run();
    }
    return true;
  });
}

// ── Members ─────────────────────────────────────────────────────────────────

export type MemberChange = "done" | "not_member" | "last_moderation";

/** Removing or leaving; a group never loses its last moderation this way. */
/** `actorId`: who did it — the person leaving, or the group moderation removing them (activity and feeds name them). */
export function removeMember(groupId: number, userId: number, reason: "removed" | "left", actorId: number = userId): MemberChange {
  const db = getDb();
  const outcome = db.transaction((): MemberChange => {
    const member = memberRole(groupId, userId);
    if (!member) return "not_member";
    if (member.role === "moderation" && moderationCount(groupId) <= 1) return "last_moderation";
    db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).run();
    recordActivity({ groupId, actorId, kind: "member_left", subjectId: userId, title: displayName(userId), detail: reason, link: "#mitglieder" });
    return "done";
  });
  if (outcome === "done") announceRightsChange({ userId, groupId, reason });
  return outcome;
}

export function changeMemberRole(groupId: number, userId: number, role: GroupRole): MemberChange {
  const db = getDb();
  const outcome = db.transaction((): MemberChange => {
    const member = memberRole(groupId, userId);
    if (!member) return "not_member";
    if (member.role === "moderation" && role !== "moderation" && moderationCount(groupId) <= 1) return "last_moderation";
    db.update(groupMembers).set({ role }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).run();
    return "done";
  });
  if (outcome === "done") announceRightsChange({ userId, groupId, reason: "role_changed" });
  return outcome;
}

/**
 * People who could be invited and match a search (name, organisation or
 * e-mail): active, not observers, not yet members. A portal has thousands
 * of accounts, so the form searches instead of listing everyone.
 */
export function searchInvitableUsers(groupId: number, query: string, limit = 20) {
  const db = getDb();
  const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matches = (column: SQL) => sql`lower(${column}) like ${pattern} escape '\\'`;
  return db
    .select({ id: users.id, displayName: users.displayName, organisation: users.organisation })
    .from(users)
    .where(
      and(
        sql`${users.deactivatedAt} is null`,
        ne(users.role, "observer"),
        or(matches(sql`${users.displayName}`), matches(sql`coalesce(${users.organisation}, '')`), matches(sql`${users.email}`)),
        notExists(
          db.select({ one: sql`1` }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, users.id))),
        ),
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(limit)
    .all();
}

// ── Observer grants (vertraulich groups) ────────────────────────────────────

export function grantObserver(groupId: number, userId: number, actorId: number): boolean {
  const db = getDb();
  const observer = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (observer?.role !== "observer") return false;
  db.insert(groupObserverGrants).values({ groupId, userId, grantedBy: actorId, createdAt: new Date() }).onConflictDoNothing().run();
  announceRightsChange({ userId, groupId, reason: "observer_granted" });
  return true;
}

export function revokeObserver(groupId: number, userId: number): void {
  const changed = getDb()
    .delete(groupObserverGrants)
    .where(and(eq(groupObserverGrants.groupId, groupId), eq(groupObserverGrants.userId, userId)))
    .run().changes;
  if (changed) announceRightsChange({ userId, groupId, reason: "observer_revoked" });
}

export function listObservers() {
  return getDb()
    .select({ id: users.id, displayName: users.displayName, organisation: users.organisation })
    .from(users)
    .where(and(eq(users.role, "observer"), sql`${users.deactivatedAt} is null`))
    .orderBy(asc(users.displayName))
    .all();
}
