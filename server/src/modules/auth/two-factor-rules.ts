import type { Config } from '../../config.ts';

/** A session signed in with the password only must give the second factor within this time. */
export const TWO_FACTOR_PENDING_MS = 10 * 60_000;

/**
 * Platform operators need two-factor sign-in in production. Outside production the demo operator
 * may go without, so the demo stays one click.
 */
export function operatorNeedsTwoFactor(env: Config['env'], user: { isPlatformAdmin: boolean; twoFactorEnabled: boolean }): boolean {
  return env === 'production' && user.isPlatformAdmin && !user.twoFactorEnabled;
}

/** The throttle key of an account's second-factor attempts (sign-in, enrolment, turning it off). */
export const twoFactorThrottleKey = (userId: string) => `two-factor:user:${userId}`;
