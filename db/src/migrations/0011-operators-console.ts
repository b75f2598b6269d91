import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// The operators' console: why a company was suspended (its status already says that it is), a
// member disabled inside one company (the account itself is disabled on users.disabled_at), and
// indexes for reading security events by time, address and account.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    ALTER TABLE companies ADD COLUMN status_reason text;
    ALTER TABLE companies ADD COLUMN status_changed_at timestamptz;
    ALTER TABLE memberships ADD COLUMN disabled_at timestamptz;
    CREATE INDEX security_events_created_idx ON security_events (created_at DESC);
    CREATE INDEX security_events_ip_idx ON security_events (ip, created_at DESC);
    CREATE INDEX security_events_email_idx ON security_events (email, created_at DESC);
    CREATE INDEX companies_name_lower_idx ON companies (lower(name));
    `,
  );
}
