import type { Executor } from '@tradeloom/db';
import { calendarDate, companyTimeZone, OPEN_ORDER_STATUSES, type OrderFilters, weekOf } from '@tradeloom/shared';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { findTradingProfile } from '../companies/company-reads.ts';

// Orders by their requested delivery date: the overview's "due this week" and "late" figures and
// the list filters they open resolve here, so a figure and its list count the same orders.

/** A window on `requested_delivery_date`; `openOnly` leaves out orders not sent or already delivered. */
export interface DueWindow {
  from?: string;
  to?: string;
  /** Strictly before this date. */
  before?: string;
  openOnly?: boolean;
}

export interface CompanyCalendar {
  today: string;
  week: { from: string; to: string };
}

/** Today and this Monday-to-Sunday week in the company's time zone. */
export async function companyCalendar(db: Executor, companyId: string, now: Date): Promise<CompanyCalendar> {
  const { country } = await findTradingProfile(db, companyId);
  const today = calendarDate(now, companyTimeZone(country));
  return { today, week: weekOf(today) };
}

/** Open orders to be delivered within this week. */
export const dueThisWeek = (calendar: CompanyCalendar): DueWindow => ({ ...calendar.week, openOnly: true });
/** Open orders whose requested delivery date has passed: not delivered, so late. */
export const lateDeliveries = (calendar: CompanyCalendar): DueWindow => ({ before: calendar.today, openOnly: true });

/** The window a list's due filters name; null when they name none (no company lookup then). */
export async function dueWindowOf(db: Executor, companyId: string, now: Date, filters: OrderFilters): Promise<DueWindow | null> {
  if (!filters.due && !filters.dueFrom && !filters.dueTo) return null;
  const named = filters.due ? (filters.due === 'thisWeek' ? dueThisWeek : lateDeliveries)(await companyCalendar(db, companyId, now)) : {};
  // Explicit bounds narrow a named window rather than replace it.
  return {
    ...named,
    from: [named.from, filters.dueFrom].filter(Boolean).sort().at(-1),
    to: [named.to, filters.dueTo].filter(Boolean).sort().at(0),
  };
}

/** The window as a condition on the orders row aliased `o`. */
export function dueWithin(window: DueWindow): RawBuilder<SqlBool> {
  const date = sql.ref('o.requested_delivery_date');
  const conditions = [sql`${date} is not null`];
  if (window.from) conditions.push(sql`${date} >= ${window.from}::date`);
  if (window.to) conditions.push(sql`${date} <= ${window.to}::date`);
  if (window.before) conditions.push(sql`${date} < ${window.before}::date`);
  if (window.openOnly) conditions.push(sql`${sql.ref('o.status')} in (${sql.join(OPEN_ORDER_STATUSES)})`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
