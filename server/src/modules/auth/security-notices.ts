import { randomUUID } from 'node:crypto';
import type { Executor } from '@tradeloom/db';
import type { SecurityKind } from '@tradeloom/shared';
import type { Clock } from '../../lib/clock.ts';
import { activeCompanyIdsOf } from '../companies/company-reads.ts';
import { notify } from '../notifications/engine.ts';

// Tells a person that something changed on their account, in each company they belong to: the
// kinds are mandatory, so it is emailed whatever their settings and even in their quiet hours.

const NOTICES: Record<SecurityKind, { title: string; body: string }> = {
  'security.password_changed': {
    title: 'Your Tradeloom password was changed',
    body: 'If you did not change it, reset your password now from the sign-in page and tell your company’s admin.',
  },
  'security.two_factor_disabled': {
    title: 'Two-factor sign-in was turned off on your Tradeloom account',
    body: 'If you did not turn it off, reset your password now, turn two-factor sign-in back on and tell your company’s admin.',
  },
};

export async function tellSecurityNotice(trx: Executor, clock: Clock, userId: string, kind: SecurityKind): Promise<void> {
  // Each change is its own cause: a second change the same day is told again.
  const dedupeKey = `security:${kind}:${randomUUID()}`;
  for (const companyId of await activeCompanyIdsOf(trx, userId)) {
    await notify(trx, {
      companyId,
      kind,
      ...NOTICES[kind],
      linkPath: '/account',
      entityType: 'user',
      entityId: userId,
      dedupeKey,
      userIds: [userId],
      now: clock.now(),
    });
  }
}
