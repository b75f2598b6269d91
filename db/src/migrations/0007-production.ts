import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Work orders for a manufacturer, with their operations (spinning → weaving → dyeing …).
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE work_orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      number text NOT NULL,
      product_id uuid REFERENCES products(id),
      description text NOT NULL,
      quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
      unit text NOT NULL REFERENCES units(code),
      order_line_id uuid REFERENCES order_lines(id),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      planned_start date,
      due_date date,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'released', 'in_progress', 'completed', 'cancelled')),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (company_id, number)
    );
    CREATE INDEX work_orders_company_idx ON work_orders (company_id, status, created_at DESC, id DESC);

    CREATE TABLE work_order_operations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      work_order_id uuid NOT NULL REFERENCES work_orders(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      name text NOT NULL,
      planned_quantity numeric(18,3) NOT NULL CHECK (planned_quantity > 0),
      completed_quantity numeric(18,3) NOT NULL DEFAULT 0 CHECK (completed_quantity >= 0),
      UNIQUE (work_order_id, seq)
    );
    `,
  );
}
