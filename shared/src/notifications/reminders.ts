import { calendarDate } from '../calendar-week.ts';

// What the clock's reminders say, in one place: the reminders job words them, tests read them.

/** Hours before a tender closes that the buyer and the suppliers yet to answer are reminded. */
export const TENDER_REMINDER_HOURS = 24;

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` date as people read it: `5 Jan 2027`. */
function readableDate(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Whole days from `today` to `day` (both `YYYY-MM-DD`). */
function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** "GOTS certification CU-1234 expires on 5 Jan 2027, in 12 days" (valid through that day). */
export function certificationExpiringText(certification: { standard: string; number: string; validTo: string }, today: string): string {
  const days = daysBetween(today, certification.validTo);
  const when = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return `${certification.standard} certification ${certification.number} expires on ${readableDate(certification.validTo)}, ${when}`;
}

/** "today at 17:00" or "tomorrow at 09:30" as a reader in `timeZone` lives it at `now`. */
export function closingWhen(closesAt: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(closesAt);
  const closingDay = calendarDate(closesAt, timeZone);
  const day =
    closingDay === calendarDate(now, timeZone)
      ? 'today'
      : closingDay === calendarDate(new Date(now.getTime() + DAY_MS), timeZone)
        ? 'tomorrow'
        : `on ${readableDate(closingDay)}`;
  return `${day} at ${time}`;
}

/**
 * The buyer reads "RFQ-2026-000004 closes tomorrow at 17:00"; an invitee yet to answer reads
 * "Acme's RFQ-2026-000004 closes tomorrow at 17:00: you have not quoted yet".
 */
export function tenderClosingText(tender: { document: string; buyer: string; when: string }, side: 'buyer' | 'supplier'): string {
  return side === 'buyer'
    ? `${tender.document} closes ${tender.when}`
    : `${tender.buyer}’s ${tender.document} closes ${tender.when}: you have not quoted yet`;
}

/** The days past due at which an overdue invoice's buyer is reminded, once each (the ageing buckets' starts). */
export const INVOICE_REMINDER_STAGES = [
  { stage: 'overdue_1', days: 1 },
  { stage: 'overdue_31', days: 31 },
  { stage: 'overdue_61', days: 61 },
  { stage: 'overdue_91', days: 91 },
] as const;

/** "INV-2026-27/000001 from Acme is 12 days past due: INR 1250.00 to pay". */
export function invoiceOverdueText(invoice: {
  document: string;
  supplier: string;
  days: number;
  amount: string;
  currency: string;
}): string {
  const days = invoice.days === 1 ? '1 day' : `${invoice.days} days`;
  return `${invoice.document} from ${invoice.supplier} is ${days} past due: ${invoice.currency} ${invoice.amount} to pay`;
}
