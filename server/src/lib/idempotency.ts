import { createHash } from 'node:crypto';
import { type Executor, inTransaction, type Tx } from '@tradeloom/db';
import type { CompanyActor } from '../deps.ts';
import { appError } from '../trpc/errors.ts';
import { lockUntilCommit } from './advisory-lock.ts';

// Stripe's semantics: the same key with the same input returns the first result; with other input
// it is an error. Keys are scoped per company and principal (user or API key), so a key can never
// replay another tenant's response. The business write and the stored response share one
// transaction, which first takes a transaction-level advisory lock on the key: a concurrent
// duplicate waits for the first to commit or roll back, then finds its stored answer and replays
// it, instead of running the work again and failing on the state the first one left.

type KeyScope = { companyId: string; principal: string; key: string };

function fingerprint(procedure: string, input: unknown): string {
  return createHash('sha256').update(procedure).update(JSON.stringify(input)).digest('hex');
}

async function stored(db: Executor, scope: KeyScope, hash: string) {
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
  return inTransaction(db, async (trx) => {
    // Duplicates of one request queue here until the first has committed its answer.
    await lockUntilCommit(trx, 'idempotency', scope.companyId, scope.principal, scope.key);
    const previous = await stored(trx, scope, hash);
    if (previous !== undefined) return previous as T;
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
}
