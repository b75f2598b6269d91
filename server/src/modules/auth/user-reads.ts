import type { Executor, Tx } from '@tradeloom/db';
import { type Expression, type RawBuilder, sql } from 'kysely';

// What other modules read and write about user accounts, owned here.

/** The user's display name as a scalar subquery (null for no user), for another module's select list. */
export function userNameOf(userId: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`(select users.name from users where users.id = ${userId})`;
}

/**
 * The public profile of users — what another module may show — as a query the caller joins its
 * own table onto, so a list of members with their names stays one statement.
 */
export function selectUserProfiles(db: Executor) {
  return db.selectFrom('users').select(['users.id', 'users.name', 'users.email', 'users.email_verified_at as emailVerifiedAt']);
}

/** Profiles of accounts the operators have not disabled: people who may still be told things. */
export function selectActiveUserProfiles(db: Executor) {
  return selectUserProfiles(db).where('users.disabled_at', 'is', null);
}

export function findUserProfile(db: Executor, userId: string) {
  return selectUserProfiles(db).where('users.id', '=', userId).executeTakeFirstOrThrow();
}

export async function findUserIdByEmail(db: Executor, email: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())?.id;
}

/** An account created by a company admin: the member must replace the password on first login. */
export async function createUserWithTemporaryPassword(trx: Tx, account: { email: string; passwordHash: string }): Promise<string> {
  const user = await trx
    .insertInto('users')
    .values({
      email: account.email,
      name: account.email.split('@')[0] ?? account.email,
      password_hash: account.passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return user.id;
}

/** An emailed link the user followed proves the address (kept if already verified). */
export async function markEmailVerified(trx: Tx, userId: string, at: Date): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(at)) }))
    .where('id', '=', userId)
    .execute();
}
