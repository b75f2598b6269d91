import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Images and spec sheets attached to a product; buyers with a link can download them.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE product_attachments (
      product_id uuid NOT NULL REFERENCES products(id),
      file_id uuid NOT NULL REFERENCES files(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (product_id, file_id)
    );
    CREATE INDEX product_attachments_file_idx ON product_attachments (file_id);
    CREATE INDEX products_commodity_idx ON products (commodity_code, company_id) WHERE active;
    `,
  );
}
