import type { RequestHandler } from "express";
import { clearedSessionCookie, readSessionToken, sessionCookie } from "../../auth/session-cookie.server";
import { validateSessionToken } from "../../auth/session.server";

/**
 * Validates the session cookie once per request and hands the result to Remix
 * through the load context (context.auth). A renewed session gets its cookie
 * again; a stale cookie is cleared.
 */
export const sessionMiddleware: RequestHandler = (req, res, next) => {
  const token = readSessionToken(req.headers.cookie);
  res.locals.auth = null;
  if (token) {
    const result = validateSessionToken(token);
    if (result) {
      res.locals.auth = result;
      if (result.session.renewed) res.append("Set-Cookie", sessionCookie(token, result.session.expiresAt));
    } else {
      res.append("Set-Cookie", clearedSessionCookie());
    }
  }
  next();
};
