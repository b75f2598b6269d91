import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// The partner network: links between companies, counterparties not on the platform yet, and the
// in-app notifications that tell each side what happened.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    ALTER TABLE companies ADD COLUMN listed_in_directory boolean NOT NULL DEFAULT true;
    -- An unclaimed company was created by another company for its own records; only that
    -- company sees it, until someone claims it through an invitation.
    ALTER TABLE companies ADD COLUMN claimed boolean NOT NULL DEFAULT true;
    ALTER TABLE companies ADD COLUMN added_by_company_id uuid REFERENCES companies(id);
    ALTER TABLE companies ADD COLUMN contact_email text;
    CREATE INDEX companies_added_by_idx ON companies (added_by_company_id) WHERE NOT claimed;
    CREATE INDEX companies_name_search_idx ON companies (lower(name) text_pattern_ops);

    CREATE TABLE partner_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'denied', 'blocked', 'unlinked', 'cancelled')),
      message text,
      blocked_by text CHECK (blocked_by IN ('buyer', 'supplier')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (buyer_company_id <> supplier_company_id),
      UNIQUE (buyer_company_id, supplier_company_id)
    );
    CREATE INDEX partner_links_supplier_idx ON partner_links (supplier_company_id, status);

    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      company_id uuid NOT NULL REFERENCES companies(id),
      type text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link_path text,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      event_id bigint NOT NULL REFERENCES domain_events(id),
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- One notification per event and company, however often the job is retried.
      UNIQUE (event_id, company_id)
    );
    CREATE INDEX notifications_company_idx ON notifications (company_id, id DESC);
    `,
  );
}
