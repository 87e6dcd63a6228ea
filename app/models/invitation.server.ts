import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { invitations, users, type GlobalRole } from "../../db/schema";
import { generateSecureRandomString, hashSecret } from "../auth/tokens.server";
import { insertUser, normalizeEmail } from "./user.server";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Creates an invitation; the token is returned once and only its hash is stored. */
export function createInvitation(input: { email: string; role: GlobalRole; invitedBy: number }, now = new Date()) {
  // Two random strings: 240 bits, for a link that grants an account.
  const token = generateSecureRandomString() + generateSecureRandomString();
  getDb()
    .insert(invitations)
    .values({
      email: normalizeEmail(input.email),
      role: input.role,
      tokenHash: hashSecret(token),
      invitedBy: input.invitedBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
    })
    .run();
  return { token };
}

const openWhere = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** The open invitation behind a token, or undefined when unknown, used, revoked or expired. */
export function findOpenInvitation(token: string, now = new Date()) {
  if (!/^[a-z2-9]{48}$/.test(token)) return undefined;
  return getDb()
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, hashSecret(token)), openWhere(now)))
    .get();
}

export function listOpenInvitations(now = new Date()) {
  return getDb()
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      invitedByName: users.displayName,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(openWhere(now))
    .orderBy(asc(invitations.expiresAt))
    .all();
}

export function getOpenInvitationById(id: number, now = new Date()) {
  return getDb()
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.id, id), openWhere(now)))
    .get();
}

export function revokeInvitation(id: number, now = new Date()): void {
  getDb().update(invitations).set({ revokedAt: now }).where(eq(invitations.id, id)).run();
}

/**
 * Turns an open invitation into an account, in one transaction: the
 * invitation can be used once even when two tabs submit at the same time.
 */
export function acceptInvitation(
  token: string,
  account: { displayName: string; passwordHash: string },
  now = new Date(),
): { userId: number } | { error: "invalid" | "email_taken" } {
  return getDb().transaction(() => {
    const invitation = findOpenInvitation(token, now);
    if (!invitation) return { error: "invalid" as const };
    const taken = getDb()
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${invitation.email}`)
      .get();
    if (taken) return { error: "email_taken" as const };
    const { id } = insertUser({
      email: invitation.email,
      displayName: account.displayName,
      role: invitation.role,
      passwordHash: account.passwordHash,
    });
    getDb()
      .update(invitations)
      .set({ acceptedAt: now, acceptedUserId: id })
      .where(eq(invitations.id, invitation.id))
      .run();
    return { userId: id };
  });
}
