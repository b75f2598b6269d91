import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Files attached to an order by either party (drawings, lab reports, packing lists), and list
// indexes that match the visibility rule: a party sees an order once it holds its own number.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE order_attachments (
      order_id uuid NOT NULL REFERENCES orders(id),
      file_id uuid NOT NULL REFERENCES files(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (order_id, file_id)
    );
    CREATE INDEX order_attachments_file_idx ON order_attachments (file_id);

    DROP INDEX orders_buyer_list_idx;
    DROP INDEX orders_supplier_list_idx;
    DROP INDEX orders_buyer_status_idx;
    DROP INDEX orders_supplier_status_idx;
    CREATE INDEX orders_buyer_list_idx ON orders (buyer_company_id, created_at DESC, id DESC) WHERE buyer_number IS NOT NULL;
    CREATE INDEX orders_supplier_list_idx ON orders (supplier_company_id, created_at DESC, id DESC) WHERE supplier_number IS NOT NULL;
    CREATE INDEX orders_buyer_status_idx ON orders (buyer_company_id, status, created_at DESC, id DESC) WHERE buyer_number IS NOT NULL;
    CREATE INDEX orders_supplier_status_idx ON orders (supplier_company_id, status, created_at DESC, id DESC) WHERE supplier_number IS NOT NULL;
    `,
  );
}
