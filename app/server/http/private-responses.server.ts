import type { RequestHandler, Response } from "express";

/** The Cache-Control of every response to a signed-in request (ASVS 14.3.2). */
export const PRIVATE_NO_STORE = "private, no-store";

/**
 * A response to a signed-in request may show personal content (pages, `?_data=`
 * answers, downloads, redirects, error pages): no browser cache, back button on
 * a shared computer after signing out, or proxy may keep it. The header is set
 * when the headers go out, so it replaces whatever a route or a replay of the
 * rendered-page cache put there, and there is one Cache-Control, not two.
 * Mounted after the session check; static files under /build and /fonts are
 * answered before it and keep their long caching.
 */
export const noStoreWhenSignedIn: RequestHandler = (_req, res, next) => {
  if (res.locals.auth) beforeHeadersGoOut(res, () => res.setHeader("Cache-Control", PRIVATE_NO_STORE));
  next();
};

// Node calls writeHead for implicit headers too (the first write or end). Headers
// passed to writeHead itself would still win; nothing after this middleware passes any.
function beforeHeadersGoOut(res: Response, hook: () => void): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    hook();
    return (writeHead as (...a: typeof args) => Response).apply(this, args);
  } as Response["writeHead"];
}
