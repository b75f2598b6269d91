import { type Executor, inTransaction } from '@tradeloom/db';
import { certificationExpiringText, closingWhen, companyTimeZone, TENDER_REMINDER_HOURS, tenderClosingText } from '@tradeloom/shared';
import type { AppDeps } from '../../deps.ts';
import { findCompanyName, findTradingProfile } from '../companies/company-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { findExpiringCertifications } from '../kyc/certification-reads.ts';
import { findClosingTenders } from '../sourcing/closing-tenders.ts';
import { notify } from './engine.ts';

// Reminders by the clock: an hourly schedule looks for what is about to lapse and tells the
// people concerned through notify(). Each reminder has a dedupe key naming its cause, so the
// hourly runs, a retried job or a second process racing this one tell each person once.
// (Complaint SLA reminders are the support module's own.)

export const REMINDERS_QUEUE = 'notifications.reminders';

type ReminderDeps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * Whether the company was already told of this cause: the hourly runs skip it rather than call
 * notify() again, whose dedupe covers in-app rows only — a member who takes reminders by email
 * alone would be emailed every hour. notify's dedupe stays the guarantee when two runs race.
 */
async function alreadyReminded(db: Executor, companyId: string, dedupeKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('company_id', '=', companyId)
    .where('dedupe_key', '=', dedupeKey)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Each certification ending within the warning period, once per certification and end date. */
async function remindExpiringCertifications(deps: ReminderDeps): Promise<void> {
  // Days as the certifications list counts them (UTC), so the reminder and the "expiring" badge agree.
  const today = deps.clock.now().toISOString().slice(0, 10);
  for (const certification of await findExpiringCertifications(deps.db, today)) {
    const dedupeKey = `reminder:certification:${certification.id}:${certification.validTo}`;
    if (await alreadyReminded(deps.db, certification.companyId, dedupeKey)) continue;
    await inTransaction(deps.db, (trx) =>
      notify(trx, {
        companyId: certification.companyId,
        kind: 'reminder.certification_expiring',
        title: certificationExpiringText(certification, today),
        // The certifications are listed on the company profile page.
        linkPath: '/company',
        entityType: 'certification',
        entityId: certification.id,
        document: certification.number,
        dedupeKey,
        now: deps.clock.now(),
      }),
    );
  }
}

/** The tender's buyer and each invitee yet to answer, once per tender and company, in their own time zone. */
async function remindClosingTenders(deps: ReminderDeps): Promise<void> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + TENDER_REMINDER_HOURS * 3_600_000);
  for (const tender of await findClosingTenders(deps.db, now, until)) {
    const dedupeKey = `reminder:tender:${tender.id}`;
    const recipients = [
      { companyId: tender.buyerId, side: 'buyer' as const, linkPath: `/tenders/${tender.id}` },
      ...tender.waitingSupplierIds.map((companyId) => ({ companyId, side: 'supplier' as const, linkPath: `/quote-requests/${tender.id}` })),
    ];
    const due: typeof recipients = [];
    for (const recipient of recipients) if (!(await alreadyReminded(deps.db, recipient.companyId, dedupeKey))) due.push(recipient);
    if (due.length === 0) continue;
    await inTransaction(deps.db, async (trx) => {
      const buyer = await findCompanyName(trx, tender.buyerId);
      for (const recipient of due) {
        const { country } = await findTradingProfile(trx, recipient.companyId);
        const when = closingWhen(tender.closesAt, now, companyTimeZone(country));
        await notify(trx, {
          companyId: recipient.companyId,
          kind: 'reminder.tender_closing',
          title: tenderClosingText({ document: tender.number, buyer, when }, recipient.side),
          linkPath: recipient.linkPath,
          entityType: 'tender',
          entityId: tender.id,
          document: tender.number,
          actorName: buyer,
          dedupeKey,
          now,
        });
      }
    });
  }
}

/** Everything due at the clock's time. */
export async function sendDueReminders(deps: ReminderDeps): Promise<void> {
  await remindExpiringCertifications(deps);
  await remindClosingTenders(deps);
}

export function remindersHandler(deps: ReminderDeps): JobHandler {
  return { run: () => sendDueReminders(deps) };
}
