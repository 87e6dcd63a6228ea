import { getEnv } from "../server/env.server";
import { logger } from "../server/logger.server";
import { berlinDay, DIGEST_TIME_ZONE, runDigest } from "./digest.server";
import { sendPendingMail } from "./outbox.server";

const TICK_MS = 60_000;
/** Failed mails are tried again this often. */
const RETRY_EVERY_TICKS = 5;
/** How long shutdown waits for a run in progress (the request grace period is 10 s). */
const STOP_WAIT_MS = 5_000;

function berlinHour(now: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: DIGEST_TIME_ZONE, hour: "numeric", hourCycle: "h23" }).formatToParts(now);
  return Number(parts.find((p) => p.type === "hour")!.value);
}

/** Due when the digest hour has come today (Berlin) and this process has not run it yet today. */
export function digestDue(now: Date, digestHour: number, lastRunDay: string | null): boolean {
  return berlinHour(now) >= digestHour && berlinDay(now) !== lastRunDay;
}

export type MailSchedulerOptions = {
  /** Default: DIGEST_HOUR from the environment. */
  digestHour?: number;
  /** How often the scheduler looks at the clock. */
  tickMs?: number;
  /** Failed mails are tried again every this many ticks. */
  retryEveryTicks?: number;
  /** Where the time comes from (the digest hour and day are read from it). */
  clock?: () => Date;
};

/**
 * Started by server.ts: once a minute it checks whether the day's digest is
 * due (DIGEST_HOUR, Europe/Berlin local time because the portal's users are
 * in Thuringia and "7 Uhr" should stay 7 Uhr across summer time), and every
 * few minutes it retries unsent mail. After a restart later in the day the
 * digest runs once more; the per-day dedup key makes that send only what no
 * digest of today has carried. stop() waits for a run in progress.
 */
export function startMailScheduler(options: MailSchedulerOptions = {}): { stop: () => Promise<void> } {
  const digestHour = options.digestHour ?? getEnv().DIGEST_HOUR;
  const tickMs = options.tickMs ?? TICK_MS;
  const retryEveryTicks = options.retryEveryTicks ?? RETRY_EVERY_TICKS;
  const clock = options.clock ?? (() => new Date());
  let lastRunDay: string | null = null;
  let ticks = 0;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;

  const tick = () => {
    if (busy) return;
    const now = clock();
    ticks++;
    let job: Promise<unknown> | null = null;
    if (digestDue(now, digestHour, lastRunDay)) {
      lastRunDay = berlinDay(now);
      job = runDigest(now).then((summary) => logger.info({ summary }, "daily digest run"));
    } else if ((ticks - 1) % retryEveryTicks === 0) {
      // The first tick too (ticks 1, 1 + n, …): mail a previous process left unsent goes out at the start.
      job = sendPendingMail().then((s) => (s.sent || s.failed ? logger.info({ summary: s }, "outbox retried") : undefined));
    }
    if (!job) return;
    busy = true;
    running = job.catch((error) => logger.error({ err: error }, "mail scheduler run failed")).finally(() => (busy = false));
  };

  const timer = setInterval(tick, tickMs);
  timer.unref();
  // Right after the start: the digest if due, otherwise the retry of unsent mail.
  setImmediate(tick);
  return {
    stop: async () => {
      clearInterval(timer);
      // A slow mail server must not hold up the shutdown; unsent rows are retried after the restart.
      await Promise.race([running, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
    },
  };
}
