import { type Executor, inTransaction } from '@tradeloom/db';
import { calendarDate, type DigestCompany, renderDigest } from '@tradeloom/shared';
import { type Expression, sql } from 'kysely';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { selectActiveUserProfiles } from '../auth/user-reads.ts';
import { companyNameOf, findMembershipStanding } from '../companies/company-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { enqueueJob } from '../events/jobs.ts';
import { EMAIL_MAX_ATTEMPTS, type emailJobPayload, NOTIFICATION_EMAIL_QUEUE } from './email-delivery.ts';
import { DEFAULT_USER_SETTINGS } from './user-settings.ts';

// The daily digest: once a day, at the hour a person chose in their own time zone, one email of
// the in-app notifications they have not read since their last digest (or in the last 24 hours),
// grouped by company. The hourly schedule finds who is due; each person's digest is one
// transaction that claims (user, local date) in notification_digests first-come: a second process
// (or a retried job) building the same digest finds the row taken and sends nothing.

export const DIGEST_QUEUE = 'notifications.digest';
/** The delivery log's event for a digest (it stands for many notifications, not one kind). */
export const DIGEST_EVENT = 'digest';

// No settings row: digests on, at 08:00 in Kolkata (the table's column defaults too).
const DEFAULTS = DEFAULT_USER_SETTINGS;

type DigestDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

function localHour(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

/** The local hour it is in every time zone people chose (and the default), at `now`. */
async function hoursByZone(db: Executor, now: Date): Promise<{ zone: string; hour: number }[]> {
  const rows = await db.selectFrom('notification_user_settings').select('time_zone').distinct().execute();
  const zones = new Set([DEFAULTS.timeZone, ...rows.map((row) => row.time_zone)]);
  // A zone this runtime does not know (saved before a tzdata change) must not stop everyone's digest.
  return [...zones].flatMap((zone) => {
    try {
      return [{ zone, hour: localHour(now, zone) }];
    } catch {
      return [];
    }
  });
}

/**
 * Where a person's digest starts: their last digest, or 24 hours ago. Notifications and digests
 * are both stamped by the database, so the window is read on its clock.
 */
function digestWindowStart(userId: Expression<string | null> | string) {
  return sql<Date>`coalesce((select max(d.created_at) from notification_digests d where d.user_id = ${userId}), now() - interval '24 hours')`;
}

/**
 * People whose digest hour it is now and who have missed something since their last digest: one
 * read over unread notifications, matched against the local hour of each time zone in use.
 */
async function dueRecipients(db: Executor, now: Date): Promise<{ userId: string; timeZone: string }[]> {
  const hours = await hoursByZone(db, now);
  const zone = sql<string>`coalesce(s.time_zone, ${DEFAULTS.timeZone})`;
  const hour = sql<number>`coalesce(s.digest_hour, ${DEFAULTS.digest.hour})`;
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('notification_user_settings as s', 's.user_id', 'n.user_id')
    .select(['n.user_id as userId', zone.as('timeZone')])
    .distinct()
    .where('n.user_id', 'is not', null)
    .where('n.read_at', 'is', null)
    .where(sql<boolean>`coalesce(s.digest_enabled, ${DEFAULTS.digest.enabled})`)
    .where((eb) => eb('n.created_at', '>', digestWindowStart(eb.ref('n.user_id'))))
    .where((eb) => eb.or(hours.map((h) => eb.and([eb(zone, '=', h.zone), eb(hour, '=', h.hour)]))))
    .execute();
  return rows.flatMap((row) => (row.userId ? [{ userId: row.userId, timeZone: row.timeZone }] : []));
}

type MissedCompany = DigestCompany & { companyId: string };

/** Unread notifications of the person since their last digest (or in the last 24 hours), per company they are still an active member of. */
async function missedByCompany(trx: Executor, deps: DigestDeps, userId: string): Promise<MissedCompany[]> {
  const rows = await trx
    .selectFrom('notifications')
    .select((eb) => ['company_id as companyId', companyNameOf(eb.ref('notifications.company_id')).as('companyName'), 'title', 'link_path'])
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('created_at', '>', digestWindowStart(userId))
    .orderBy('id', 'desc')
    .execute();
  const byCompany = new Map<string, DigestCompany>();
  for (const row of rows) {
    const group = byCompany.get(row.companyId) ?? { company: row.companyName, items: [] };
    group.items.push({ title: row.title, link: row.link_path ? `${deps.config.publicUrl}${row.link_path}` : null });
    byCompany.set(row.companyId, group);
  }
  const kept: MissedCompany[] = [];
  for (const [companyId, group] of byCompany) {
    // A person who left a company (or was disabled there) no longer hears of it.
    const standing = await findMembershipStanding(trx, companyId, userId);
    if (standing && !standing.disabledAt && standing.status === 'active') kept.push({ companyId, ...group });
  }
  return kept.sort((a, b) => a.company.localeCompare(b.company));
}

/**
 * Builds and queues one person's digest for their local day, or does nothing (nothing missed,
 * already built by another process). Returns whether this call queued it.
 */
export async function buildDigest(deps: DigestDeps, recipient: { userId: string; timeZone: string }): Promise<boolean> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const person = await selectActiveUserProfiles(trx).where('users.id', '=', recipient.userId).executeTakeFirst();
    // Never write to an address its owner has not confirmed.
    if (!person?.emailVerifiedAt) return false;
    const companies = await missedByCompany(trx, deps, recipient.userId);
    const items = companies.reduce((sum, company) => sum + company.items.length, 0);
    if (items === 0) return false;
    const digestDate = calendarDate(now, recipient.timeZone);
    const claimed = await trx
      .insertInto('notification_digests')
      .values({ user_id: recipient.userId, digest_date: digestDate, items })
      .onConflict((oc) => oc.columns(['user_id', 'digest_date']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) return false;
    const message = renderDigest({
      recipient: person.name,
      companies,
      inboxLink: `${deps.config.publicUrl}/notifications`,
      settingsLink: `${deps.config.publicUrl}/settings/notifications`,
    });
    const delivery = await trx
      .insertInto('notification_deliveries')
      .values({
        user_id: recipient.userId,
        // One company's digest shows in that company's delivery log; a digest across companies
        // belongs to the person alone (no admin of one company reads of the other's).
        company_id: companies.length === 1 ? (companies[0]?.companyId ?? null) : null,
        event_type: DIGEST_EVENT,
        channel: 'digest',
        to_address: person.email,
        subject: message.subject,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('notification_digests')
      .set({ delivery_id: delivery.id })
      .where('user_id', '=', recipient.userId)
      .where('digest_date', '=', digestDate)
      .execute();
    const job: z.input<typeof emailJobPayload> = { deliveryId: delivery.id, rendered: message };
    await enqueueJob(trx, NOTIFICATION_EMAIL_QUEUE, job, { runAt: now, maxAttempts: EMAIL_MAX_ATTEMPTS });
    return true;
  });
}

/** Every digest due at the clock's hour; returns how many this call queued. */
export async function sendDueDigests(deps: DigestDeps): Promise<number> {
  let queued = 0;
  for (const recipient of await dueRecipients(deps.db, deps.clock.now())) {
    if (await buildDigest(deps, recipient)) queued += 1;
  }
  return queued;
}

export function digestHandler(deps: DigestDeps): JobHandler {
  return { run: () => sendDueDigests(deps).then(() => undefined) };
}
