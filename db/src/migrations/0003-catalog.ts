import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Catalog: master data every company shares (units, HSN codes with GST rates, commodities with
// their quality parameters) and each supplier's products.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE units (
      code text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('mass', 'length', 'count', 'area', 'volume'))
    );
    INSERT INTO units (code, name, kind) VALUES
      ('kg', 'Kilogram', 'mass'), ('qtl', 'Quintal (100 kg)', 'mass'), ('t', 'Tonne', 'mass'),
      ('bale', 'Bale (170 kg lint)', 'mass'), ('candy', 'Candy (355.6 kg)', 'mass'),
      ('m', 'Metre', 'length'), ('yd', 'Yard', 'length'), ('pcs', 'Piece', 'count'),
      ('dozen', 'Dozen', 'count'), ('roll', 'Roll', 'count'), ('cone', 'Cone', 'count'), ('sqm', 'Square metre', 'area');

    CREATE TABLE hsn_codes (
      code text PRIMARY KEY,
      description text NOT NULL,
      gst_rate numeric(5,2) NOT NULL CHECK (gst_rate >= 0 AND gst_rate <= 28)
    );
    INSERT INTO hsn_codes (code, description, gst_rate) VALUES
      ('5201', 'Cotton, not carded or combed (raw cotton, lint)', 5.00),
      ('5203', 'Cotton, carded or combed', 5.00),
      ('5205', 'Cotton yarn (≥ 85% cotton), not for retail sale', 5.00),
      ('5206', 'Cotton yarn (< 85% cotton), not for retail sale', 5.00),
      ('5208', 'Woven fabrics of cotton (≥ 85%), ≤ 200 g/m²', 5.00),
      ('5209', 'Woven fabrics of cotton (≥ 85%), > 200 g/m²', 5.00),
      ('5407', 'Woven fabrics of synthetic filament yarn', 5.00),
      ('5509', 'Yarn of synthetic staple fibres', 12.00),
      ('6006', 'Other knitted or crocheted fabrics', 5.00),
      ('6109', 'T-shirts, singlets and vests, knitted', 5.00),
      ('6205', 'Men''s or boys'' shirts', 12.00),
      ('1207', 'Oil seeds (cotton seed)', 5.00);

    CREATE TABLE commodities (
      code text PRIMARY KEY,
      name text NOT NULL,
      -- e.g. [{"key":"staple_mm","label":"Staple length","unit":"mm","min":20,"max":40}]
      quality_parameters jsonb NOT NULL DEFAULT '[]'
    );
    INSERT INTO commodities (code, name, quality_parameters) VALUES
      ('cotton-lint', 'Raw cotton (lint)', '[{"key":"staple_mm","label":"Staple length","unit":"mm","min":20,"max":40},{"key":"micronaire","label":"Micronaire","unit":"","min":2.5,"max":6},{"key":"strength_gpt","label":"Strength","unit":"g/tex","min":20,"max":40},{"key":"trash_pct","label":"Trash","unit":"%","min":0,"max":10},{"key":"moisture_pct","label":"Moisture","unit":"%","min":0,"max":12}]'),
      ('cotton-yarn', 'Cotton yarn', '[{"key":"count_ne","label":"Count","unit":"Ne","min":6,"max":120},{"key":"csp","label":"CSP","unit":"","min":1500,"max":4000},{"key":"twist_tpi","label":"Twist","unit":"TPI","min":10,"max":40}]'),
      ('grey-fabric', 'Grey fabric', '[{"key":"gsm","label":"Weight","unit":"g/m²","min":40,"max":500},{"key":"width_in","label":"Width","unit":"in","min":30,"max":120},{"key":"epi","label":"Ends per inch","unit":"","min":40,"max":200},{"key":"ppi","label":"Picks per inch","unit":"","min":40,"max":200}]'),
      ('finished-fabric', 'Finished fabric', '[{"key":"gsm","label":"Weight","unit":"g/m²","min":40,"max":500},{"key":"width_in","label":"Width","unit":"in","min":30,"max":120},{"key":"shrinkage_pct","label":"Shrinkage","unit":"%","min":0,"max":10}]'),
      ('cotton-seed', 'Cotton seed', '[{"key":"oil_pct","label":"Oil content","unit":"%","min":10,"max":25},{"key":"moisture_pct","label":"Moisture","unit":"%","min":0,"max":12}]'),
      ('garments', 'Garments', '[]');

    CREATE TABLE products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      sku text NOT NULL CHECK (sku <> ''),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      commodity_code text REFERENCES commodities(code),
      unit text NOT NULL REFERENCES units(code),
      hsn_code text REFERENCES hsn_codes(code),
      price numeric(18,4) NOT NULL CHECK (price >= 0),
      currency char(3) NOT NULL,
      min_order_quantity numeric(18,3) NOT NULL DEFAULT 0 CHECK (min_order_quantity >= 0),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple', sku || ' ' || name || ' ' || description)) STORED
    );
    -- SKU is unique per supplier, whatever its case.
    CREATE UNIQUE INDEX products_company_sku_idx ON products (company_id, lower(sku));
    CREATE INDEX products_browse_idx ON products (company_id, name, id) WHERE active;
    CREATE INDEX products_search_idx ON products USING gin (search);
    `,
  );
}
