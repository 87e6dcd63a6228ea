import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { users, type GlobalRole } from "../../db/schema";
import { invalidateUserSessions } from "../auth/session.server";
import { announceRightsChange } from "../auth/rights-hook.server";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** For login: the password hash travels only this far. */
export function findUserForLogin(email: string) {
  return getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
    .get();
}

export function emailTaken(email: string): boolean {
  return Boolean(
    getDb()
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
      .get(),
  );
}

export function getUserById(id: number) {
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export function getPasswordHash(userId: number): string | null {
  return getDb().select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.h ?? null;
}

export function listUsers() {
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      organisation: users.organisation,
      role: users.role,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .orderBy(asc(users.displayName))
    .all();
}

export function insertUser(values: {
  email: string;
  displayName: string;
  role: GlobalRole;
  passwordHash: string;
  organisation?: string | null;
}) {
  return getDb()
    .insert(users)
    .values({ ...values, email: values.email.trim(), createdAt: new Date() })
    .returning({ id: users.id })
    .get();
}

/** Changes the password and ends every other session of the user. */
export function changePassword(userId: number, passwordHash: string, keepSessionId: string): void {
  getDb().update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
  invalidateUserSessions(userId, "password_changed", keepSessionId);
}

/**
 * A new global role. Sessions stay: every request reads the role anew, and
 * the person's open sockets decide their documents and rooms again.
 */
export function setUserRole(userId: number, role: GlobalRole): void {
  getDb().update(users).set({ role }).where(eq(users.id, userId)).run();
  announceRightsChange({ userId, reason: "role_changed" });
}

/** Deactivation ends all sessions at once; their sockets close through the session event. */
export function setUserDeactivated(userId: number, deactivated: boolean): void {
  getDb()
    .update(users)
    .set({ deactivatedAt: deactivated ? new Date() : null })
    .where(eq(users.id, userId))
    .run();
  if (deactivated) invalidateUserSessions(userId, "deactivated");
  announceRightsChange({ userId, reason: deactivated ? "deactivated" : "reactivated" });
}
