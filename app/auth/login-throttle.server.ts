import { RateLimiterMemory } from "rate-limiter-flexible";
import { singleton } from "../server/singleton.server";

/**
 * Failed logins are counted per account and per IP (rate-limiter-flexible).
 * 5 failures for one account in 15 minutes, or 20 from one address, block
 * further attempts until the window has passed. Success clears the account.
 */
export const ACCOUNT_FAILURES = 5;
export const IP_FAILURES = 20;
const WINDOW_SECONDS = 15 * 60;

const limiters = singleton("loginLimiters", () => ({
  account: new RateLimiterMemory({ keyPrefix: "login_account", points: ACCOUNT_FAILURES, duration: WINDOW_SECONDS }),
  ip: new RateLimiterMemory({ keyPrefix: "login_ip", points: IP_FAILURES, duration: WINDOW_SECONDS }),
}));

/** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
export async function loginBlockedFor(accountKey: string, ip: string): Promise<number> {
  const [account, byIp] = await Promise.all([limiters.account.get(accountKey), limiters.ip.get(ip)]);
  const waits = [
    account && account.consumedPoints >= ACCOUNT_FAILURES ? account.msBeforeNext : 0,
    byIp && byIp.consumedPoints >= IP_FAILURES ? byIp.msBeforeNext : 0,
  ];
  return Math.max(...waits);
}

export async function recordLoginFailure(accountKey: string, ip: string): Promise<void> {
  // consume() rejects once the points are used up; that is the blocked state, not an error.
  await Promise.allSettled([limiters.account.consume(accountKey), limiters.ip.consume(ip)]);
}

export async function clearLoginFailures(accountKey: string): Promise<void> {
  await limiters.account.delete(accountKey);
}
