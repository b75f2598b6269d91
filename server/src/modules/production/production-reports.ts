import type { Executor } from '@tradeloom/db';
import type { DateRange, StageLoad, StageLoadByMonth, WorkOrderStatus } from '@tradeloom/shared';
import { sql } from 'kysely';

// The production module's reports, for the reports module to serve.

// Not finished: a planned work order due this week is as due as a started one.
const RUNNING: WorkOrderStatus[] = ['planned', 'released', 'in_progress'];

/** Quantity still to make at each stage of work orders on the floor (released or started): the board's and the overview's load. */
export function loadByStage(db: Executor, companyId: string): Promise<StageLoad[]> {
  return db
    .selectFrom('work_order_operations as op')
    .innerJoin('work_orders as w', 'w.id', 'op.work_order_id')
    .select([
      'op.name as stage',
      'w.unit',
      (eb) => eb.fn.sum<string>(eb('op.planned_quantity', '-', eb.ref('op.completed_quantity'))).as('remaining'),
      sql<number>`count(*)::int`.as('workOrders'),
    ])
    .where('w.company_id', '=', companyId)
    .where('w.status', 'in', ['released', 'in_progress'])
    .where((eb) => eb('op.completed_quantity', '<', eb.ref('op.planned_quantity')))
    .groupBy(['op.name', 'w.unit'])
    .orderBy('op.name')
    .execute();
}

/** Running work orders due within the week starting today, and those already past their due date. */
export async function workOrderDeadlines(db: Executor, companyId: string, today: string) {
  const row = await db
    .selectFrom('work_orders as w')
    .select([
      sql<number>`count(*) filter (where w.due_date >= ${today}::date and w.due_date < ${today}::date + 7)::int`.as('dueThisWeek'),
      sql<number>`count(*) filter (where w.due_date < ${today}::date)::int`.as('late'),
    ])
    .where('w.company_id', '=', companyId)
    .where('w.status', 'in', RUNNING)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Planned, completed and open quantity per stage and month of the work order's planned start (its
 * creation when it has none), cancelled work orders left out. The range applies to that month's date.
 */
export function loadByStageOverTime(db: Executor, companyId: string, range: DateRange): Promise<StageLoadByMonth[]> {
  const startDay = sql<string>`coalesce(w.planned_start, w.created_at::date)`;
  const month = sql<string>`to_char(date_trunc('month', ${startDay}), 'YYYY-MM')`;
  let query = db
    .selectFrom('work_orders as w')
    .innerJoin('work_order_operations as op', 'op.work_order_id', 'w.id')
    .select((eb) => [
      month.as('month'),
      'op.name as stage',
      'w.unit',
      eb.fn.sum<string>('op.planned_quantity').as('plannedQuantity'),
      eb.fn.sum<string>('op.completed_quantity').as('completedQuantity'),
      sql<string>`sum(greatest(op.planned_quantity - op.completed_quantity, 0))`.as('openQuantity'),
    ])
    .where('w.company_id', '=', companyId)
    .where('w.status', '<>', 'cancelled');
  if (range.from) query = query.where(startDay, '>=', range.from);
  if (range.to) query = query.where(startDay, '<=', range.to);
  return query.groupBy([month, 'op.name', 'w.unit']).orderBy(month).orderBy(sql`min(op.seq)`).orderBy('op.name').execute();
}
