import type { Executor } from '@tradeloom/db';
import { type Expression, type RawBuilder, sql } from 'kysely';

// What other modules read about a user account, owned here.

/** The user's display name as a scalar subquery (null for no user), for another module's select list. */
export function userNameOf(userId: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`(select users.name from users where users.id = ${userId})`;
}

export function findUserProfile(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'email_verified_at as emailVerifiedAt'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}
