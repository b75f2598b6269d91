import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Identity, tenancy, audit, outbox and jobs: the ground every module stands on.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      name text NOT NULL,
      password_hash text NOT NULL,
      email_verified_at timestamptz,
      must_change_password boolean NOT NULL DEFAULT false,
      is_platform_admin boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE companies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      legal_name text NOT NULL,
      country char(2) NOT NULL,
      base_currency char(3) NOT NULL,
      tax_id text,
      is_buyer boolean NOT NULL DEFAULT true,
      is_supplier boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
      verification_status text NOT NULL DEFAULT 'unverified'
        CHECK (verification_status IN ('unverified', 'pending', 'verified', 'rejected')),
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE branches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      name text NOT NULL,
      address_line text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      state text NOT NULL DEFAULT '',
      state_code text,
      postal_code text NOT NULL DEFAULT '',
      country char(2) NOT NULL,
      gstin text,
      is_head_office boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX branches_company_idx ON branches (company_id);

    CREATE TABLE memberships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'staff', 'viewer')),
      -- empty: every branch of the company
      branch_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (company_id, user_id)
    );
    CREATE INDEX memberships_user_idx ON memberships (user_id);

    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      email text NOT NULL,
      role text NOT NULL,
      secret_hash bytea NOT NULL,
      invited_by uuid NOT NULL REFERENCES users(id),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users(id),
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invitations_company_idx ON invitations (company_id, created_at DESC);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      secret_hash bytea NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      active_company_id uuid REFERENCES companies(id),
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_verified_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE auth_tokens (
      id text PRIMARY KEY,
      secret_hash bytea NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
      email text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, purpose);

    CREATE TABLE rate_limits (
      key text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      count integer NOT NULL
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      name text NOT NULL,
      prefix text NOT NULL,
      secret_hash bytea NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_keys_company_idx ON api_keys (company_id);

    CREATE TABLE security_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      email text,
      ip text,
      user_agent text,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX security_events_user_idx ON security_events (user_id, id DESC);

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      company_id uuid REFERENCES companies(id),
      actor_user_id uuid REFERENCES users(id),
      actor_api_key_id uuid REFERENCES api_keys(id),
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      before jsonb,
      after jsonb,
      request_id text,
      ip text
    );
    CREATE INDEX audit_log_company_idx ON audit_log (company_id, id DESC);
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

    -- Append-only: row triggers stop UPDATE/DELETE, a statement trigger stops TRUNCATE.
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    CREATE TABLE domain_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      company_id uuid REFERENCES companies(id),
      type text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX domain_events_company_idx ON domain_events (company_id, id DESC);

    CREATE TABLE jobs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      queue text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 5,
      run_at timestamptz NOT NULL DEFAULT now(),
      locked_at timestamptz,
      locked_by text,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX jobs_ready_idx ON jobs (run_at) WHERE status = 'pending';
    CREATE INDEX jobs_running_idx ON jobs (locked_at) WHERE status = 'running';

    CREATE TABLE financial_years (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      label text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on > starts_on),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      UNIQUE (company_id, starts_on),
      UNIQUE (company_id, label)
    );

    CREATE TABLE number_series (
      company_id uuid NOT NULL REFERENCES companies(id),
      doc_type text NOT NULL,
      period_key text NOT NULL,
      prefix text NOT NULL,
      next_value bigint NOT NULL DEFAULT 1,
      PRIMARY KEY (company_id, doc_type, period_key)
    );

    CREATE TABLE dev_mailbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}
