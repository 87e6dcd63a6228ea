import { feedTexts as t } from "~/i18n/feeds";
import { validateFeedToken } from "~/models/feed-token.server";
import { getEnv } from "~/server/env.server";

/**
 * The shared parts of the feed routes. A feed has no session: the personal
 * token in its path is the credential, checked on every request. Answers
 * are never cached by anyone but the reader itself: access can end at any
 * time (revoked token, left group).
 */

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" };

/** The token's user, or a short German 404 (unknown, garbled and revoked tokens look the same). */
export function requireFeedUser(token: string | undefined) {
  const user = token ? validateFeedToken(token) : null;
  if (!user) throw new Response(t.invalidToken, { status: 404, headers: PLAIN });
  return user;
}

/** Missing and unreadable things answer alike: confidential groups do not reveal that they exist. */
export function feedNotFound(): never {
  throw new Response(t.notFound, { status: 404, headers: PLAIN });
}

export function atomResponse(xml: string, request: Request): Response {
  return new Response(request.method === "HEAD" ? null : xml, {
    status: 200,
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

/** An absolute URL in the portal from a path (the stored links are paths). */
export function portalUrl(path: string): string {
  const origin = getEnv().PUBLIC_ORIGIN;
  return new URL(path.startsWith("/") ? path : `/${path}`, origin).toString();
}

export function portalOrigin(): string {
  return getEnv().PUBLIC_ORIGIN;
}
