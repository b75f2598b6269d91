import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import { hashSecret } from '../../lib/secrets.ts';

export interface ApiKeyPrincipal {
  apiKeyId: string;
  companyId: string;
  companyStatus: string;
  scopes: string[];
}

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Finds a live key by the hash of the whole key (≥ 128 random bits, so a plain SHA-256 is enough).
 * Read on every request, so a revoked key or a suspended company is refused at once in every process.
 */
export async function authenticateApiKey(db: Executor, clock: Clock, key: string): Promise<ApiKeyPrincipal | null> {
  if (!/^tlk_[a-z0-9]{8}_[a-z0-9]{32}$/.test(key)) return null;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('companies', 'companies.id', 'api_keys.company_id')
    .select(['api_keys.id', 'api_keys.company_id', 'api_keys.scopes', 'api_keys.revoked_at', 'api_keys.last_used_at', 'companies.status'])
    .where('api_keys.secret_hash', '=', hashSecret(key))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const now = clock.now();
  if (isStale(row.last_used_at, now)) await recordUse(db, row.id, now);
  return { apiKeyId: row.id, companyId: row.company_id, companyStatus: row.status, scopes: row.scopes };
}

const isStale = (lastUsedAt: Date | null, now: Date) => !lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS;

/**
 * Records use at most once a minute: a busy integration should not write on every call. The
 * staleness is checked again in SQL and a row another request is updating is skipped, so the
 * burst of concurrent calls that all saw a stale time writes once and never queues on the row lock.
 */
async function recordUse(db: Executor, apiKeyId: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('api_keys as k')
        .select('k.id')
        .where('k.id', '=', apiKeyId)
        .where((w) => w.or([w('k.last_used_at', 'is', null), w('k.last_used_at', '<', staleBefore)]))
        .modifyEnd(sql`for update skip locked`),
    )
    .execute();
}
