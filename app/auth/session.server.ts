import { and, eq, gt, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { sessions, users, type GlobalRole } from "../../db/schema";
import { portalEvents } from "../server/events.server";
import { generateSecureRandomString, hashesEqual, hashSecret } from "./tokens.server";

/**
 * Sessions after Lucia's guide (lucia-auth.com, "Sessions"); see
 * docs/decisions/001-sessions-after-lucia-guide.md. The token handed to the
 * browser is `<id>.<secret>`; only SHA-256(secret) is stored.
 */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_RENEW_BEFORE_MS = 15 * 24 * 60 * 60 * 1000;
/** "Last used" is shown to the user, not used for security: a minute's precision spares writes. */
const LAST_USED_PRECISION_MS = 60 * 1000;

export type SessionUser = {
  id: number;
  email: string;
  displayName: string;
  organisation: string | null;
  role: GlobalRole;
};

export type ValidSession = {
  id: string;
  userId: number;
  expiresAt: Date;
  /** True when this validation moved the expiry: the cookie must be sent again. */
  renewed: boolean;
};

/**
 * The lookup behind every request with a cookie, prepared once per database
 * client instead of being built and compiled again each time.
 */
const preparedLookups = new WeakMap<Db, ReturnType<typeof prepareSessionQuery>>();
function prepareSessionQuery(db: Db) {
  return db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      expiresAt: sessions.expiresAt,
      lastUsedAt: sessions.lastUsedAt,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        organisation: users.organisation,
        role: users.role,
        deactivatedAt: users.deactivatedAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare();
}
function sessionQuery(db: Db) {
  let query = preparedLookups.get(db);
  if (!query) preparedLookups.set(db, (query = prepareSessionQuery(db)));
  return query;
}

export function createSession(userId: number, userAgent: string | null, now = new Date()) {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  getDb()
    .insert(sessions)
    .values({
      id,
      secretHash: hashSecret(secret),
      userId,
      createdAt: now,
      expiresAt,
      lastUsedAt: now,
      userAgent: userAgent?.slice(0, 512) ?? null,
    })
    .run();
  return { token: `${id}.${secret}`, id, expiresAt };
}

/** Validates a token; null when malformed, unknown, wrong, expired or the user is deactivated. */
export function validateSessionToken(
  token: string,
  now = new Date(),
): { session: ValidSession; user: SessionUser } | null {
  const parts = token.split(".");
  if (parts.length !== 2 || parts[0].length !== 24 || parts[1].length !== 24) return null;
  const [id, secret] = parts;
  const db = getDb();
  const row = sessionQuery(db).get({ id });
  if (!row) return null;
  // Compare even for an expired session, so timing says nothing about expiry.
  const secretMatches = hashesEqual(hashSecret(secret), row.secretHash);
  if (!secretMatches) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (row.user.deactivatedAt) return null;

  let expiresAt = row.expiresAt;
  const renewed = expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE_MS;
  if (renewed) expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  if (renewed || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    db.update(sessions).set({ expiresAt, lastUsedAt: now }).where(eq(sessions.id, id)).run();
  }
  const { deactivatedAt: _ignored, ...user } = row.user;
  return { session: { id, userId: user.id, expiresAt, renewed }, user };
}

/**
 * The user behind a session id as the database has it now, or null when the
 * session ended, expired or its user was deactivated. Open sockets call this
 * when rights may have changed: they hold no secret to validate again, and
 * need the current role and name rather than those of their handshake.
 */
export function findSessionUser(sessionId: string, now = new Date()): { user: SessionUser; expiresAt: Date } | null {
  const row = sessionQuery(getDb()).get({ id: sessionId });
  if (!row || row.expiresAt.getTime() <= now.getTime() || row.user.deactivatedAt) return null;
  const { deactivatedAt: _ignored, ...user } = row.user;
  return { user, expiresAt: row.expiresAt };
}

export function invalidateSession(sessionId: string, userId: number, reason = "logout"): void {
  getDb()
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .run();
  portalEvents.emit("sessions:invalidated", { userId, sessionIds: [sessionId], reason });
}

/** Ends all sessions of a user, or all but one (password change, "alle anderen abmelden"). */
export function invalidateUserSessions(userId: number, reason: string, exceptSessionId?: string): void {
  const db = getDb();
  const where = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  const ended = db.delete(sessions).where(where).returning({ id: sessions.id }).all();
  portalEvents.emit("sessions:invalidated", {
    userId,
    sessionIds: exceptSessionId ? ended.map((s) => s.id) : "all",
    reason,
  });
}

export function listActiveSessions(userId: number, now = new Date()) {
  return getDb()
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(sessions.lastUsedAt)
    .all()
    .reverse();
}
