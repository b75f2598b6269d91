import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Indexes the reports, the overview's due-date figures and the orders list's sort keys need at a
// million order lines (plans in tests/bench/results/reports-scale.md):
// - reports range one party's traded orders on order_date: the date index now carries every column
//   they group or measure, so a report reads the index alone (index-only scan) instead of the
//   table, and ends on the id so the list's date sort pages without a sort;
// - sales by product reads ten lines per order: a covering index on the order id replaces a scan
//   of every order line in the database;
// - "due this week" and "late" count open orders by requested delivery date: a partial index on
//   open orders only stays small however much history there is;
// - the list sorted by total.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    DROP INDEX orders_buyer_date_idx;
    DROP INDEX orders_supplier_date_idx;
    CREATE INDEX orders_buyer_date_idx ON orders (buyer_company_id, order_date, id)
      INCLUDE (status, supplier_company_id, currency, total, submitted_at, accepted_at, delivered_at)
      WHERE buyer_number IS NOT NULL;
    CREATE INDEX orders_supplier_date_idx ON orders (supplier_company_id, order_date, id)
      INCLUDE (status, buyer_company_id, currency, total, submitted_at, accepted_at, delivered_at)
      WHERE supplier_number IS NOT NULL;

    CREATE INDEX order_lines_report_idx ON order_lines (order_id) INCLUDE (product_id, description, unit, quantity, total);

    CREATE INDEX orders_buyer_due_idx ON orders (buyer_company_id, requested_delivery_date) INCLUDE (currency, total)
      WHERE buyer_number IS NOT NULL AND status IN ('submitted', 'accepted', 'in_progress', 'shipped');
    CREATE INDEX orders_supplier_due_idx ON orders (supplier_company_id, requested_delivery_date) INCLUDE (currency, total)
      WHERE supplier_number IS NOT NULL AND status IN ('submitted', 'accepted', 'in_progress', 'shipped');

    CREATE INDEX orders_buyer_total_idx ON orders (buyer_company_id, total, id) WHERE buyer_number IS NOT NULL;
    CREATE INDEX orders_supplier_total_idx ON orders (supplier_company_id, total, id) WHERE supplier_number IS NOT NULL;
    `,
  );
}
