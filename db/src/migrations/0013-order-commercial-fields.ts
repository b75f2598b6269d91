import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// An order's commercial terms: when the buyer wants the goods, how it pays, which of its branches
// receives them, and both parties' GSTINs as they stood when the order was sent (a sent document
// must not change when a company later edits its tax id).
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    ALTER TABLE orders ADD COLUMN requested_delivery_date date;
    ALTER TABLE orders ADD COLUMN payment_terms text CHECK (payment_terms IN ('advance', 'against_delivery', 'net'));
    ALTER TABLE orders ADD COLUMN payment_term_days integer CHECK (payment_term_days BETWEEN 1 AND 365);
    ALTER TABLE orders ADD CONSTRAINT orders_payment_days_only_for_net
      CHECK ((payment_terms = 'net') = (payment_term_days IS NOT NULL));
    ALTER TABLE orders ADD COLUMN ship_to_branch_id uuid REFERENCES branches(id);
    ALTER TABLE orders ADD COLUMN buyer_gstin text;
    ALTER TABLE orders ADD COLUMN supplier_gstin text;
    `,
  );
}
