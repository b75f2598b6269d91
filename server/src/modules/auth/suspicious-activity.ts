import type { Executor } from '@tradeloom/db';
import type { SuspiciousActivity } from '@tradeloom/shared';
import { sql } from 'kysely';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';

// Rules over the failed sign-ins of a recent window, computed when an operator reads them: the
// window is short and indexed by time, so there is nothing to keep up to date in between.

export const SUSPICION_WINDOW_MINUTES = 60;
/** One address failing on this many distinct accounts is password spraying or credential stuffing. */
export const IP_DISTINCT_ACCOUNTS = 5;
/** This many failures on one account is someone guessing its password (the back-off starts at 5). */
export const ACCOUNT_FAILURES = 5;

const FAILED = ['login.failed', 'login.throttled'];

export async function suspiciousActivity(db: Executor): Promise<SuspiciousActivity[]> {
  const since = sql<Date>`now() - make_interval(mins => ${SUSPICION_WINDOW_MINUTES})`;
  const failures = db.selectFrom('security_events').where('type', 'in', FAILED).where('created_at', '>=', since);
  const [byIp, byAccount] = await Promise.all([
    failures
      .select((eb) => [
        'ip as subject',
        eb.fn.countAll<number>().as('failures'),
        sql<number>`count(DISTINCT email)`.as('accounts'),
        isoTimestamp(eb.fn.min<Date>('created_at')).as('firstAt'),
        isoTimestamp(eb.fn.max<Date>('created_at')).as('lastAt'),
      ])
      .where('ip', 'is not', null)
      .groupBy('ip')
      .having(sql`count(DISTINCT email)`, '>=', IP_DISTINCT_ACCOUNTS)
      .execute(),
    failures
      .select((eb) => [
        'email as subject',
        eb.fn.countAll<number>().as('failures'),
        sql<number>`1`.as('accounts'),
        isoTimestamp(eb.fn.min<Date>('created_at')).as('firstAt'),
        isoTimestamp(eb.fn.max<Date>('created_at')).as('lastAt'),
      ])
      .where('email', 'is not', null)
      .groupBy('email')
      .having((eb) => eb.fn.countAll(), '>=', ACCOUNT_FAILURES)
      .execute(),
  ]);
  const of = (rule: SuspiciousActivity['rule'], rows: typeof byIp) =>
    rows.map((row) => ({
      rule,
      subject: row.subject ?? '',
      failures: Number(row.failures),
      accounts: Number(row.accounts),
      firstAt: row.firstAt,
      lastAt: row.lastAt,
    }));
  return [...of('ip_many_accounts', byIp), ...of('account_many_failures', byAccount)].sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}

/** The rules an event trips: a failed sign-in from a flagged address or on a flagged account. */
export function flagsOf(
  event: { kind: string; ip: string | null; email: string | null },
  suspicious: SuspiciousActivity[],
): SuspiciousActivity['rule'][] {
  if (!FAILED.includes(event.kind)) return [];
  return suspicious.filter((s) => (s.rule === 'ip_many_accounts' ? s.subject === event.ip : s.subject === event.email)).map((s) => s.rule);
}
