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

/** Finds a live key by the hash of the whole key (≥ 128 random bits, so a plain SHA-256 is enough). */
export async function authenticateApiKey(db: Executor, clock: Clock, key: string): Promise<ApiKeyPrincipal | null> {
  if (!/^tlk_[a-z0-9]{8}_[a-z0-9]{32}$/.test(key)) return null;
  const row = await findKeyByHash(db, hashSecret(key));
  if (!row || row.revoked_at) return null;
  const now = clock.now();
  // Record use at most once a minute: a busy integration should not write on every call.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_GRANULARITY_MS) {
    await markKeyUsed(db, row.id, now);
  }
  return { apiKeyId: row.id, companyId: row.company_id, companyStatus: row.status, scopes: row.scopes };
}
