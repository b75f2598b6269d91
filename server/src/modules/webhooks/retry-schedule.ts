import { withJitter } from '../events/job-runner.ts';

// When a failed delivery is tried again. The first attempt goes at once; after each failure the
// next waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (each ±25 % jitter, the job runner's), so
// eight attempts span about 27 hours before the delivery is marked failed (the dead letter).
// Receivers that were down for a deploy catch up within minutes; one down overnight, by morning.

const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;

/** Attempts per delivery before it is given up on: the first and one per delay. */
export const WEBHOOK_MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The wait after the `attempts`-th failed attempt, before jitter; null once out of attempts. */
export function retryBaseDelay(attempts: number): number | null {
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}

/** When to try again after the `attempts`-th failure, or null: give up (dead letter). */
export function nextAttemptAt(now: Date, attempts: number): Date | null {
  const base = retryBaseDelay(attempts);
  return base === null ? null : new Date(now.getTime() + withJitter(base));
}

/** An endpoint whose every delivery has failed this long is disabled. */
export const AUTO_DISABLE_AFTER_MS = 3 * 86_400_000;
