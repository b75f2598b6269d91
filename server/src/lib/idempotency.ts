import { createHash } from 'node:crypto';
import { type Executor, inTransaction, type Tx } from '@tradeloom/db';
import type { CompanyActor } from '../deps.ts';
import { appError } from '../trpc/errors.ts';

// Stripe's semantics: the same key with the same input returns the first result; with other input
// it is an error. Keys are scoped per company and principal (user or API key), so a key can never
// replay another tenant's response. The business write and the stored response share one
// transaction; a concurrent duplicate loses the primary-key race, rolls back, and reads the winner.

function fingerprint(procedure: string, input: unknown): string {
  return createHash('sha256').update(procedure).update(JSON.stringify(input)).digest('hex');
}

async function stored(db: Executor, scope: { companyId: string; principal: string; key: string }, hash: string) {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    .where('company_id', '=', scope.companyId)
    .where('principal', '=', scope.principal)
    .where('key', '=', scope.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) {
    throw appError('UNPROCESSABLE_CONTENT', 'IDEMPOTENCY_MISMATCH', 'This idempotency key was already used with different input.');
  }
  return row.response;
}

export async function idempotent<T>(
  db: Executor,
  actor: CompanyActor,
  request: { procedure: string; key: string | undefined; input: unknown },
  work: (trx: Tx) => Promise<T>,
): Promise<T> {
  if (!request.key) return inTransaction(db, work);
  const scope = { companyId: actor.companyId, principal: actor.userId ?? `key:${actor.apiKeyId}`, key: request.key };
  const hash = fingerprint(request.procedure, request.input);
  const previous = await stored(db, scope, hash);
  if (previous !== undefined) return previous as T;
  try {
    return await inTransaction(db, async (trx) => {
      const result = await work(trx);
      await trx
        .insertInto('idempotency_keys')
        .values({
          company_id: scope.companyId,
          principal: scope.principal,
          key: scope.key,
          procedure: request.procedure,
          request_hash: hash,
          response: JSON.stringify(result),
        })
        .execute();
      return result;
    });
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    const winner = await stored(db, scope, hash);
    if (winner === undefined) throw error;
    return winner as T;
  }
}
