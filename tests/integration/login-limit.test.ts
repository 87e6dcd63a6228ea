import { describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Issue 18, finding 1: the limits on password checks (5 per account, 20 per
 * address in 15 minutes) hold against many parallel requests, on the login and
 * on the password change page, and X-Forwarded-For decides the address only
 * when TRUST_PROXY declares the proxy. Each scenario gets a fresh server: the
 * limits live in the server's memory.
 */

// A fresh server plus up to ~140 requests, some of them argon2 verifications, on a busy 2-core machine.
const SCENARIO_TIMEOUT = 180_000;

const ANNA = "anna.schmidt@ag-portal.test";
const JONAS = "jonas.weber@ag-portal.test";
const NEW_PASSWORD = "Neue lange Passphrase 2026";

type Answer = { status: number; session: boolean; retryAfter: string | null; body: string };

/**
 * Sends all requests at once. `limitReached` settles with the first 429 (the
 * server has used a budget up) or, if none comes, when all have answered;
 * requests sent after it are "after the limit" without any timing.
 */
function burst(requests: Array<() => Promise<Response>>) {
  let reached!: () => void;
  const limitReached = new Promise<void>((resolve) => (reached = resolve));
  const answers = Promise.all(
    requests.map(async (send): Promise<Answer> => {
      const res = await send();
      const session = res.headers.getSetCookie().some((c) => /^ag_session=[^;]/.test(c));
      const answer = { status: res.status, session, retryAfter: res.headers.get("retry-after"), body: await res.text() };
      if (res.status === 429) reached();
      return answer;
    }),
  );
  answers.then(reached, reached);
  return { answers, limitReached };
}

/**
 * Sends `guesses` all at once and, once the server has used a budget up,
 * `late` all at once, while the guesses may still be in flight.
 */
async function guessesThenLate(guesses: Array<() => Promise<Response>>, late: Array<() => Promise<Response>>): Promise<Answer[]> {
  const first = burst(guesses);
  await first.limitReached;
  const second = burst(late);
  return [...(await first.answers), ...(await second.answers)];
}

const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

const statusCounts = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

function login(server: PortalServer, email: string, password: string, headers: Record<string, string> = {}) {
  return () => new PortalClient(server.origin).post("/anmelden", { email, password }, headers);
}

/** Every refusal says why in German and when to try again. */
function expectRefusals(answers: Answer[], message: string) {
  for (const refused of answers.filter((a) => a.status === 429)) {
    expect(Number(refused.retryAfter)).toBeGreaterThan(60);
    expect(refused.body).toContain(message);
  }
}

/** The client addresses in the request log of all POST /anmelden answered so far. */
function loggedLoginAddresses(server: PortalServer): string[] {
  return server
    .output()
    .split("\n")
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { req?: { method?: string; url?: string; ip?: string }; res?: unknown };
        return entry.res && entry.req?.method === "POST" && entry.req.url === "/anmelden" ? [String(entry.req.ip)] : [];
      } catch {
        return []; // not a log line, or one still being written
      }
    });
}

/** A held login limit: nobody got a session, only `counts` were answered as they were, and every refusal says why. */
function expectLoginLimitHeld(answers: Answer[], counts: Record<number, number>) {
  expect(answers.filter((a) => a.session)).toEqual([]);
  expect(statusCounts(answers)).toEqual(counts);
  expectRefusals(answers, "Zu viele fehlgeschlagene Anmeldeversuche");
}

/** One test on a fresh server (the limits live in its memory), stopped also when the test fails. */
function scenario(name: string, env: Record<string, string>, run: (server: PortalServer) => Promise<void>) {
  it(
    name,
    async () => {
      const server = await startPortal({ env });
      try {
        await run(server);
      } finally {
        await server.stop();
      }
    },
    SCENARIO_TIMEOUT,
  );
}

describe("login limit under parallel requests", () => {
  scenario(
    "verifies at most 5 of 120 parallel logins for one account; the right password sent after that gets no session",
    {},
    async (server) => {
      const answers = await guessesThenLate(
        times(120, (i) => login(server, ANNA, `falsch-geraten-${i}`)),
        // The right password, and more guesses.
        [...times(5, () => login(server, ANNA, DEMO_PASSWORD)), ...times(15, (i) => login(server, ANNA, `spaet-${i}`))],
      );
      expectLoginLimitHeld(answers, { 401: 5, 429: 135 });
    },
  );

  scenario(
    "verifies at most 20 of 100 parallel logins from one address across 25 accounts, known or not",
    {},
    async (server) => {
      const emails = [ANNA, JONAS, "admin@ag-portal.test", "moderation@ag-portal.test", "beobachtung@ag-portal.test"];
      emails.push(...times(20, (i) => `gibt-es-nicht-${i}@ag-portal.test`));
      const answers = await guessesThenLate(
        times(100, (i) => login(server, emails[i % 25], `falsch-geraten-${i}`)),
        // Jonas's account has a point left (4 guesses at most), the address has none.
        times(3, () => login(server, JONAS, DEMO_PASSWORD)),
      );
      expectLoginLimitHeld(answers, { 401: 20, 429: 83 });
    },
  );

  scenario(
    "checks at most 5 current passwords of 100 parallel password changes; the right one after that changes nothing",
    {},
    async (server) => {
      const jonas = new PortalClient(server.origin);
      const phone = new PortalClient(server.origin);
      await jonas.login(JONAS, DEMO_PASSWORD);
      await phone.login(JONAS, DEMO_PASSWORD);
      const change = (currentPassword: string) => () =>
        jonas.post("/konto/passwort", { currentPassword, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
      const answers = await guessesThenLate(
        times(100, (i) => change(`falsch-geraten-${i}`)),
        times(10, () => change(DEMO_PASSWORD)),
      );

      expect(statusCounts(answers)).toEqual({ 400: 5, 429: 105 });
      expectRefusals(answers, "Zu viele falsche Passwörter für dieses Konto");
      // One budget with the login: the account is used up there too.
      expect((await login(server, JONAS, DEMO_PASSWORD)()).status).toBe(429);
      // A changed password would have ended Jonas's other session.
      expect((await phone.get("/konto/sitzungen")).status).toBe(200);
    },
  );
});

describe("client address for the limit (TRUST_PROXY)", () => {
  const spreadGuesses = (server: PortalServer, forwardedFor: (i: number) => string) =>
    burst(times(100, (i) => login(server, `gibt-es-nicht-${i % 50}@ag-portal.test`, `falsch-${i}`, { "x-forwarded-for": forwardedFor(i) })));

  scenario(
    "ignores X-Forwarded-For by default: 100 different values from one client share one budget of 20",
    { LOG_LEVEL: "info" },
    async (server) => {
      const answers = await spreadGuesses(server, (i) => `203.0.113.${i}`).answers;
      expect(statusCounts(answers)).toEqual({ 401: 20, 429: 80 });
      // The request log names the address the limit counted (a line is written once its answer is out).
      await vi.waitFor(() => expect(loggedLoginAddresses(server).length, "log lines of the 100 logins").toBe(100), { timeout: 20_000 });
      expect(new Set(loggedLoginAddresses(server))).toEqual(new Set(["127.0.0.1"]));
    },
  );

  scenario(
    "with TRUST_PROXY=loopback counts per forwarded address: one address used up, others keep their budget",
    { TRUST_PROXY: "loopback", LOG_LEVEL: "info" },
    async (server) => {
      expect(statusCounts(await spreadGuesses(server, () => "198.51.100.7").answers)).toEqual({ 401: 20, 429: 80 });

      const fromOthers = await burst(
        times(10, (i) => login(server, `noch-jemand-${i}@ag-portal.test`, "falsch", { "x-forwarded-for": `198.51.100.${20 + i}` })),
      ).answers;
      expect(statusCounts(fromOthers)).toEqual({ 401: 10 });
      expect((await login(server, ANNA, DEMO_PASSWORD, { "x-forwarded-for": "198.51.100.7" })()).status).toBe(429);
      const anna = await login(server, ANNA, DEMO_PASSWORD, { "x-forwarded-for": "198.51.100.8" })();
      expect(anna.status).toBe(302);
      await vi.waitFor(() => expect(loggedLoginAddresses(server), "log line of Anna's login").toContain("198.51.100.8"), { timeout: 20_000 });
    },
  );
});
