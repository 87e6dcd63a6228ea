import type { Request, RequestHandler } from "express";
import { de } from "../../i18n/de";
import type { Env } from "../env.server";
import { sendErrorPage } from "./error-page.server";

/**
 * Requests whose address cannot be read are refused here with a German 400.
 * Further in, Express (which decodes route parameters) and the Remix adapter
 * (which builds `new URL(protocol://host + path)`) throw on them, and the
 * client's mistake became a 500 logged as a server error.
 *
 * The Host that Express and Remix see is set to the portal's public one for
 * every request: the portal builds its links from PUBLIC_ORIGIN, never from a
 * Host a client chose, and a Host or X-Forwarded-Host that names no host
 * ("a b", "[::", port 99999) can then no longer break the request URL. Behind
 * a proxy that rewrites Host, Remix's own origin check of actions compares
 * with this public Host too.
 */
/**
 * The methods a page of the portal may be asked with. Others (TRACE, TRACK,
 * PROPFIND, …) get a German 405 here: the Remix adapter builds a fetch
 * Request, which throws on TRACE and TRACK, and that was a 500 logged as a
 * server error (ASVS 13.4.4: TRACE is never served).
 */
const SERVED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ALLOW = "GET, HEAD, POST";

export function requestTargetGuard(env: Pick<Env, "PUBLIC_ORIGIN">): RequestHandler {
  const publicHost = new URL(env.PUBLIC_ORIGIN).host;
  return (req, res, next) => {
    if (!SERVED_METHODS.has(req.method)) {
      res.setHeader("Allow", ALLOW);
      return sendErrorPage(res, 405, de.errors.methodNotAllowedTitle, de.errors.methodNotAllowed);
    }
    if (!isReadable(req)) return sendErrorPage(res, 400, de.errors.badRequestTitle, de.errors.badRequest);
    req.headers.host = publicHost;
    delete req.headers["x-forwarded-host"];
    next();
  };
}

function isReadable(req: Request): boolean {
  // Only a path: the absolute form (`GET http://host/ HTTP/1.1`) is for proxies, and "*" names no page.
  if (!req.originalUrl.startsWith("/")) return false;
  // HTTP asks for a 400 when Host is no host (node checks only that HTTP/1.1 sends one).
  if (req.headers.host !== undefined && !isHost(req.headers.host)) return false;
  // X-Forwarded-Proto counts only from a trusted proxy; then it must still be a scheme the portal speaks.
  if (!/^https?$/i.test(req.protocol)) return false;
  try {
    decodeURIComponent(req.path);
    return true;
  } catch {
    // Broken percent-encoding ("/%FF", "/gruppen/%E0%A4%A").
    return false;
  }
}

/** "name", "name:port", "[v6]:port": what the URL parser takes as a host, with nothing of a path or userinfo around it. */
function isHost(value: string): boolean {
  return !/[/?#@\\]/.test(value) && URL.canParse(`http://${value}/`);
}
