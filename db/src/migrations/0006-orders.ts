import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// One order shared by buyer and supplier: the buyer's purchase order and the supplier's sales
// order are this one row, each numbered from its own company's series. Plus idempotency keys.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    ALTER TABLE companies ADD COLUMN order_approval_threshold numeric(18,2);

    CREATE TABLE orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      created_by_side text NOT NULL CHECK (created_by_side IN ('buyer', 'supplier')),
      buyer_number text,
      supplier_number text,
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'pending_approval', 'submitted', 'accepted', 'rejected', 'in_progress', 'shipped', 'delivered', 'completed', 'cancelled')),
      order_date date NOT NULL,
      currency char(3) NOT NULL,
      tax_regime text NOT NULL CHECK (tax_regime IN ('intra_state', 'inter_state', 'single')),
      subtotal numeric(18,2) NOT NULL,
      discount numeric(18,2) NOT NULL,
      taxable numeric(18,2) NOT NULL,
      cgst numeric(18,2) NOT NULL,
      sgst numeric(18,2) NOT NULL,
      igst numeric(18,2) NOT NULL,
      tax numeric(18,2) NOT NULL,
      total numeric(18,2) NOT NULL,
      needs_approval boolean NOT NULL DEFAULT false,
      -- Each party's private note: never shown to the other side.
      buyer_note text,
      supplier_note text,
      created_by uuid REFERENCES users(id),
      submitted_by uuid REFERENCES users(id),
      approved_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (buyer_company_id <> supplier_company_id),
      UNIQUE (buyer_company_id, buyer_number),
      UNIQUE (supplier_company_id, supplier_number)
    );
    CREATE INDEX orders_buyer_list_idx ON orders (buyer_company_id, created_at DESC, id DESC);
    CREATE INDEX orders_supplier_list_idx ON orders (supplier_company_id, created_at DESC, id DESC) WHERE status <> 'draft';
    CREATE INDEX orders_buyer_status_idx ON orders (buyer_company_id, status, created_at DESC, id DESC);
    CREATE INDEX orders_supplier_status_idx ON orders (supplier_company_id, status, created_at DESC, id DESC);

    CREATE TABLE order_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      line_no integer NOT NULL,
      product_id uuid REFERENCES products(id),
      description text NOT NULL,
      quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
      unit text NOT NULL REFERENCES units(code),
      unit_price numeric(18,4) NOT NULL CHECK (unit_price >= 0),
      discount_percent numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_percent >= 0 AND discount_percent <= 100),
      hsn_code text REFERENCES hsn_codes(code),
      tax_rate numeric(5,2) NOT NULL,
      gross numeric(18,2) NOT NULL,
      discount numeric(18,2) NOT NULL,
      taxable numeric(18,2) NOT NULL,
      cgst numeric(18,2) NOT NULL,
      sgst numeric(18,2) NOT NULL,
      igst numeric(18,2) NOT NULL,
      tax numeric(18,2) NOT NULL,
      total numeric(18,2) NOT NULL,
      UNIQUE (order_id, line_no)
    );

    -- Stripe-style idempotency, scoped per company and principal so a key never replays
    -- another tenant's response.
    CREATE TABLE idempotency_keys (
      company_id uuid NOT NULL REFERENCES companies(id),
      principal text NOT NULL,
      key text NOT NULL,
      procedure text NOT NULL,
      request_hash text NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, principal, key)
    );
    `,
  );
}
