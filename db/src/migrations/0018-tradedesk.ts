import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Trade desk: masters the desk needs (varieties, quality parameters with allowed ranges,
// locations, trade terms, effective-dated GST rates, commission structures; platform defaults are
// rows without a company, a company's own rows override them by code), tested lots, buy and sell
// offers, negotiations in versioned rounds, and the two-sided contracts deals become.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE commodity_varieties (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid REFERENCES companies(id),
      commodity_code text NOT NULL REFERENCES commodities(code),
      code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
      name text NOT NULL,
      -- What traders write for it ("S-6", "Shankar 6"), read by the offer parser.
      aliases text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE NULLS NOT DISTINCT (company_id, commodity_code, code)
    );

    CREATE TABLE quality_parameters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid REFERENCES companies(id),
      commodity_code text NOT NULL REFERENCES commodities(code),
      code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      name text NOT NULL,
      unit text NOT NULL DEFAULT '',
      min_allowed numeric(12,3) NOT NULL,
      max_allowed numeric(12,3) NOT NULL,
      sort_order integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (min_allowed <= max_allowed),
      UNIQUE NULLS NOT DISTINCT (company_id, commodity_code, code)
    );

    CREATE TABLE trade_locations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid REFERENCES companies(id),
      kind text NOT NULL CHECK (kind IN ('state', 'city', 'warehouse', 'ginning_factory', 'pressing_factory')),
      code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
      name text NOT NULL,
      -- The Indian state's two-letter code (GJ, MH…) every location sits in.
      state_code char(2) NOT NULL,
      city text,
      address text,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE NULLS NOT DISTINCT (company_id, kind, code)
    );
    CREATE INDEX trade_locations_name_idx ON trade_locations (lower(name));

    CREATE TABLE trade_terms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid REFERENCES companies(id),
      kind text NOT NULL CHECK (kind IN ('delivery', 'sale', 'payment')),
      code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
      name text NOT NULL,
      body text NOT NULL DEFAULT '',
      -- Payment terms: days of credit (0 = advance or against delivery).
      payment_days integer CHECK (payment_days BETWEEN 0 AND 365),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE NULLS NOT DISTINCT (company_id, kind, code)
    );

    -- GST rates are the law's: platform-wide, effective from a date until the next row of the code.
    CREATE TABLE gst_rates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hsn_code text NOT NULL CHECK (hsn_code ~ '^[0-9]{4,8}$'),
      rate numeric(5,2) NOT NULL CHECK (rate >= 0 AND rate <= 100),
      effective_from date NOT NULL,
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (hsn_code, effective_from)
    );

    CREATE TABLE commission_structures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      name text NOT NULL,
      broker_company_id uuid REFERENCES companies(id),
      broker_name text NOT NULL,
      basis text NOT NULL CHECK (basis IN ('per_bale', 'per_candy', 'percent')),
      rate numeric(12,4) NOT NULL CHECK (rate >= 0),
      -- The seller's share of the brokerage, the buyer pays the rest.
      seller_share_pct numeric(5,2) NOT NULL DEFAULT 50 CHECK (seller_share_pct BETWEEN 0 AND 100),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (company_id, name)
    );

    CREATE TABLE lots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      number text NOT NULL,
      commodity_code text NOT NULL REFERENCES commodities(code),
      variety_code text,
      bales integer NOT NULL CHECK (bales > 0),
      net_weight_kg numeric(14,3) NOT NULL CHECK (net_weight_kg > 0),
      state_code char(2) NOT NULL,
      city text NOT NULL,
      warehouse text,
      location_id uuid REFERENCES trade_locations(id),
      crop_year text NOT NULL CHECK (crop_year ~ '^[0-9]{4}-[0-9]{2}$'),
      -- HVI results: { "staple_mm": "29.0", "micronaire": "3.8", "strength_gpt": "28.5", … } and "colour_grade": "31-1"
      quality jsonb NOT NULL DEFAULT '{}',
      lab_name text,
      tested_on date,
      test_report_file_id uuid REFERENCES files(id),
      status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'offered', 'sold', 'archived')),
      notes text,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (company_id, number)
    );
    CREATE INDEX lots_company_list_idx ON lots (company_id, created_at DESC, id DESC);

    CREATE TABLE trade_offers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      number text NOT NULL,
      side text NOT NULL CHECK (side IN ('buy', 'sell')),
      commodity_code text NOT NULL REFERENCES commodities(code),
      variety_code text,
      lot_id uuid REFERENCES lots(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      -- What is still open: a deal on part of the quantity leaves the rest on the desk.
      remaining_quantity numeric(14,3) NOT NULL CHECK (remaining_quantity >= 0),
      unit text NOT NULL CHECK (unit IN ('bale', 'candy', 'qtl', 'kg')),
      price numeric(14,2) NOT NULL CHECK (price > 0),
      currency char(3) NOT NULL DEFAULT 'INR',
      price_unit text NOT NULL CHECK (price_unit IN ('candy', 'qtl', 'kg', 'bale')),
      -- Ranges per parameter code: { "staple_mm": { "min": "28.5", "max": "30" }, "micronaire": { "min": "3.5", "max": "4.2" } }
      quality jsonb NOT NULL DEFAULT '{}',
      delivery_state_code char(2),
      delivery_city text,
      delivery_term text,
      delivery_from date,
      delivery_to date,
      payment_days integer CHECK (payment_days BETWEEN 0 AND 365),
      payment_term text,
      valid_until timestamptz NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('partners', 'desk')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'negotiating', 'closed', 'withdrawn', 'expired')),
      notes text,
      -- The message the offer was parsed from, kept for the record.
      source_text text,
      closed_at timestamptz,
      withdrawn_at timestamptz,
      expired_at timestamptz,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (delivery_from IS NULL OR delivery_to IS NULL OR delivery_from <= delivery_to),
      UNIQUE (company_id, number)
    );
    CREATE INDEX trade_offers_desk_idx ON trade_offers (commodity_code, side, created_at DESC, id DESC) WHERE status IN ('open', 'negotiating');
    CREATE INDEX trade_offers_company_idx ON trade_offers (company_id, created_at DESC, id DESC);
    -- The clock's scan: live offers whose validity has passed.
    CREATE INDEX trade_offers_validity_idx ON trade_offers (valid_until) WHERE status IN ('open', 'negotiating');

    -- A match above the threshold told the owner once.
    CREATE TABLE trade_match_notices (
      offer_id uuid NOT NULL REFERENCES trade_offers(id) ON DELETE CASCADE,
      matched_offer_id uuid NOT NULL REFERENCES trade_offers(id) ON DELETE CASCADE,
      score integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, matched_offer_id)
    );

    CREATE TABLE negotiations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      offer_id uuid NOT NULL REFERENCES trade_offers(id),
      -- The offer's owner and the company that opened the negotiation on it.
      owner_company_id uuid NOT NULL REFERENCES companies(id),
      counterparty_company_id uuid NOT NULL REFERENCES companies(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'expired', 'cancelled')),
      -- The version both sides act on; each counter adds a round and moves it on.
      current_version integer NOT NULL DEFAULT 1,
      -- Who proposed the current version: the other side answers it.
      proposed_by_company_id uuid NOT NULL REFERENCES companies(id),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text,
      contract_id uuid,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (owner_company_id <> counterparty_company_id)
    );
    -- One running negotiation per counterparty on an offer.
    CREATE UNIQUE INDEX negotiations_one_open_idx ON negotiations (offer_id, counterparty_company_id) WHERE status = 'open';
    CREATE INDEX negotiations_owner_idx ON negotiations (owner_company_id, updated_at DESC);
    CREATE INDEX negotiations_counterparty_idx ON negotiations (counterparty_company_id, updated_at DESC);
    CREATE INDEX negotiations_expiry_idx ON negotiations (expires_at) WHERE status = 'open';

    CREATE TABLE negotiation_rounds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      negotiation_id uuid NOT NULL REFERENCES negotiations(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version > 0),
      company_id uuid NOT NULL REFERENCES companies(id),
      -- The whole proposal: { price, priceUnit, currency, quantity, unit, quality, deliveryFrom, deliveryTo, … }
      terms jsonb NOT NULL,
      message text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (negotiation_id, version)
    );

    CREATE TABLE contracts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seller_company_id uuid NOT NULL REFERENCES companies(id),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      seller_number text NOT NULL,
      buyer_number text NOT NULL,
      negotiation_id uuid NOT NULL UNIQUE REFERENCES negotiations(id),
      offer_id uuid NOT NULL REFERENCES trade_offers(id),
      accepted_version integer NOT NULL,
      commodity_code text NOT NULL REFERENCES commodities(code),
      variety_code text,
      lot_id uuid REFERENCES lots(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      unit text NOT NULL,
      quantity_tolerance_pct numeric(5,2) NOT NULL DEFAULT 0 CHECK (quantity_tolerance_pct BETWEEN 0 AND 20),
      price numeric(14,2) NOT NULL CHECK (price > 0),
      currency char(3) NOT NULL,
      price_unit text NOT NULL,
      -- The contract's value in its currency: quantity converted to the price unit times the price.
      value numeric(18,2) NOT NULL,
      quality jsonb NOT NULL DEFAULT '{}',
      delivery_state_code char(2),
      delivery_city text,
      delivery_term text,
      payment_days integer,
      payment_term text,
      -- The standard terms the contract incorporates (trade_terms of kind sale), as text at signing.
      terms_code text,
      terms_text text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
      signed_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (seller_company_id, seller_number),
      UNIQUE (buyer_company_id, buyer_number)
    );
    CREATE INDEX contracts_seller_idx ON contracts (seller_company_id, signed_at DESC, id DESC);
    CREATE INDEX contracts_buyer_idx ON contracts (buyer_company_id, signed_at DESC, id DESC);

    CREATE TABLE contract_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      due_from date NOT NULL,
      due_to date NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      CHECK (due_from <= due_to),
      UNIQUE (contract_id, seq)
    );

    CREATE TABLE contract_commissions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
      broker_company_id uuid REFERENCES companies(id),
      broker_name text NOT NULL,
      basis text NOT NULL CHECK (basis IN ('per_bale', 'per_candy', 'percent')),
      rate numeric(12,4) NOT NULL CHECK (rate >= 0),
      seller_share_pct numeric(5,2) NOT NULL CHECK (seller_share_pct BETWEEN 0 AND 100),
      -- Worked out at signing: the whole brokerage and each side's part, in the contract's currency.
      amount numeric(18,2) NOT NULL,
      seller_amount numeric(18,2) NOT NULL,
      buyer_amount numeric(18,2) NOT NULL,
      billed_at timestamptz
    );
    CREATE INDEX contract_commissions_contract_idx ON contract_commissions (contract_id);
    `,
  );
  await seedPlatformMasters(db);
}

/** The platform's defaults: what a new company's desk starts from. */
async function seedPlatformMasters(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    INSERT INTO commodity_varieties (commodity_code, code, name, aliases) VALUES
      ('cotton-lint', 'shankar-6', 'Shankar-6', '{S-6,S6,Shankar 6,Sankar-6}'),
      ('cotton-lint', 'mcu-5', 'MCU-5', '{MCU5,MCU 5}'),
      ('cotton-lint', 'dch-32', 'DCH-32', '{DCH32,DCH 32}'),
      ('cotton-lint', 'j-34', 'J-34', '{J34,J 34}'),
      ('cotton-lint', 'bunny', 'Bunny / Brahma', '{Bunny,Brahma,BB}'),
      ('cotton-lint', 'v-797', 'V-797', '{V797,V 797}'),
      ('cotton-lint', 'h-4', 'H-4', '{H4,H 4}'),
      ('cotton-lint', 'mech-1', 'MECH-1', '{MECH1,MECH 1}'),
      ('cotton-lint', 'lra-5166', 'LRA-5166', '{LRA5166,LRA}');

    INSERT INTO quality_parameters (commodity_code, code, name, unit, min_allowed, max_allowed, sort_order) VALUES
      ('cotton-lint', 'staple_mm', 'Staple length', 'mm', 20, 40, 1),
      ('cotton-lint', 'micronaire', 'Micronaire', '', 2.5, 6, 2),
      ('cotton-lint', 'strength_gpt', 'Strength', 'g/tex', 20, 40, 3),
      ('cotton-lint', 'uniformity_pct', 'Uniformity', '%', 75, 90, 4),
      ('cotton-lint', 'trash_pct', 'Trash', '%', 0, 10, 5),
      ('cotton-lint', 'moisture_pct', 'Moisture', '%', 0, 12, 6),
      ('cotton-lint', 'rd', 'Reflectance (Rd)', '', 60, 85, 7),
      ('cotton-lint', 'plus_b', 'Yellowness (+b)', '', 5, 15, 8),
      ('cotton-seed', 'oil_pct', 'Oil content', '%', 10, 25, 1),
      ('cotton-seed', 'moisture_pct', 'Moisture', '%', 0, 12, 2);

    INSERT INTO trade_locations (kind, code, name, state_code, city) VALUES
      ('state', 'GJ', 'Gujarat', 'GJ', NULL),
      ('state', 'MH', 'Maharashtra', 'MH', NULL),
      ('state', 'TG', 'Telangana', 'TG', NULL),
      ('state', 'AP', 'Andhra Pradesh', 'AP', NULL),
      ('state', 'MP', 'Madhya Pradesh', 'MP', NULL),
      ('state', 'RJ', 'Rajasthan', 'RJ', NULL),
      ('state', 'PB', 'Punjab', 'PB', NULL),
      ('state', 'HR', 'Haryana', 'HR', NULL),
      ('state', 'KA', 'Karnataka', 'KA', NULL),
      ('state', 'TN', 'Tamil Nadu', 'TN', NULL),
      ('state', 'OD', 'Odisha', 'OD', NULL),
      ('city', 'RAJKOT', 'Rajkot', 'GJ', 'Rajkot'),
      ('city', 'GONDAL', 'Gondal', 'GJ', 'Gondal'),
      ('city', 'AHMEDABAD', 'Ahmedabad', 'GJ', 'Ahmedabad'),
      ('city', 'KADI', 'Kadi', 'GJ', 'Kadi'),
      ('city', 'AMRELI', 'Amreli', 'GJ', 'Amreli'),
      ('city', 'BHAVNAGAR', 'Bhavnagar', 'GJ', 'Bhavnagar'),
      ('city', 'SURAT', 'Surat', 'GJ', 'Surat'),
      ('city', 'AKOLA', 'Akola', 'MH', 'Akola'),
      ('city', 'JALNA', 'Jalna', 'MH', 'Jalna'),
      ('city', 'AURANGABAD', 'Aurangabad', 'MH', 'Aurangabad'),
      ('city', 'YAVATMAL', 'Yavatmal', 'MH', 'Yavatmal'),
      ('city', 'MUMBAI', 'Mumbai', 'MH', 'Mumbai'),
      ('city', 'ADILABAD', 'Adilabad', 'TG', 'Adilabad'),
      ('city', 'WARANGAL', 'Warangal', 'TG', 'Warangal'),
      ('city', 'GUNTUR', 'Guntur', 'AP', 'Guntur'),
      ('city', 'KHARGONE', 'Khargone', 'MP', 'Khargone'),
      ('city', 'BATHINDA', 'Bathinda', 'PB', 'Bathinda'),
      ('city', 'SIRSA', 'Sirsa', 'HR', 'Sirsa'),
      ('city', 'COIMBATORE', 'Coimbatore', 'TN', 'Coimbatore'),
      ('city', 'TIRUPPUR', 'Tiruppur', 'TN', 'Tiruppur'),
      ('city', 'HUBLI', 'Hubli', 'KA', 'Hubli');

    INSERT INTO trade_terms (kind, code, name, body, payment_days) VALUES
      ('delivery', 'ex-gin', 'Ex-gin', 'The buyer collects from the seller''s ginning factory; freight and transit insurance are the buyer''s.', NULL),
      ('delivery', 'ex-warehouse', 'Ex-warehouse', 'The buyer collects from the named warehouse; freight and transit insurance are the buyer''s.', NULL),
      ('delivery', 'for-mill', 'FOR buyer''s mill', 'Free on road to the buyer''s mill: the seller pays freight and bears the risk until unloading.', NULL),
      ('payment', 'advance', 'Advance', 'Full payment before dispatch.', 0),
      ('payment', 'against-delivery', 'Against delivery', 'Payment on delivery, against the invoice and the lorry receipt.', 0),
      ('payment', 'net-15', '15 days', 'Payment within 15 days of the invoice date.', 15),
      ('payment', 'net-30', '30 days', 'Payment within 30 days of the invoice date.', 30),
      ('sale', 'cci-standard', 'CCI standard terms of sale', E'1. Quality: as per the test results of the lot, HVI mode, tested at a laboratory both parties accept.\\n2. Weight: net invoiced weight; a shortage beyond 0.5 % is settled at the contract rate.\\n3. Quantity tolerance: the seller may deliver within the tolerance stated in the contract.\\n4. Lifting: the buyer lifts the cotton within the delivery period; carrying charges run after it.\\n5. Payment: as stated in the contract; interest at 12 % a year on late payment.\\n6. Disputes: referred to arbitration under the rules of the Cotton Association of India, Mumbai.', NULL);

    INSERT INTO gst_rates (hsn_code, rate, effective_from, note) VALUES
      ('5201', 5.00, '2017-07-01', 'Cotton, not carded or combed'),
      ('5203', 5.00, '2017-07-01', 'Cotton, carded or combed'),
      ('5205', 5.00, '2017-07-01', 'Cotton yarn'),
      ('5208', 5.00, '2017-07-01', 'Woven cotton fabrics'),
      ('1207', 5.00, '2017-07-01', 'Oil seeds (cotton seed)');
    `,
  );
}
