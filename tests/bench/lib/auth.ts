/**
 * Signing in through the login form (POST /anmelden, as a browser does) and
 * checking that a page fetched with the session cookie is the signed-in one,
 * before the runs and after each of them.
 */
import { request } from "./http-client";
import { invalidate, type Run } from "./load";
import type { Portal } from "./server";
import { ACCEPT_ENCODING } from "./settings";

/** Logs in and returns the session cookie ("ag_session=…"). */
export async function login(portal: Portal, email: string, password: string): Promise<string> {
  const body = new URLSearchParams({ email, password }).toString();
  const res = await request(`${portal.base}/anmelden`, {
    method: "POST",
    headers: {
      host: portal.host,
      origin: portal.origin,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  });
  const setCookie = res.headers["set-cookie"] ?? [];
  const session = setCookie.map((c) => /^(ag_session=[^;]+)/.exec(c)?.[1]).find(Boolean);
  if (res.status !== 302 || !session) {
    throw new Error(`login failed: status ${res.status}, no ag_session cookie\n${res.body.slice(0, 500)}\n${portal.server.logTail}`);
  }
  return session;
}

/** A page only a signed-in user with the right access sees, recognised by a text on it. */
export type SignedInPage = {
  path: string;
  /** Text the page must contain. */
  marker: string;
  /** What the page is, for messages: "the signed-in home". */
  description: string;
  /** What a smaller response is smaller than: "the signed-in page". */
  sizeName: string;
};

/** Fetches the page with the cookie; throws unless it is the expected page. Returns its size in bytes. */
export async function checkSignedInPage(portal: Portal, cookie: string, page: SignedInPage): Promise<number> {
  const res = await request(`${portal.base}${page.path}`, { method: "GET", headers: { host: portal.host, cookie } });
  if (res.status !== 200 || !res.body.includes(page.marker)) {
    throw new Error(
      `GET ${page.path} with the session cookie is not ${page.description} (status ${res.status}, no "${page.marker}")\n` +
        `body: ${res.body.slice(0, 300)}\nserver log: ${portal.server.logTail.slice(-1500)}`,
    );
  }
  return Buffer.byteLength(res.body);
}

/**
 * Checks for after each run of a signed-in page: every response was at least
 * as large as the page (the public start or a redirect is smaller; not
 * checkable when the body is compressed), and the page is still the signed-in
 * one after the run.
 */
export function signedInAfterRun(portal: Portal, cookie: string, page: SignedInPage, pageBytes: number) {
  return async (r: Run) => {
    if (!ACCEPT_ENCODING && r.responses2xx > 0 && r.bytesPerResponse.min < pageBytes) {
      invalidate(r, `a response of ${r.bytesPerResponse.min} bytes is smaller than ${page.sizeName} (${pageBytes})`);
    }
    try {
      await checkSignedInPage(portal, cookie, page);
    } catch (error) {
      invalidate(r, `after the run: ${(error as Error).message}`);
    }
  };
}
