import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Goods and money. `deliveries` owns dispatches (per truck, against an order or a contract) and
// the buyer's receipt of each; `finance` owns invoices (one record seen by supplier and buyer),
// credit/debit notes, payments and their allocations, credit limits, disputes, reminders, and
// the year close with its opening balances. Amounts are numeric, computed with decimal.js.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    -- How far an order's goods have gone: deliveries keep it up to date (orders owns the column).
    ALTER TABLE orders ADD COLUMN fulfilment text NOT NULL DEFAULT 'none'
      CHECK (fulfilment IN ('none', 'partly_shipped', 'shipped', 'partly_delivered', 'delivered'));

    CREATE TABLE deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      order_id uuid REFERENCES orders(id),
      contract_id uuid REFERENCES contracts(id),
      -- The supplier's delivery challan number (DC-2026-000001) and the buyer's goods receipt number.
      number text NOT NULL,
      receipt_number text,
      -- Each side's branch: the dispatching one and the receiving (ship-to) one.
      supplier_branch_id uuid REFERENCES branches(id),
      buyer_branch_id uuid REFERENCES branches(id),
      dispatch_date date NOT NULL,
      transporter text,
      vehicle_number text,
      lr_number text,
      eway_bill_number text,
      note text,
      status text NOT NULL DEFAULT 'dispatched' CHECK (status IN ('dispatched', 'received', 'cancelled')),
      received_on date,
      received_at timestamptz,
      received_by uuid REFERENCES users(id),
      receipt_note text,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((order_id IS NULL) <> (contract_id IS NULL))
    );
    CREATE UNIQUE INDEX deliveries_number_key ON deliveries (supplier_company_id, number);
    CREATE INDEX deliveries_supplier_idx ON deliveries (supplier_company_id, created_at DESC, id DESC);
    CREATE INDEX deliveries_buyer_idx ON deliveries (buyer_company_id, created_at DESC, id DESC);
    CREATE INDEX deliveries_order_idx ON deliveries (order_id) WHERE order_id IS NOT NULL;
    CREATE INDEX deliveries_contract_idx ON deliveries (contract_id) WHERE contract_id IS NOT NULL;

    CREATE TABLE delivery_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      delivery_id uuid NOT NULL REFERENCES deliveries(id),
      line_no integer NOT NULL,
      -- The order line shipped (null on a contract delivery: a contract has one commodity).
      order_line_id uuid REFERENCES order_lines(id),
      description text NOT NULL,
      quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
      unit text NOT NULL,
      bale_count integer CHECK (bale_count >= 0),
      lot_numbers text[] NOT NULL DEFAULT '{}',
      -- The buyer's receipt: what it accepted and rejected, and why.
      accepted_quantity numeric(18,3) CHECK (accepted_quantity >= 0),
      rejected_quantity numeric(18,3) CHECK (rejected_quantity >= 0),
      rejection_reason text,
      UNIQUE (delivery_id, line_no)
    );
    CREATE INDEX delivery_lines_order_line_idx ON delivery_lines (order_line_id) WHERE order_line_id IS NOT NULL;

    CREATE TABLE invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      order_id uuid REFERENCES orders(id),
      contract_id uuid REFERENCES contracts(id),
      supplier_branch_id uuid REFERENCES branches(id),
      buyer_branch_id uuid REFERENCES branches(id),
      -- From the supplier's series per financial year when issued (INV-2026-27/000001); a draft has none.
      number text,
      financial_year text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'partly_paid', 'paid', 'cancelled')),
      invoice_date date NOT NULL,
      due_date date,
      currency text NOT NULL,
      tax_regime text NOT NULL CHECK (tax_regime IN ('intra_state', 'inter_state', 'single')),
      -- GST: the state code of the place of supply, the parties' GSTINs as issued, reverse charge.
      place_of_supply text,
      supplier_gstin text,
      buyer_gstin text,
      reverse_charge boolean NOT NULL DEFAULT false,
      subtotal numeric(18,2) NOT NULL DEFAULT 0,
      taxable numeric(18,2) NOT NULL DEFAULT 0,
      cgst numeric(18,2) NOT NULL DEFAULT 0,
      sgst numeric(18,2) NOT NULL DEFAULT 0,
      igst numeric(18,2) NOT NULL DEFAULT 0,
      tax numeric(18,2) NOT NULL DEFAULT 0,
      round_off numeric(18,2) NOT NULL DEFAULT 0,
      total numeric(18,2) NOT NULL DEFAULT 0,
      tds_percent numeric(5,2),
      tds_amount numeric(18,2) NOT NULL DEFAULT 0,
      tcs_percent numeric(5,2),
      tcs_amount numeric(18,2) NOT NULL DEFAULT 0,
      -- Running figures kept by notes, allocations and disputes (each side records its own payments).
      credited_amount numeric(18,2) NOT NULL DEFAULT 0,
      debited_amount numeric(18,2) NOT NULL DEFAULT 0,
      received_amount numeric(18,2) NOT NULL DEFAULT 0,
      paid_amount numeric(18,2) NOT NULL DEFAULT 0,
      disputed_amount numeric(18,2) NOT NULL DEFAULT 0,
      -- The buyer's three-way match (order, receipt, invoice) and its approval for payment.
      match_status text NOT NULL DEFAULT 'not_applicable' CHECK (match_status IN ('not_applicable', 'matched', 'flagged')),
      match_flags jsonb NOT NULL DEFAULT '[]',
      approved_for_payment_at timestamptz,
      approved_for_payment_by uuid REFERENCES users(id),
      over_limit_approved_by uuid REFERENCES users(id),
      supplier_note text,
      buyer_note text,
      created_by uuid REFERENCES users(id),
      issued_at timestamptz,
      issued_by uuid REFERENCES users(id),
      cancelled_at timestamptz,
      cancel_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (NOT (order_id IS NOT NULL AND contract_id IS NOT NULL)),
      CHECK ((number IS NULL) = (status = 'draft'))
    );
    CREATE UNIQUE INDEX invoices_number_key ON invoices (supplier_company_id, number) WHERE number IS NOT NULL;
    CREATE INDEX invoices_supplier_idx ON invoices (supplier_company_id, created_at DESC, id DESC);
    CREATE INDEX invoices_buyer_idx ON invoices (buyer_company_id, created_at DESC, id DESC) WHERE status <> 'draft';
    CREATE INDEX invoices_order_idx ON invoices (order_id) WHERE order_id IS NOT NULL;
    CREATE INDEX invoices_contract_idx ON invoices (contract_id) WHERE contract_id IS NOT NULL;
    CREATE INDEX invoices_due_idx ON invoices (due_date) WHERE status IN ('issued', 'partly_paid');

    CREATE TABLE invoice_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      line_no integer NOT NULL,
      order_line_id uuid REFERENCES order_lines(id),
      delivery_line_id uuid REFERENCES delivery_lines(id),
      product_id uuid REFERENCES products(id),
      description text NOT NULL,
      hsn_code text,
      quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
      unit text NOT NULL,
      unit_price numeric(18,4) NOT NULL CHECK (unit_price >= 0),
      discount_percent numeric(5,2) NOT NULL DEFAULT 0,
      tax_rate numeric(5,2) NOT NULL,
      gross numeric(18,2) NOT NULL,
      discount numeric(18,2) NOT NULL,
      taxable numeric(18,2) NOT NULL,
      cgst numeric(18,2) NOT NULL,
      sgst numeric(18,2) NOT NULL,
      igst numeric(18,2) NOT NULL,
      tax numeric(18,2) NOT NULL,
      total numeric(18,2) NOT NULL,
      UNIQUE (invoice_id, line_no)
    );
    CREATE INDEX invoice_lines_order_line_idx ON invoice_lines (order_line_id) WHERE order_line_id IS NOT NULL;
    CREATE INDEX invoice_lines_delivery_line_idx ON invoice_lines (delivery_line_id) WHERE delivery_line_id IS NOT NULL;

    -- Credit and debit notes against an issued invoice, numbered from the supplier's series.
    CREATE TABLE invoice_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      kind text NOT NULL CHECK (kind IN ('credit', 'debit')),
      number text NOT NULL,
      financial_year text NOT NULL,
      note_date date NOT NULL,
      reason text NOT NULL CHECK (reason IN ('return', 'price_difference', 'quality', 'complaint', 'dispute', 'other')),
      description text NOT NULL DEFAULT '',
      complaint_id uuid REFERENCES complaints(id),
      dispute_id uuid,
      currency text NOT NULL,
      taxable numeric(18,2) NOT NULL,
      cgst numeric(18,2) NOT NULL,
      sgst numeric(18,2) NOT NULL,
      igst numeric(18,2) NOT NULL,
      tax numeric(18,2) NOT NULL,
      total numeric(18,2) NOT NULL,
      status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'cancelled')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX invoice_notes_number_key ON invoice_notes (supplier_company_id, number);
    CREATE INDEX invoice_notes_invoice_idx ON invoice_notes (invoice_id);

    CREATE TABLE invoice_note_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      note_id uuid NOT NULL REFERENCES invoice_notes(id),
      line_no integer NOT NULL,
      invoice_line_id uuid REFERENCES invoice_lines(id),
      description text NOT NULL,
      hsn_code text,
      quantity numeric(18,3),
      tax_rate numeric(5,2) NOT NULL,
      taxable numeric(18,2) NOT NULL,
      cgst numeric(18,2) NOT NULL,
      sgst numeric(18,2) NOT NULL,
      igst numeric(18,2) NOT NULL,
      tax numeric(18,2) NOT NULL,
      total numeric(18,2) NOT NULL,
      UNIQUE (note_id, line_no)
    );

    -- A payment one company records: received from a buyer, or made to a supplier.
    CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      partner_company_id uuid NOT NULL REFERENCES companies(id),
      direction text NOT NULL CHECK (direction IN ('received', 'made')),
      number text NOT NULL,
      branch_id uuid REFERENCES branches(id),
      amount numeric(18,2) NOT NULL CHECK (amount > 0),
      currency text NOT NULL,
      -- What of the amount is allocated to invoices; the rest is an advance, allocated later.
      allocated_amount numeric(18,2) NOT NULL DEFAULT 0 CHECK (allocated_amount >= 0 AND allocated_amount <= amount),
      paid_on date NOT NULL,
      method text NOT NULL CHECK (method IN ('neft_rtgs', 'upi', 'cheque', 'cash')),
      reference text NOT NULL DEFAULT '',
      note text,
      status text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'reversed')),
      reversed_at timestamptz,
      reversed_by uuid REFERENCES users(id),
      reversal_reason text,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX payments_number_key ON payments (company_id, number);
    CREATE INDEX payments_company_idx ON payments (company_id, paid_on DESC, id DESC);
    CREATE INDEX payments_partner_idx ON payments (company_id, partner_company_id);

    CREATE TABLE payment_allocations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL REFERENCES payments(id),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      amount numeric(18,2) NOT NULL CHECK (amount > 0),
      -- Kept when the payment is reversed, for the history; no longer counts.
      reversed boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX payment_allocations_payment_idx ON payment_allocations (payment_id);
    CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id);

    -- A supplier's credit limit for one buyer: issuing or accepting past it needs a manager.
    CREATE TABLE credit_limits (
      company_id uuid NOT NULL REFERENCES companies(id),
      partner_company_id uuid NOT NULL REFERENCES companies(id),
      amount numeric(18,2) NOT NULL CHECK (amount >= 0),
      currency text NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, partner_company_id)
    );

    CREATE TABLE disputes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      raised_by_company_id uuid NOT NULL REFERENCES companies(id),
      invoice_id uuid REFERENCES invoices(id),
      contract_id uuid REFERENCES contracts(id),
      number text NOT NULL,
      amount numeric(18,2) NOT NULL CHECK (amount > 0),
      currency text NOT NULL,
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'responded', 'resolved', 'withdrawn')),
      response text,
      responded_at timestamptz,
      responded_by uuid REFERENCES users(id),
      resolution text CHECK (resolution IN ('credit_note', 'debit_note', 'no_change')),
      resolution_note text,
      note_id uuid REFERENCES invoice_notes(id),
      resolved_at timestamptz,
      resolved_by uuid REFERENCES users(id),
      withdrawn_at timestamptz,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((invoice_id IS NULL) <> (contract_id IS NULL))
    );
    CREATE UNIQUE INDEX disputes_number_key ON disputes (raised_by_company_id, number);
    CREATE INDEX disputes_invoice_idx ON disputes (invoice_id) WHERE invoice_id IS NOT NULL;
    CREATE INDEX disputes_supplier_idx ON disputes (supplier_company_id, created_at DESC);
    CREATE INDEX disputes_buyer_idx ON disputes (buyer_company_id, created_at DESC);
    ALTER TABLE invoice_notes ADD CONSTRAINT invoice_notes_dispute_fk FOREIGN KEY (dispute_id) REFERENCES disputes(id);

    CREATE TABLE dispute_evidence (
      dispute_id uuid NOT NULL REFERENCES disputes(id),
      file_id uuid NOT NULL REFERENCES files(id),
      PRIMARY KEY (dispute_id, file_id)
    );

    -- One row per reminder sent, so the clock never sends the same reminder twice.
    CREATE TABLE invoice_reminders (
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      stage text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (invoice_id, stage)
    );

    -- A financial year's close: a resumable job that carries each partner's open balance forward.
    CREATE TABLE year_closes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      financial_year_id uuid NOT NULL REFERENCES financial_years(id),
      next_financial_year_id uuid REFERENCES financial_years(id),
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'reopened')),
      total_steps integer NOT NULL DEFAULT 0,
      done_steps integer NOT NULL DEFAULT 0,
      error text,
      started_by uuid REFERENCES users(id),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE UNIQUE INDEX year_closes_running_key ON year_closes (company_id, financial_year_id) WHERE status = 'running';

    -- What a partner owed (receivable) or was owed (payable) when the previous year closed.
    CREATE TABLE opening_balances (
      company_id uuid NOT NULL REFERENCES companies(id),
      financial_year_id uuid NOT NULL REFERENCES financial_years(id),
      partner_company_id uuid NOT NULL REFERENCES companies(id),
      side text NOT NULL CHECK (side IN ('receivable', 'payable')),
      currency text NOT NULL,
      amount numeric(18,2) NOT NULL,
      year_close_id uuid NOT NULL REFERENCES year_closes(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, financial_year_id, partner_company_id, side, currency)
    );
    `,
  );
}
