import type { Database } from '@tradeloom/db';
import { type Kysely, sql } from 'kysely';

export interface OrderBenchData {
  supplierId: string;
  orderId: string;
  /** The cursor of company 1's `deepRow`-th submitted order: a deep keyset page. */
  deepCursor: string;
  deepRow: number;
}

/** Orders in the default data set: 100,000 orders, 1,000,000 order lines. */
export const DEFAULT_BENCH_ORDERS = 100_000;

/**
 * Orders `from + 1 … to`, 10 lines each, among the 50 bench companies: one set-based statement
 * (generate_series, the lines inserted from the orders' RETURNING), reproducible, so a larger data
 * set is the smaller one plus more rows. Company 1 buys from several suppliers; its PO series
 * continues after the seeded numbers.
 */
export async function seedOrderData(
  db: Kysely<Database>,
  companyId: string,
  { to = DEFAULT_BENCH_ORDERS, from = 0, deepRow = 2000 } = {},
): Promise<OrderBenchData> {
  const statuses = sql.raw(`ARRAY['submitted','accepted','in_progress','shipped','delivered','completed']`);
  await db.transaction().execute(async (trx) => {
    // Generated rows are consistent by construction: skip the per-row foreign-key triggers, which
    // PostgreSQL queues for the end of the statement (9M lookups at the 10M step).
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`
      WITH new_orders AS (
        INSERT INTO orders (buyer_company_id, supplier_company_id, created_by_side, buyer_number, supplier_number, status, order_date,
                            currency, tax_regime, subtotal, discount, taxable, cgst, sgst, igst, tax, total, created_at,
                            submitted_at, accepted_at, delivered_at)
        SELECT b.id, s.id, 'buyer', 'PO-2026-' || lpad(pick.g::text, 7, '0'), 'SO-2026-' || lpad(pick.g::text, 7, '0'),
               (${statuses})[pick.stage], date '2026-04-01' + (pick.g % 200), 'INR', 'inter_state',
               26550, 0, 26550, 0, 0, 1327.50, 1327.50, 27877.50, now() - (pick.g || ' seconds')::interval,
               -- Milestones for the cycle-time report: accepted 1–7 days after sending, delivered 3–13 days after that.
               pick.sent,
               CASE WHEN pick.stage >= 2 THEN pick.sent + ((1 + pick.g % 7) || ' days')::interval END,
               CASE WHEN pick.stage >= 5 THEN pick.sent + ((4 + pick.g % 7 + pick.g % 11) || ' days')::interval END
        FROM (
          -- Company 1 is a heavy buyer (a fifth of all orders), so it has deep pages to page through.
          SELECT g, CASE WHEN g % 5 = 0 THEN 1 ELSE 1 + g % 50 END AS buyer, 1 + (g * 7 + 3) % 50 AS supplier,
                 1 + (g / 7) % 6 AS stage, now() - (g || ' seconds')::interval AS sent
          FROM generate_series(${from + 1}::int, ${to}::int) g
        ) pick
        JOIN companies b ON b.name = 'Bench Company ' || pick.buyer
        JOIN companies s ON s.name = 'Bench Company ' || pick.supplier
        WHERE pick.buyer <> pick.supplier
        RETURNING id
      )
      INSERT INTO order_lines (order_id, line_no, description, quantity, unit, unit_price, discount_percent, hsn_code, tax_rate,
                               gross, discount, taxable, cgst, sgst, igst, tax, total)
      SELECT o.id, n, '30s combed cotton yarn, lot ' || n, 10, 'kg', 265.50, 0, '5205', 5, 2655, 0, 2655, 0, 0, 132.75, 132.75, 2787.75
      FROM new_orders o, generate_series(1, 10) n`.execute(trx);
  });
  await sql`
    INSERT INTO partner_links (buyer_company_id, supplier_company_id, status)
    SELECT DISTINCT buyer_company_id, supplier_company_id, 'accepted' FROM orders
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`ANALYZE`.execute(db);
  // Our PO numbers continue after the seeded ones.
  await sql`INSERT INTO financial_years (company_id, label, starts_on, ends_on) VALUES (${companyId}, '2026-27', '2026-04-01', '2027-03-31') ON CONFLICT DO NOTHING`.execute(
    db,
  );
  await sql`INSERT INTO number_series (company_id, doc_type, period_key, prefix, next_value) VALUES (${companyId}, 'PO', '2026-27', 'PO', ${to + 1})
    ON CONFLICT (company_id, doc_type, period_key) DO UPDATE SET next_value = greatest(number_series.next_value, excluded.next_value)`.execute(
    db,
  );
  return benchOrderIds(db, companyId, deepRow);
}

/** The orders the targets read: the newest of company 1, and the cursor of its `deepRow`-th submitted one. */
async function benchOrderIds(db: Kysely<Database>, companyId: string, deepRow: number): Promise<OrderBenchData> {
  const supplier = await db
    .selectFrom('orders')
    .select('supplier_company_id')
    .where('buyer_company_id', '=', companyId)
    .limit(1)
    .executeTakeFirstOrThrow();
  const order = await db
    .selectFrom('orders')
    .select('id')
    .where('buyer_company_id', '=', companyId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const deep = await db
    .selectFrom('orders')
    .select('id')
    .where('buyer_company_id', '=', companyId)
    .where('status', '=', 'submitted')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(deepRow - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  const deepCursor = Buffer.from(JSON.stringify([deep.id])).toString('base64url');
  return { supplierId: supplier.supplier_company_id, orderId: order.id, deepCursor, deepRow };
}
