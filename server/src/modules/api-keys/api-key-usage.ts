import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';

// Each key's calls per UTC day: one upsert per HTTP request (a batch adds all its calls at once).

export interface UsageCount {
  apiKeyId: string;
  companyId: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  requests: number;
  limited: number;
}

export async function countKeyUsage(db: Executor, usage: UsageCount): Promise<void> {
  await db
    .insertInto('api_key_usage')
    .values({ api_key_id: usage.apiKeyId, company_id: usage.companyId, day: usage.day, requests: usage.requests, limited: usage.limited })
    .onConflict((oc) =>
      oc.columns(['api_key_id', 'day']).doUpdateSet({
        requests: sql`api_key_usage.requests + ${usage.requests}::int`,
        limited: sql`api_key_usage.limited + ${usage.limited}::int`,
      }),
    )
    .execute();
}

/** The company's key's days from `fromDay` on (inclusive); days without calls have no row. */
export function keyUsageSince(db: Executor, companyId: string, apiKeyId: string, fromDay: string) {
  return db
    .selectFrom('api_key_usage')
    .select(['day', 'requests', 'limited'])
    .where('company_id', '=', companyId)
    .where('api_key_id', '=', apiKeyId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
}

/** UTC day of an instant, YYYY-MM-DD. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
