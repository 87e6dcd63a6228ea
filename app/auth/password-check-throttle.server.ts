import type { HeadersFunction } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { singleton } from "../server/singleton.server";

/**
 * Every check of a password someone types (login, current password on the
 * change page) is limited per account and per client address: 5 for one
 * account and 20 from one address in 15 minutes.
 *
 * A point is taken BEFORE the hash is verified and given back only when the
 * password was right. Checking first and counting after the (slow) verify let
 * parallel requests all pass the check before any failure was counted
 * (issue 18: 150 at once were all evaluated). Taking the point first is one
 * synchronous step of the limiter, so however many requests arrive at once,
 * at most the limit of wrong passwords is ever verified within the window.
 * Failures stay counted after a success: success returns only its own point.
 */
export const ACCOUNT_ATTEMPTS = 5;
export const ADDRESS_ATTEMPTS = 20;
export const WINDOW_SECONDS = 15 * 60;

export type PasswordCheckOutcome =
  | { kind: "checked"; valid: boolean }
  | { kind: "blocked"; retryAfterSeconds: number; retryAfterMinutes: number; headers: { "Retry-After": string } };

export type PasswordCheckThrottle = {
  /** Runs `verify` only if both budgets have a point left; `verify` says whether the password was right. */
  check(who: { account: string; address: string }, verify: () => Promise<boolean>): Promise<PasswordCheckOutcome>;
};

export function createPasswordCheckThrottle(limits: { account: number; address: number; windowSeconds: number }): PasswordCheckThrottle {
  const byAccount = new RateLimiterMemory({ keyPrefix: "pw_account", points: limits.account, duration: limits.windowSeconds });
  const byAddress = new RateLimiterMemory({ keyPrefix: "pw_address", points: limits.address, duration: limits.windowSeconds });

  return {
    async check(who, verify) {
      // The address first: an address that is used up creates no entries for the accounts it names.
      const address = await take(byAddress, who.address);
      if (address !== true) return blocked(address);
      const account = await take(byAccount, who.account);
      if (account !== true) {
        await byAddress.reward(who.address);
        return blocked(account);
      }
      const valid = await verify();
      if (valid) await Promise.all([byAccount.reward(who.account), byAddress.reward(who.address)]);
      return { kind: "checked", valid };
    },
  };
}

/** Takes one point; when none is left, gives it back (nothing was verified) and says how long to wait. */
async function take(limiter: RateLimiterMemory, key: string): Promise<true | { msBeforeNext: number }> {
  try {
    await limiter.consume(key);
    return true;
  } catch (refusal) {
    await limiter.reward(key);
    // The memory limiter refuses with a RateLimiterRes; anything else would be a fault: wait the whole window.
    return { msBeforeNext: refusal instanceof RateLimiterRes ? refusal.msBeforeNext : WINDOW_SECONDS * 1000 };
  }
}

function blocked({ msBeforeNext }: { msBeforeNext: number }): PasswordCheckOutcome {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return { kind: "blocked", retryAfterSeconds: seconds, retryAfterMinutes: Math.ceil(seconds / 60), headers: { "Retry-After": String(seconds) } };
}

/** The throttle of this process, shared by the login and the password change page. */
export function passwordCheckThrottle(): PasswordCheckThrottle {
  return singleton("passwordCheckThrottle", () =>
    createPasswordCheckThrottle({ account: ACCOUNT_ATTEMPTS, address: ADDRESS_ATTEMPTS, windowSeconds: WINDOW_SECONDS }),
  );
}

/** For a document request Remix takes headers from the route, not from the action: pass a 429's Retry-After on. */
export const retryAfterFromAction: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? new Headers({ "Retry-After": retryAfter }) : new Headers();
};
