import type { Executor } from '@tradeloom/db';
import type { Clock } from '../../lib/clock.ts';
import { hashSecret } from '../../lib/secrets.ts';
import { findKeyByHash, markKeyUsed } from '../api-keys/api-key-lookup.ts';

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
  const row = await findKeyByHash(db, hashSecret(key));
  if (!row || row.revoked_at) return null;
  const now = clock.now();
  // Record use at most once a minute: a busy integration should not write on every call.
  if (isStale(row.last_used_at, now)) await markKeyUsed(db, row.id, now, new Date(now.getTime() - LAST_USED_GRANULARITY_MS));
  return { apiKeyId: row.id, companyId: row.company_id, companyStatus: row.status, scopes: row.scopes };
}

const isStale = (lastUsedAt: Date | null, now: Date) => !lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS;
