import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  listActiveSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "../../app/auth/session.server";
import { getDb } from "../../db/client.server";
import { sessions } from "../../db/schema";
import { setUserDeactivated } from "../../app/models/user.server";
import { portalEvents } from "../../app/server/events.server";
import { createTestUser } from "../fixtures/users";
import { useTempDatabase } from "../setup/test-db";
import { eq } from "drizzle-orm";

const day = 24 * 60 * 60 * 1000;
let db: ReturnType<typeof useTempDatabase>;
beforeAll(() => {
  db = useTempDatabase();
});
afterAll(() => db.cleanup());

describe("session tokens after Lucia's guide", () => {
  it("creates a token id.secret with 120 bits each and stores only a hash of the secret", async () => {
    const user = await createTestUser();
    const { token, id } = createSession(user.id, "Mozilla/5.0");
    const [tokenId, secret] = token.split(".");
    expect(tokenId).toBe(id);
    expect(tokenId).toMatch(/^[a-km-np-z2-9]{24}$/);
    expect(secret).toMatch(/^[a-km-np-z2-9]{24}$/);
    const row = getDb().select().from(sessions).where(eq(sessions.id, id)).get()!;
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("validates a fresh token and returns its user", async () => {
    const user = await createTestUser("moderator", "Mona Moderation");
    const { token } = createSession(user.id, null);
    const result = validateSessionToken(token);
    expect(result?.user).toMatchObject({ id: user.id, role: "moderator", displayName: "Mona Moderation" });
    expect(result?.session.renewed).toBe(false);
  });

  it("refuses a wrong secret, a malformed token and an unknown id", async () => {
    const user = await createTestUser();
    const { token } = createSession(user.id, null);
    const [id, secret] = token.split(".");
    const otherSecret = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
    expect(validateSessionToken(`${id}.${otherSecret}`)).toBeNull();
    expect(validateSessionToken(id)).toBeNull();
    expect(validateSessionToken(`${id}.${secret}.x`)).toBeNull();
    expect(validateSessionToken("")).toBeNull();
    expect(validateSessionToken(`${"a".repeat(24)}.${secret}`)).toBeNull();
  });

  it("expires after 30 days without use and deletes the expired session", async () => {
    const user = await createTestUser();
    const start = new Date("2026-01-01T10:00:00Z");
    const { token, id } = createSession(user.id, null, start);
    expect(validateSessionToken(token, new Date(start.getTime() + SESSION_LIFETIME_MS - 1000))).not.toBeNull();
    // That use renewed it; from the original start + 30 days + a bit, it is still valid:
    const later = new Date(start.getTime() + SESSION_LIFETIME_MS + day);
    expect(validateSessionToken(token, later)).not.toBeNull();
    // A session nobody uses for 30 days is gone.
    const unused = createSession(user.id, null, start);
    expect(validateSessionToken(unused.token, new Date(start.getTime() + SESSION_LIFETIME_MS))).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.id, unused.id)).get()).toBeUndefined();
    expect(getDb().select().from(sessions).where(eq(sessions.id, id)).get()).toBeDefined();
  });

  it("renews only when fewer than 15 days are left (sliding expiry)", async () => {
    const user = await createTestUser();
    const start = new Date("2026-02-01T08:00:00Z");
    const { token } = createSession(user.id, null, start);
    const at14 = validateSessionToken(token, new Date(start.getTime() + 14 * day))!;
    expect(at14.session.renewed).toBe(false);
    expect(at14.session.expiresAt.getTime()).toBe(start.getTime() + SESSION_LIFETIME_MS);
    const at16 = new Date(start.getTime() + 16 * day);
    const renewed = validateSessionToken(token, at16)!;
    expect(renewed.session.renewed).toBe(true);
    expect(renewed.session.expiresAt.getTime()).toBe(at16.getTime() + SESSION_LIFETIME_MS);
  });

  it("invalidates one session on logout and tells the realtime layer", async () => {
    const user = await createTestUser();
    const a = createSession(user.id, null);
    const b = createSession(user.id, null);
    const events: unknown[] = [];
    const listener = (e: unknown) => events.push(e);
    portalEvents.on("sessions:invalidated", listener);
    invalidateSession(a.id, user.id);
    portalEvents.off("sessions:invalidated", listener);
    expect(validateSessionToken(a.token)).toBeNull();
    expect(validateSessionToken(b.token)).not.toBeNull();
    expect(events).toEqual([{ userId: user.id, sessionIds: [a.id], reason: "logout" }]);
  });

  it("cannot end another user's session", async () => {
    const owner = await createTestUser();
    const intruder = await createTestUser();
    const s = createSession(owner.id, null);
    invalidateSession(s.id, intruder.id);
    expect(validateSessionToken(s.token)).not.toBeNull();
  });

  it("invalidates all other sessions on password change, and all on deactivation", async () => {
    const user = await createTestUser();
    const keep = createSession(user.id, null);
    const other = createSession(user.id, null);
    invalidateUserSessions(user.id, "password_changed", keep.id);
    expect(validateSessionToken(keep.token)).not.toBeNull();
    expect(validateSessionToken(other.token)).toBeNull();
    expect(listActiveSessions(user.id).map((s) => s.id)).toEqual([keep.id]);

    setUserDeactivated(user.id, true);
    expect(validateSessionToken(keep.token)).toBeNull();
    expect(listActiveSessions(user.id)).toEqual([]);
  });

  it("refuses a session of a deactivated user even if it survived in the table", async () => {
    const user = await createTestUser();
    const s = createSession(user.id, null);
    getDb().run(`UPDATE users SET deactivated_at = ${Date.now()} WHERE id = ${user.id}` as never);
    expect(validateSessionToken(s.token)).toBeNull();
  });
});

describe("cleanup", () => {
  it("deletes expired sessions and keeps valid ones", async () => {
    const { deleteExpiredSessions } = await import("../../app/auth/session-cleanup.server");
    const user = await createTestUser();
    const old = createSession(user.id, null, new Date("2020-01-01T00:00:00Z"));
    const fresh = createSession(user.id, null);
    expect(deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(getDb().select().from(sessions).where(eq(sessions.id, old.id)).get()).toBeUndefined();
    expect(validateSessionToken(fresh.token)).not.toBeNull();
  });
});
