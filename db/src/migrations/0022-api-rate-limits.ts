import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// API-key rate limits: a per-key limit an admin may set (null: the configured default) and each
// key's calls per UTC day, counted and limited, for the API keys screen. The counters themselves
// live in rate_limits (auth's fixed windows).
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0);

    CREATE TABLE api_key_usage (
      api_key_id uuid NOT NULL REFERENCES api_keys(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      day date NOT NULL,
      -- Calls made with the key that day (each call of a tRPC batch counts), and how many of them were refused with 429.
      requests integer NOT NULL DEFAULT 0,
      limited integer NOT NULL DEFAULT 0,
      PRIMARY KEY (api_key_id, day)
    );
    CREATE INDEX api_key_usage_company_idx ON api_key_usage (company_id, day);
    `,
  );
}
