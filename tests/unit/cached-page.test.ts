import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { bodyWithNonce, MAX_CACHED_PAGE_BYTES, toCachedPage } from "../../app/server/http/cached-page.server";

function response(status = 200, headers: Record<string, string | string[]> = {}) {
  const res = new http.ServerResponse(new http.IncomingMessage(new net.Socket()));
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  return res;
}

const OLD = "b2xkLW5vbmNlLTEyMzQ1Ng==";
const NEW = "bmV3LW5vbmNlLTY1NDMyMQ==";
const html = `<html><script nonce="${OLD}">a()</script><p>Hallo</p><script nonce="${OLD}">b()</script></html>`;

describe("toCachedPage", () => {
  it("keeps a 200 page with the headers that describe its body, not per-request ones", () => {
    const page = toCachedPage(
      response(200, { Vary: "Accept-Encoding", "X-Request-Id": "abc-12345", "Content-Security-Policy": `script-src 'nonce-${OLD}'` }),
      Buffer.from(html),
      OLD,
      60_000,
    );
    expect(page).not.toBeNull();
    expect(Object.fromEntries(page!.headers)).toEqual({ "content-type": "text/html; charset=utf-8", vary: "Accept-Encoding" });
    expect(page!.expiresAt).toBe(60_000);
  });

  it.each([
    ["a non-200 status", response(404)],
    ["a Set-Cookie", response(200, { "Set-Cookie": "ag_session=x; Path=/" })],
    ["a Remix redirect of a data request", response(200, { "X-Remix-Redirect": "/anmelden" })],
  ])("refuses a response with %s", (_what, res) => {
    expect(toCachedPage(res, Buffer.from(html), OLD, 60_000)).toBeNull();
  });

  // Every signed-in response says no-store to browsers and proxies (decision 011); this cache keeps it
  // per session all the same, and a hit repeats the header.
  it("keeps a signed-in page that tells browsers and proxies not to store it, with that header", () => {
    const page = toCachedPage(response(200, { "Cache-Control": "private, no-store" }), Buffer.from(html), OLD, 60_000);
    expect(page).not.toBeNull();
    expect(Object.fromEntries(page!.headers)["cache-control"]).toBe("private, no-store");
  });

  it("refuses a body over the size limit", () => {
    expect(toCachedPage(response(), Buffer.alloc(MAX_CACHED_PAGE_BYTES + 1), OLD, 60_000)).toBeNull();
    expect(toCachedPage(response(), Buffer.alloc(MAX_CACHED_PAGE_BYTES), OLD, 60_000)).not.toBeNull();
  });
});

describe("bodyWithNonce", () => {
  it("puts the new nonce wherever the old one was and changes nothing else", () => {
    const page = toCachedPage(response(), Buffer.from(html), OLD, 60_000)!;
    const body = bodyWithNonce(page, NEW).toString();
    expect(body).toBe(html.replaceAll(OLD, NEW));
    expect(body).not.toContain(OLD);
  });

  it("returns a body without the nonce as it was", () => {
    const json = Buffer.from('{"user":{"displayName":"Anna"}}');
    expect(bodyWithNonce(toCachedPage(response(), json, OLD, 60_000)!, NEW).equals(json)).toBe(true);
  });
});
