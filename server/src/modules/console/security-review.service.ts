import type { SecurityEventListInput } from '@tradeloom/shared';
import type { ServiceContext } from '../../deps.ts';
import { listSecurityEvents } from '../auth/security-events.ts';
import { flagsOf, SUSPICION_WINDOW_MINUTES, suspiciousActivity } from '../auth/suspicious-activity.ts';

/** A page of security events, each flagged by the suspicious-activity rules it trips. */
export async function reviewSecurityEvents(ctx: ServiceContext, input: SecurityEventListInput) {
  const [page, suspicious] = await Promise.all([listSecurityEvents(ctx.deps.db, input), suspiciousActivity(ctx.deps.db)]);
  return {
    items: page.items.map((event) => ({ ...event, flags: flagsOf(event, suspicious) })),
    nextCursor: page.nextCursor,
    suspicious,
    windowMinutes: SUSPICION_WINDOW_MINUTES,
  };
}
