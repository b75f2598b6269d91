import type { Executor } from '@tradeloom/db';
import type { Clock } from '../../lib/clock.ts';
import { newToken, secretMatches, splitToken } from '../../lib/secrets.ts';
import { appError } from '../../trpc/errors.ts';

type Purpose = 'verify_email' | 'reset_password';

const TOKEN_TTL_MS: Record<Purpose, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 60 * 60_000,
};

// A new verification link replaces the last one. Reset links do not replace each other: anyone can
// ask for one, and a stranger's request must not kill the link already in the owner's mailbox
// (the requests are throttled per address; every reset link dies when the password changes).
const REPLACES_EARLIER: Record<Purpose, boolean> = { verify_email: true, reset_password: false };

/** Issues a single-use emailed token. */
export async function issueAuthToken(
  trx: Executor,
  clock: Clock,
  input: { userId: string; email: string; purpose: Purpose },
): Promise<string> {
  const now = clock.now();
  if (REPLACES_EARLIER[input.purpose]) await revokeAuthTokens(trx, clock, input.userId, input.purpose);
  const { id, token, secretHash } = newToken();
  await trx
    .insertInto('auth_tokens')
    .values({
      id,
      secret_hash: secretHash,
      user_id: input.userId,
      email: input.email,
      purpose: input.purpose,
      expires_at: new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]),
    })
    .execute();
  return token;
}

/** Ends every unused token of one purpose for the user, e.g. all reset links once the password changed. */
export async function revokeAuthTokens(trx: Executor, clock: Clock, userId: string, purpose: Purpose): Promise<void> {
  await trx
    .updateTable('auth_tokens')
    .set({ used_at: clock.now() })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Marks the token used (once, even under concurrent use) and returns whose it was. */
export async function consumeAuthToken(trx: Executor, clock: Clock, token: string, purpose: Purpose) {
  const invalid = appError('BAD_REQUEST', 'TOKEN_INVALID', 'This link is invalid or has expired. Ask for a new one.');
  const parts = splitToken(token);
  if (!parts) throw invalid;
  const row = await trx
    .selectFrom('auth_tokens')
    .select(['id', 'secret_hash', 'user_id', 'email', 'expires_at', 'used_at', 'purpose'])
    .where('id', '=', parts.id)
    .executeTakeFirst();
  const now = clock.now();
  if (!row || row.purpose !== purpose || row.used_at || row.expires_at <= now || !secretMatches(parts.secret, row.secret_hash)) {
    throw invalid;
  }
  const used = await trx
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw invalid;
  return { userId: row.user_id, email: row.email };
}
