import type { RequestHandler } from "express";
import { de } from "../../i18n/de";
import type { Env } from "../env.server";
import { sendErrorPage } from "./error-page.server";
import { isOwnOrigin } from "./origin.server";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a non-GET request must come from the portal's own origin. Remix's own
 * origin check of actions then compares that origin with the public Host, which
 * requestTargetGuard (request-target.server.ts) has set for every request.
 */
export function csrfGuard(env: Env): RequestHandler {
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    if (!isOwnOrigin(req.headers, env.PUBLIC_ORIGIN)) return sendErrorPage(res, 403, de.errors.csrfTitle, de.errors.csrf);
    next();
  };
}

/** Routes that take file uploads get the upload limit (plus room for the other form fields). */
const uploadPaths = [/^\/gruppen\/[^/]+\/materialien\/?$/];
const MULTIPART_SLACK = 64 * 1024;

export function bodyLimitFor(path: string, env: Env): number {
  return uploadPaths.some((p) => p.test(path)) ? env.MAX_UPLOAD_BYTES + MULTIPART_SLACK : env.MAX_BODY_BYTES;
}

/**
 * Refuses oversized bodies before anything reads them. Browsers always send a
 * Content-Length with forms; a body without one is refused rather than read
 * without a bound.
 */
export function bodyLimit(env: Env): RequestHandler {
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      if (req.headers["transfer-encoding"]) {
        return sendErrorPage(res, 411, de.errors.badRequestTitle, de.errors.lengthRequired);
      }
      return next();
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) {
      return sendErrorPage(res, 400, de.errors.badRequestTitle, de.errors.badRequest);
    }
    if (length > bodyLimitFor(req.path, env)) {
      discardRestOfBody(req);
      return sendErrorPage(res, 413, de.errors.tooLargeTitle, de.errors.tooLarge);
    }
    next();
  };
}

const DISCARD_MS = 5_000;
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads and throws away a refused body while the 413 goes out. Closing the
 * connection at once instead makes a client that is still sending fail with
 * EPIPE/ECONNRESET, and the person sees a network error rather than our
 * German message. The discarding is bounded in time and bytes, so a client
 * that declares a huge or a false Content-Length cannot hold the connection.
 */
function discardRestOfBody(req: Parameters<RequestHandler>[0]): void {
  let seen = 0;
  const cut = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(cut, DISCARD_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_MAX_BYTES) cut();
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
}
