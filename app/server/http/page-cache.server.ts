import type { Request, RequestHandler, Response } from "express";
import { getDb } from "../../../db/client.server";
import type { Env } from "../env.server";
import { logger } from "../logger.server";
import { currentBuildVersion } from "../remix-handler.server";
import { ByteBudgetLru } from "./byte-budget-lru.server";
import { bodyWithNonce, gzipBodyWithNonce, MAX_CACHED_PAGE_BYTES, toCachedPage, type CachedPage } from "./cached-page.server";
import { dataVersion, isCacheablePath, pageCacheKey, timeBucket, TIME_BUCKET_MS } from "./page-cache-key.server";

/** Memory for rendered pages; at ~10–50 KB a page, a few thousand of them. */
const BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Serves signed-in pages rendered before, when nothing they show can have
 * changed (docs/decisions/007-rendered-page-cache.md). Mounted after the session
 * check (it needs the user and session) and after compression, so it stores the
 * uncompressed body and a hit is compressed like a fresh render.
 * `X-Page-Cache: hit|miss` tells operators what happened.
 */
export function pageCache(env: Pick<Env, "PAGE_CACHE">): RequestHandler {
  const cache = new ByteBudgetLru<CachedPage>(BUDGET_BYTES);
  return (req, res, next) => {
    const auth = res.locals.auth as { user: { id: number }; session: { id: string } } | null;
    const head = req.method === "HEAD";
    if (!env.PAGE_CACHE || !(req.method === "GET" || head) || !auth || !isCacheablePath(req.path)) return next();

    const now = Date.now();
    const key = pageCacheKey({
      userId: auth.user.id,
      sessionId: auth.session.id,
      // HEAD is answered from the GET's entry; Node sends its headers without the body.
      method: "GET",
      url: req.originalUrl,
      // Read before rendering: a write during the render only makes this entry unreachable sooner.
      dataVersion: dataVersion(getDb().$client),
      now,
      buildVersion: currentBuildVersion(),
    });
    const nonce = res.locals.cspNonce as string | undefined;
    const hit = cache.get(key, now);
    if (hit) return sendCached(req, res, hit, nonce);

    res.setHeader("X-Page-Cache", "miss");
    // Remix answers HEAD without a body: nothing to keep for the GETs.
    if (head) return next();
    captureBody(res, (body) => {
      const page = toCachedPage(res, body, nonce, timeBucket(now) + TIME_BUCKET_MS);
      if (page) cache.set(key, page, Date.now());
    });
    next();
  };
}

// The CSP header and X-Request-Id were set for this request by the middleware before; only the body's nonce is old.
// A client that takes gzip gets the body compressed from the entry's deflated prefix; the
// compression middleware leaves a response alone that already has a Content-Encoding.
function sendCached(req: Request, res: Response, page: CachedPage, nonce: string | undefined): void {
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("X-Page-Cache", "hit");
  res.vary("Accept-Encoding");
  const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
  const body = gzip ? gzipBodyWithNonce(page, nonce) : bodyWithNonce(page, nonce);
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.status(200).end(body);
}

type WriteArgs = [chunk: unknown, encoding?: unknown, callback?: unknown];

/**
 * Collects what the response writes, as passed to res.write/res.end (before
 * compression, which wrapped them earlier), and hands the body over when the
 * response ends. Stops collecting past the size limit.
 */
function captureBody(res: Response, onEnd: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (tooLarge || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array); // a copy: the writer may reuse its buffer
    size += buffer.length;
    if (size > MAX_CACHED_PAGE_BYTES) {
      tooLarge = true;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: Response, ...args: WriteArgs) {
    collect(args[0], args[1]);
    return (write as (...a: WriteArgs) => boolean).apply(this, args);
  } as Response["write"];
  res.end = function (this: Response, ...args: WriteArgs) {
    collect(args[0], args[1]);
    if (!tooLarge) {
      try {
        onEnd(Buffer.concat(chunks));
      } catch (error) {
        // A page that cannot be cached is still a page: answer it, just do not keep it.
        logger.warn({ err: error }, "page cache: response not stored");
      }
    }
    return (end as (...a: WriteArgs) => Response).apply(this, args);
  } as Response["end"];
}
