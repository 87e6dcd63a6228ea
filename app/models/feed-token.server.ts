import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { feedTokens, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { generateSecureRandomString, hashesEqual, hashSecret } from "../auth/tokens.server";

/**
 * Personal feed tokens: the credential of feed readers and scripts, which
 * carry no session cookie. The token is shown once; only its SHA-256 hash is
 * stored, so a copy of the database gives no working feed URLs.
 */

/** Two random strings of 120 bits each: 240 bits, only [a-z2-9]. */
const TOKEN_PATTERN = /^[a-z2-9]{48}$/;
/** "Last used" is shown to the user, not used for security: a minute's precision spares writes on every poll. */
const LAST_USED_PRECISION_MS = 60 * 1000;

export function createFeedToken(userId: number, label: string, now = new Date()): { id: number; token: string } {
  const token = generateSecureRandomString() + generateSecureRandomString();
  const row = getDb()
    .insert(feedTokens)
    .values({ userId, label, tokenHash: hashSecret(token), createdAt: now })
    .returning({ id: feedTokens.id })
    .get();
  return { id: row.id, token };
}

/** The user's tokens that still work, newest first; never the hash. */
export function listFeedTokens(userId: number) {
  return getDb()
    .select({ id: feedTokens.id, label: feedTokens.label, createdAt: feedTokens.createdAt, lastUsedAt: feedTokens.lastUsedAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.userId, userId), isNull(feedTokens.revokedAt)))
    .orderBy(desc(feedTokens.createdAt), desc(feedTokens.id))
    .all();
}

/** Revokes one of the user's own tokens: the user id is part of the where clause. */
export function revokeFeedToken(userId: number, tokenId: number, now = new Date()): boolean {
  return (
    getDb()
      .update(feedTokens)
      .set({ revokedAt: now })
      .where(and(eq(feedTokens.id, tokenId), eq(feedTokens.userId, userId), isNull(feedTokens.revokedAt)))
      .run().changes > 0
  );
}

/** The token's user, or null when the token is malformed, unknown, revoked or its user deactivated. */
export function validateFeedToken(token: string, now = new Date()): SessionUser | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = hashSecret(token);
  const db = getDb();
  const row = db
    .select({
      id: feedTokens.id,
      tokenHash: feedTokens.tokenHash,
      revokedAt: feedTokens.revokedAt,
      lastUsedAt: feedTokens.lastUsedAt,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        organisation: users.organisation,
        role: users.role,
        deactivatedAt: users.deactivatedAt,
      },
    })
    .from(feedTokens)
    .innerJoin(users, eq(users.id, feedTokens.userId))
    .where(eq(feedTokens.tokenHash, hash))
    .get();
  // The index lookup finds the row; the constant-time compare is the check that counts.
  if (!row || !hashesEqual(hash, row.tokenHash)) return null;
  if (row.revokedAt || row.user.deactivatedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    db.update(feedTokens).set({ lastUsedAt: now }).where(eq(feedTokens.id, row.id)).run();
  }
  const { deactivatedAt: _ignored, ...user } = row.user;
  return user;
}
