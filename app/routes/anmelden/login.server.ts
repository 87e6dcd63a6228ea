import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "~/auth/login-throttle.server";
import { verifyPassword } from "~/auth/password.server";
import { sessionCookie } from "~/auth/session-cookie.server";
import { createSession } from "~/auth/session.server";
import { de } from "~/i18n/de";
import { findUserForLogin, normalizeEmail } from "~/models/user.server";

type Outcome =
  | { ok: true; cookie: string }
  | { ok: false; status: 401 | 429; message: string; headers?: Record<string, string> };

/**
 * One login attempt. An unknown e-mail, a wrong password and a deactivated
 * account give the same answer after the same work (a password hash is
 * always verified), so the answer says nothing about who has an account.
 */
export async function attemptLogin(input: {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}): Promise<Outcome> {
  const accountKey = normalizeEmail(input.email);
  const waitMs = await loginBlockedFor(accountKey, input.ip);
  if (waitMs > 0) return tooMany(waitMs);

  const user = findUserForLogin(input.email);
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid || user.deactivatedAt) {
    await recordLoginFailure(accountKey, input.ip);
    return { ok: false, status: 401, message: de.login.failed };
  }
  await clearLoginFailures(accountKey);
  const session = createSession(user.id, input.userAgent);
  return { ok: true, cookie: sessionCookie(session.token, session.expiresAt) };
}

function tooMany(waitMs: number): Outcome {
  const seconds = Math.ceil(waitMs / 1000);
  return {
    ok: false,
    status: 429,
    message: de.login.tooMany(Math.ceil(seconds / 60)),
    headers: { "Retry-After": String(seconds) },
  };
}
