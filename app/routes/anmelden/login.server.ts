import { passwordCheckThrottle } from "~/auth/password-check-throttle.server";
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
 * always verified, and the e-mail's budget is taken whether or not it has an
 * account), so the answer says nothing about who has an account.
 */
export async function attemptLogin(input: {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}): Promise<Outcome> {
  const user = findUserForLogin(input.email);
  const outcome = await passwordCheckThrottle().check({ account: normalizeEmail(input.email), address: input.ip }, async () => {
    const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
    return Boolean(user && valid && !user.deactivatedAt);
  });
  if (outcome.kind === "blocked") {
    return { ok: false, status: 429, message: de.login.tooMany(outcome.retryAfterMinutes), headers: outcome.headers };
  }
  if (!outcome.valid || !user) return { ok: false, status: 401, message: de.login.failed };
  const session = createSession(user.id, input.userAgent);
  return { ok: true, cookie: sessionCookie(session.token, session.expiresAt) };
}
