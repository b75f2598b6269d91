import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Executor } from '@tradeloom/db';
import { hashSecret, randomString } from '../../lib/secrets.ts';

// Ten one-time codes of 50 random bits each. Only SHA-256 hashes are stored: with that much
// entropy a slow hash adds nothing. A code dies on use by a conditional update, so two requests
// racing with one code cannot both succeed.
const COUNT = 10;

const hashOf = (code: string) => encodeHexLowerCase(hashSecret(code.replace('-', '')));

/** Replaces every recovery code of the user; returns the new ones to show once. */
export async function replaceRecoveryCodes(trx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: COUNT }, () => randomString(10));
  await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('two_factor_recovery_codes')
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashOf(code) })))
    .execute();
  return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`);
}

/** Uses up a recovery code; false when it is unknown or was used before. */
export async function consumeRecoveryCode(trx: Executor, userId: string, code: string, now: Date): Promise<boolean> {
  const used = await trx
    .updateTable('two_factor_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashOf(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('two_factor_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteRecoveryCodes(trx: Executor, userId: string): Promise<void> {
  await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
}
