import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Files (content-checked uploads), company verification documents and their review,
// certifications with validity, and change requests to a verified company's legal fields.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      uploaded_by uuid REFERENCES users(id),
      filename text NOT NULL,
      mime text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX files_company_idx ON files (company_id, created_at DESC);

    CREATE TABLE kyc_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      kind text NOT NULL CHECK (kind IN ('gst_certificate', 'pan', 'bank_proof', 'trade_licence', 'other')),
      file_id uuid NOT NULL REFERENCES files(id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      review_reason text,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      submitted_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX kyc_documents_company_idx ON kyc_documents (company_id, created_at DESC);
    CREATE INDEX kyc_documents_queue_idx ON kyc_documents (created_at) WHERE status = 'pending';

    CREATE TABLE certifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      standard text NOT NULL,
      number text NOT NULL,
      issuer text NOT NULL,
      valid_from date NOT NULL,
      valid_to date NOT NULL CHECK (valid_to >= valid_from),
      file_id uuid REFERENCES files(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX certifications_company_idx ON certifications (company_id, valid_to);

    CREATE TABLE change_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      field text NOT NULL CHECK (field IN ('legal_name', 'tax_id', 'bank_account')),
      old_value text,
      new_value text NOT NULL,
      note text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      review_reason text,
      requested_by uuid REFERENCES users(id),
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX change_requests_queue_idx ON change_requests (created_at) WHERE status = 'pending';
    ALTER TABLE companies ADD COLUMN bank_account text;
    `,
  );
}
