import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Two-factor sign-in (TOTP). One row per user with a key: unconfirmed while enrolment waits for
// the first code. last_used_step stops a code being replayed within its 30-second window.
// Recovery codes are kept only as SHA-256 hashes (they are 50-bit random, so no slow hash is
// needed) and die on use. A session signed in with a password alone stays two_factor_pending
// until the second factor is given. The company policy lives with the company's other settings.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE user_two_factor (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      totp_key bytea NOT NULL,
      confirmed_at timestamptz,
      last_used_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE two_factor_recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      UNIQUE (user_id, code_hash)
    );
    ALTER TABLE sessions ADD COLUMN two_factor_pending boolean NOT NULL DEFAULT false;
    ALTER TABLE companies ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;
    `,
  );
}
