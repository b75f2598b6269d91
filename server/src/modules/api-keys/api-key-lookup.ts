import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import { companyStatusOf } from '../companies/company-reads.ts';

// How the rest of the server finds API keys: request authentication (auth) and the live streams'
// re-check (live). Keys are created, listed and revoked in api-keys.service.ts.

/** The key with this secret hash, with its company's status; revoked keys are returned too. */
export function findKeyByHash(db: Executor, secretHash: Uint8Array) {
  return db
    .selectFrom('api_keys')
    .select((eb) => [
      'api_keys.id',
      'api_keys.company_id',
      'api_keys.scopes',
      'api_keys.revoked_at',
      'api_keys.last_used_at',
      companyStatusOf(eb.ref('api_keys.company_id')).as('status'),
    ])
    .where('api_keys.secret_hash', '=', secretHash)
    .executeTakeFirst();
}

/** The live key with this secret hash and its own rate limit (null: the default), for the API rate limiter. */
export function findKeyRateLimitByHash(db: Executor, secretHash: Uint8Array) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'company_id', 'rate_limit_per_minute'])
    .where('secret_hash', '=', secretHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Records use unless it was recorded after `staleBefore`. The staleness is checked again in SQL
 * and a row another request is updating is skipped, so a burst of concurrent calls that all saw a
 * stale time writes once and never queues on the row lock.
 */
export async function markKeyUsed(db: Executor, apiKeyId: string, now: Date, staleBefore: Date): Promise<void> {
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

/** The scopes of those keys that still act for the company: not revoked, company active. */
export async function liveKeyScopes(db: Executor, companyId: string, apiKeyIds: string[]): Promise<Map<string, string[]>> {
  if (apiKeyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('api_keys')
    .select(['api_keys.id', 'api_keys.scopes'])
    .where('api_keys.id', 'in', apiKeyIds)
    .where('api_keys.company_id', '=', companyId)
    .where('api_keys.revoked_at', 'is', null)
    .where(companyStatusOf(companyId), '=', 'active')
    .execute();
  return new Map(rows.map((row) => [row.id, row.scopes]));
}

/** How many of the company's keys are not revoked (they act whenever the company is active). */
export async function countUnrevokedKeys(db: Executor, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
