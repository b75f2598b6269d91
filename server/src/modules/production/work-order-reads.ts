import { type Expression, type RawBuilder, sql } from 'kysely';

// What other modules read about work orders, owned here.

/** The work order's number (WO-2026-000012) as a scalar subquery, for another module's select. */
export function workOrderNumberOf(workOrderId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select work_orders.number from work_orders where work_orders.id = ${workOrderId})`;
}
