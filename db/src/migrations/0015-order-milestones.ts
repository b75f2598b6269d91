import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// When an order first reached each milestone its cycle-time report measures (submitted →
// accepted → delivered). Kept on the order itself so a report reads one row per order instead of
// searching the audit log; orders that moved before this migration take their times from it.
// The date indexes serve the reports, which range over order_date per party.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    ALTER TABLE orders ADD COLUMN submitted_at timestamptz;
    ALTER TABLE orders ADD COLUMN accepted_at timestamptz;
    ALTER TABLE orders ADD COLUMN delivered_at timestamptz;

    UPDATE orders o SET
      submitted_at = (SELECT min(a.occurred_at) FROM audit_log a WHERE a.entity_type = 'order' AND a.entity_id = o.id::text
                        AND a.action IN ('order.submit', 'order.approve') AND a.after->>'status' = 'submitted'),
      accepted_at = (SELECT min(a.occurred_at) FROM audit_log a WHERE a.entity_type = 'order' AND a.entity_id = o.id::text
                        AND a.action = 'order.accept'),
      delivered_at = (SELECT min(a.occurred_at) FROM audit_log a WHERE a.entity_type = 'order' AND a.entity_id = o.id::text
                        AND a.action = 'order.deliver')
    WHERE o.status NOT IN ('draft', 'pending_approval');

    CREATE INDEX orders_buyer_date_idx ON orders (buyer_company_id, order_date) WHERE buyer_number IS NOT NULL;
    CREATE INDEX orders_supplier_date_idx ON orders (supplier_company_id, order_date) WHERE supplier_number IS NOT NULL;
    `,
  );
}
