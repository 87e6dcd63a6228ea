import { afterEach, describe, expect, it, vi } from "vitest";
import { createPasswordCheckThrottle, type PasswordCheckOutcome } from "../../app/auth/password-check-throttle.server";

const limits = { account: 5, address: 20, windowSeconds: 15 * 60 };

/**
 * A password verification that stays pending until the test releases it, the
 * way argon2 keeps every parallel request in flight: all attempts are started
 * before any verification has finished.
 */
function heldVerifications() {
  const pending: Array<() => void> = [];
  let started = 0;
  const verify = (valid: boolean) => () => {
    started++;
    return new Promise<boolean>((resolve) => pending.push(() => resolve(valid)));
  };
  const releaseAll = () => pending.splice(0).forEach((release) => release());
  return { verify, releaseAll, started: () => started };
}

/** Starts all attempts at once; releases the verifications only when every attempt has either reached its verification or been refused. */
async function runAtOnce(attempts: Array<{ account: string; address: string; valid?: boolean }>, throttle = createPasswordCheckThrottle(limits)) {
  const held = heldVerifications();
  let decided = 0;
  const outcomes = attempts.map((a) =>
    throttle.check({ account: a.account, address: a.address }, () => {
      decided++;
      return held.verify(a.valid ?? false)();
    }).then((outcome) => {
      if (outcome.kind === "blocked") decided++;
      return outcome;
    }),
  );
  await vi.waitFor(() => expect(decided, "every attempt verified or refused").toBe(attempts.length), { timeout: 5_000 });
  held.releaseAll();
  return { outcomes: await Promise.all(outcomes), verified: held.started() };
}

const count = (outcomes: PasswordCheckOutcome[], kind: "valid" | "wrong" | "blocked") =>
  outcomes.filter((o) => (kind === "blocked" ? o.kind === "blocked" : o.kind === "checked" && o.valid === (kind === "valid"))).length;

afterEach(() => {
  vi.useRealTimers();
});

describe("password check throttle", () => {
  it("verifies at most 5 of 100 parallel attempts for one account, however many are in flight", async () => {
    const attempts = Array.from({ length: 100 }, (_, i) => ({ account: "anna@example.org", address: `10.0.0.${i}` }));
    const { outcomes, verified } = await runAtOnce(attempts);
    expect(verified).toBe(5);
    expect(count(outcomes, "wrong")).toBe(5);
    expect(count(outcomes, "blocked")).toBe(95);
  });

  it("verifies at most 20 of 100 parallel attempts from one address spread over 25 accounts", async () => {
    const attempts = Array.from({ length: 100 }, (_, i) => ({ account: `person-${i % 25}@example.org`, address: "192.0.2.1" }));
    const { outcomes, verified } = await runAtOnce(attempts);
    expect(verified).toBe(20);
    expect(count(outcomes, "blocked")).toBe(80);
  });

  it("lets the right password through only while points are left, and a success gives its point back", async () => {
    const throttle = createPasswordCheckThrottle(limits);
    const who = { account: "jonas@example.org", address: "192.0.2.2" };
    // Many successes in a row never block: each returns its point.
    for (let i = 0; i < 30; i++) expect(await throttle.check(who, async () => true)).toEqual({ kind: "checked", valid: true });
    for (let i = 0; i < 4; i++) expect(await throttle.check(who, async () => false)).toEqual({ kind: "checked", valid: false });
    expect(await throttle.check(who, async () => true)).toEqual({ kind: "checked", valid: true });
    // Failures stay counted after a success: one more wrong one, then the account is used up.
    expect(await throttle.check(who, async () => false)).toEqual({ kind: "checked", valid: false });
    const verify = vi.fn(async () => true);
    expect((await throttle.check(who, verify)).kind).toBe("blocked");
    expect(verify).not.toHaveBeenCalled();
  });

  it("gives back the points of a refused attempt: a used-up account costs other addresses nothing, and the reverse", async () => {
    const throttle = createPasswordCheckThrottle(limits);
    for (let i = 0; i < 5; i++) await throttle.check({ account: "used-up@example.org", address: "192.0.2.10" }, async () => false);
    // 50 refusals for the used-up account from a second address …
    for (let i = 0; i < 50; i++) {
      expect((await throttle.check({ account: "used-up@example.org", address: "192.0.2.11" }, async () => true)).kind).toBe("blocked");
    }
    // … leave that address all its 20 attempts.
    const { outcomes } = await runAtOnce(
      Array.from({ length: 20 }, (_, i) => ({ account: `other-${i}@example.org`, address: "192.0.2.11" })),
      throttle,
    );
    expect(count(outcomes, "wrong")).toBe(20);
    // That address is used up now; its refusals leave an account it names all 5 attempts from elsewhere.
    for (let i = 0; i < 10; i++) await throttle.check({ account: "fresh@example.org", address: "192.0.2.11" }, async () => false);
    for (let i = 0; i < 5; i++) {
      expect(await throttle.check({ account: "fresh@example.org", address: "192.0.2.12" }, async () => false)).toEqual({ kind: "checked", valid: false });
    }
  });

  it("says how long to wait (Retry-After) and allows attempts again once the window has passed", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-02T09:00:00Z") });
    const throttle = createPasswordCheckThrottle(limits);
    const who = { account: "wait@example.org", address: "192.0.2.20" };
    for (let i = 0; i < 5; i++) await throttle.check(who, async () => false);
    vi.advanceTimersByTime(60_000);
    const outcome = await throttle.check(who, async () => true);
    expect(outcome).toEqual({ kind: "blocked", retryAfterSeconds: 840, retryAfterMinutes: 14, headers: { "Retry-After": "840" } });
    vi.advanceTimersByTime(840_000);
    expect(await throttle.check(who, async () => true)).toEqual({ kind: "checked", valid: true });
  });
});
