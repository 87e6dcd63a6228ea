import crypto from "node:crypto";
import type { RequestHandler } from "express";
import type { Env } from "../env.server";

/**
 * Security headers for every response. The Content-Security-Policy carries a
 * fresh nonce per request; Remix's inline scripts get it through the load
 * context (entry.server.tsx, root.tsx), everything else must come from files.
 */
export function securityHeaders(env: Env): RequestHandler {
  const https = env.PUBLIC_ORIGIN.startsWith("https:");
  // Only under `remix dev`, whose live reload talks to its own port.
  const dev = Boolean(process.env.REMIX_DEV_ORIGIN);
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const connect = ["'self'"];
    if (dev) connect.push("ws://localhost:*", "http://localhost:*");
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        `connect-src ${connect.join(" ")}`,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (https || req.secure) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  };
}
