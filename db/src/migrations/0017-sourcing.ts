import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Sourcing: a buyer's tender (RFQ) with items, the suppliers it invites, their sealed quotes
// (one row per revision, lines per item and alternative), clarifications published to every
// invitee without naming who asked, and the award of items to quote lines that became orders.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE tenders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      number text NOT NULL,
      title text NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'awarded', 'cancelled')),
      currency char(3) NOT NULL,
      delivery_place text,
      delivery_date date,
      payment_terms text CHECK (payment_terms IN ('advance', 'against_delivery', 'net')),
      payment_term_days integer CHECK (payment_term_days BETWEEN 1 AND 365),
      closes_at timestamptz NOT NULL,
      notes text,
      -- [{ "criterion": "price" | "leadTime" | "paymentTerms" | "quality", "weight": 0..100 }], weights sum to 100
      criteria jsonb NOT NULL DEFAULT '[]',
      -- The buyer's conversions for comparison: { "currencies": { "USD": "83.25" }, "units": [{ "from": "candy", "to": "kg", "factor": "355.6222" }] }
      conversions jsonb NOT NULL DEFAULT '{"currencies": {}, "units": []}',
      published_at timestamptz,
      closed_at timestamptz,
      close_reason text CHECK (close_reason IN ('deadline', 'early')),
      awarded_at timestamptz,
      cancelled_at timestamptz,
      cancel_reason text,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (company_id, number)
    );
    CREATE INDEX tenders_company_list_idx ON tenders (company_id, created_at DESC, id DESC);
    -- The clock's scan: open tenders whose deadline has passed.
    CREATE INDEX tenders_open_deadline_idx ON tenders (closes_at) WHERE status = 'open';

    CREATE TABLE tender_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tender_id uuid NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
      line_no integer NOT NULL,
      product_id uuid REFERENCES products(id),
      description text NOT NULL,
      quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
      unit text NOT NULL REFERENCES units(code),
      target_price numeric(18,4) CHECK (target_price >= 0),
      hsn_code text,
      -- Quality parameters for commodities: [{ "name": "Staple length", "value": "29 mm" }]
      specification jsonb NOT NULL DEFAULT '[]',
      UNIQUE (tender_id, line_no)
    );

    CREATE TABLE tender_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tender_id uuid NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'declined')),
      -- An unclaimed counterparty is invited by email, with a link to claim its company and quote.
      invited_email text,
      declined_at timestamptz,
      decline_reason text,
      invited_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tender_id, supplier_company_id)
    );
    CREATE INDEX tender_invitations_supplier_idx ON tender_invitations (supplier_company_id, created_at DESC);

    CREATE TABLE tender_attachments (
      tender_id uuid NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
      file_id uuid NOT NULL REFERENCES files(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tender_id, file_id)
    );

    CREATE TABLE quotes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tender_id uuid NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      revision integer NOT NULL,
      -- draft: being edited (never seen by the buyer), submitted: the supplier's active quote,
      -- superseded: an earlier submitted revision, withdrawn: taken back before the deadline.
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'superseded', 'withdrawn')),
      currency char(3) NOT NULL,
      lead_time_days integer CHECK (lead_time_days BETWEEN 0 AND 3650),
      valid_until date,
      payment_terms text CHECK (payment_terms IN ('advance', 'against_delivery', 'net')),
      payment_term_days integer CHECK (payment_term_days BETWEEN 1 AND 365),
      notes text,
      submitted_at timestamptz,
      submitted_by uuid REFERENCES users(id),
      withdrawn_at timestamptz,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tender_id, supplier_company_id, revision)
    );
    -- One draft and one active quote per supplier per tender.
    CREATE UNIQUE INDEX quotes_one_draft_idx ON quotes (tender_id, supplier_company_id) WHERE status = 'draft';
    CREATE UNIQUE INDEX quotes_one_active_idx ON quotes (tender_id, supplier_company_id) WHERE status = 'submitted';
    CREATE INDEX quotes_supplier_idx ON quotes (supplier_company_id, created_at DESC);

    CREATE TABLE quote_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES tender_items(id),
      -- 0 is the offer for the item as asked, 1, 2… are alternatives (another quality, say).
      alternative_no integer NOT NULL DEFAULT 0 CHECK (alternative_no BETWEEN 0 AND 9),
      description text,
      unit_price numeric(18,4) NOT NULL CHECK (unit_price >= 0),
      -- What the supplier can supply, in the quote line's unit, null means the whole quantity asked.
      quantity numeric(18,3) CHECK (quantity > 0),
      unit text REFERENCES units(code),
      freight_per_unit numeric(18,4) NOT NULL DEFAULT 0 CHECK (freight_per_unit >= 0),
      hsn_code text,
      tax_rate numeric(5,2) CHECK (tax_rate >= 0 AND tax_rate <= 100),
      notes text,
      UNIQUE (quote_id, item_id, alternative_no)
    );

    CREATE TABLE quote_attachments (
      quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
      file_id uuid NOT NULL REFERENCES files(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (quote_id, file_id)
    );

    CREATE TABLE tender_clarifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tender_id uuid NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
      -- Who asked is kept for the buyer and the asker, other invitees never see it.
      asked_by_company_id uuid REFERENCES companies(id),
      asked_by uuid REFERENCES users(id),
      question text NOT NULL,
      answer text,
      answered_by uuid REFERENCES users(id),
      answered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tender_clarifications_tender_idx ON tender_clarifications (tender_id, created_at);

    CREATE TABLE tender_awards (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tender_id uuid NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES tender_items(id),
      quote_id uuid NOT NULL REFERENCES quotes(id),
      quote_line_id uuid NOT NULL REFERENCES quote_lines(id),
      quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
      order_id uuid NOT NULL REFERENCES orders(id),
      reason text,
      awarded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tender_awards_tender_idx ON tender_awards (tender_id);
    `,
  );
}
