import type { ServerResponse } from "node:http";
import { deflatePieces, gzipJoin, type GzipPieces } from "./gzip-splice.server";

/** Larger responses are rendered every time: a few of them would crowd out every other page. */
export const MAX_CACHED_PAGE_BYTES = 512 * 1024;

// Headers that describe the body. Everything per-request (Set-Cookie, the CSP
// with its nonce, X-Request-Id, Date) comes from the current request instead.
const KEPT_HEADERS = ["content-type", "cache-control", "vary", "link", "content-language", "x-remix-response"];
// Remix marks redirects, thrown responses and errors of `?_data=` requests with these.
const REMIX_SPECIAL = ["x-remix-redirect", "x-remix-catch", "x-remix-error"];

/** A rendered response, its body cut at every occurrence of the CSP nonce it was rendered with. */
export type CachedPage = {
  headers: [string, string | number | string[]][];
  /** The body between nonces: parts[0] nonce parts[1] nonce … */
  parts: Buffer[];
  /** The parts deflated once, for gzip answers (gzip-splice.server.ts). */
  gzip: GzipPieces;
  bytes: number;
  expiresAt: number;
};

/**
 * The response as a cache entry, or null when it must not be cached: not a
 * 200, a Set-Cookie (session renewal, logout, flash), a Remix redirect/error
 * marker, or too large. Cache-Control is not asked: every signed-in response
 * says `no-store` to browsers and proxies (private-responses.server.ts), and
 * this cache, kept per session, is told what it may keep by isCacheablePath
 * (docs/decisions/011-signed-in-responses-no-store.md).
 */
export function toCachedPage(res: ServerResponse, body: Buffer, nonce: string | undefined, expiresAt: number): CachedPage | null {
  if (res.statusCode !== 200 || body.length > MAX_CACHED_PAGE_BYTES) return null;
  if (res.hasHeader("set-cookie")) return null;
  if (REMIX_SPECIAL.some((name) => res.hasHeader(name))) return null;
  const headers: CachedPage["headers"] = [];
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers.push([name, value]);
  }
  const parts = nonce ? splitAt(body, Buffer.from(nonce)) : [body];
  const gzip = deflatePieces(parts);
  const gzipBytes = gzip.deflated.reduce((n, b) => n + b.length, 0);
  // Kept plain (for answers without gzip) and deflated: both count against the budget.
  return { headers, parts, gzip, bytes: body.length + gzipBytes + 512, expiresAt };
}

/** The cached body with the current request's nonce wherever the old one was. */
export function bodyWithNonce(page: CachedPage, nonce: string | undefined): Buffer {
  if (page.parts.length === 1) return page.parts[0];
  const fresh = Buffer.from(nonce ?? "");
  const pieces: Buffer[] = [page.parts[0]];
  for (let i = 1; i < page.parts.length; i++) pieces.push(fresh, page.parts[i]);
  return Buffer.concat(pieces);
}

/** The same body gzip-compressed, from the parts deflated when the page was stored. */
export function gzipBodyWithNonce(page: CachedPage, nonce: string | undefined): Buffer {
  return gzipJoin(page.gzip, Buffer.from(nonce ?? ""));
}

// The nonce is 128 random bits in base64: it does not occur in a page by chance,
// so every occurrence is the nonce.
function splitAt(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, start)) {
    parts.push(body.subarray(start, at));
    start = at + separator.length;
  }
  parts.push(body.subarray(start));
  return parts;
}
