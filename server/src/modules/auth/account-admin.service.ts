import { inTransaction } from '@tradeloom/db';
import type { ConsoleUserSearchInput, DisableUserInput } from '@tradeloom/shared';
import type { ServiceContext } from '../../deps.ts';
import { decodeNameIdCursor, escapeLike, nameIdCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { membershipCompaniesOldestFirst } from '../companies/companies.service.ts';
import { emitEvent } from '../events/events.service.ts';
import { mailPasswordResetLink } from './auth.service.ts';
import { accountKeys, loginLockedUntilOf, reset } from './rate-limits.ts';
import { recordSecurityEvent } from './security-events.ts';
import { deleteUserSessions } from './sessions.service.ts';

// What a platform operator does to accounts: find them, disable and re-enable them, lift a
// lock-out, send a reset link. Every change is audited (platform-wide, no company) and leaves a
// security event on the account.

/** Accounts whose email or name contains the search, by email, one keyset page at a time. */
export async function searchUsers(ctx: ServiceContext, input: ConsoleUserSearchInput) {
  let query = ctx.deps.db
    .selectFrom('users')
    .select((eb) => [
      'users.id',
      'users.email',
      'users.name',
      'users.email_verified_at',
      'users.is_platform_admin as isPlatformAdmin',
      isoTimestamp(eb.ref('users.disabled_at')).as('disabledAt'),
      loginLockedUntilOf(eb.ref('users.email')).as('lockedUntil'),
      eb.selectFrom('sessions').select(eb.fn.countAll<number>().as('n')).whereRef('sessions.user_id', '=', 'users.id').as('activeSessions'),
      isoTimestamp(eb.ref('users.created_at')).as('createdAt'),
    ])
    .orderBy('users.email')
    .orderBy('users.id')
    .limit(input.limit + 1);
  if (input.search) {
    const pattern = `%${escapeLike(input.search.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb('users.email', 'like', pattern), eb(eb.fn('lower', ['users.name']), 'like', pattern)]));
  }
  if (input.cursor) {
    const after = decodeNameIdCursor(input.cursor);
    query = query.where((eb) => eb(eb.refTuple('users.email', 'users.id'), '>', eb.tuple(after.name, after.id)));
  }
  const rows = await query.execute();
  const now = ctx.deps.clock.now();
  const items = rows.slice(0, input.limit).map(({ email_verified_at, ...row }) => ({
    ...row,
    emailVerified: email_verified_at !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    activeSessions: Number(row.activeSessions ?? 0),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? nameIdCursor({ name: last.email, id: last.id }) : null };
}

async function findAccount(ctx: ServiceContext, userId: string) {
  const user = await ctx.deps.db.selectFrom('users').select(['id', 'email', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User');
  return user;
}

/** Disables the account: every session ends in the same transaction, and sign-in is refused. */
export async function disableUser(ctx: ServiceContext, operatorId: string, input: DisableUserInput) {
  if (input.userId === operatorId) throw appError('FORBIDDEN', 'PERMISSION_DENIED', 'You cannot disable your own account.');
  const user = await findAccount(ctx, input.userId);
  return inTransaction(ctx.deps.db, async (trx) => {
    const disabled = await trx
      .updateTable('users')
      .set({ disabled_at: ctx.deps.clock.now(), updated_at: ctx.deps.clock.now() })
      .where('id', '=', user.id)
      .where('disabled_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!disabled) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'This account is already disabled.');
    const sessionsEnded = await deleteUserSessions(trx, user.id);
    await recordAudit(trx, { userId: operatorId }, ctx.request, {
      companyId: null,
      action: 'user.disabled',
      entityType: 'user',
      entityId: user.id,
      before: { disabled: false },
      after: { disabled: true, reason: input.reason },
    });
    await recordSecurityEvent(trx, ctx.request, {
      type: 'account.disabled',
      userId: user.id,
      email: user.email,
      details: { sessionsEnded },
    });
    // Open live streams in the user's companies are checked again, and theirs end.
    const audience = await membershipCompaniesOldestFirst(trx, user.id);
    await emitEvent(trx, operatorId, ctx.request, {
      type: 'user.disabled',
      companyId: null,
      entityType: 'user',
      entityId: user.id,
      audience,
    });
    return { id: user.id, sessionsEnded };
  });
}

export async function enableUser(ctx: ServiceContext, operatorId: string, userId: string): Promise<void> {
  const user = await findAccount(ctx, userId);
  await inTransaction(ctx.deps.db, async (trx) => {
    const enabled = await trx
      .updateTable('users')
      .set({ disabled_at: null, updated_at: ctx.deps.clock.now() })
      .where('id', '=', user.id)
      .where('disabled_at', 'is not', null)
      .returning('id')
      .executeTakeFirst();
    if (!enabled) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'This account is not disabled.');
    await recordAudit(trx, { userId: operatorId }, ctx.request, {
      companyId: null,
      action: 'user.enabled',
      entityType: 'user',
      entityId: user.id,
      before: { disabled: true },
      after: { disabled: false },
    });
    await recordSecurityEvent(trx, ctx.request, { type: 'account.enabled', userId: user.id, email: user.email });
  });
}

/** Lifts the sign-in back-off after repeated wrong passwords (and the change-password one). */
export async function unlockUser(ctx: ServiceContext, operatorId: string, userId: string): Promise<void> {
  const user = await findAccount(ctx, userId);
  await inTransaction(ctx.deps.db, async (trx) => {
    for (const key of [accountKeys.login(user.email), accountKeys.changePassword(user.id)]) await reset(trx, key);
    await recordAudit(trx, { userId: operatorId }, ctx.request, {
      companyId: null,
      action: 'user.unlocked',
      entityType: 'user',
      entityId: user.id,
    });
    await recordSecurityEvent(trx, ctx.request, { type: 'account.unlocked', userId: user.id, email: user.email });
  });
}

/** Mails the account the same reset link the "forgot password" page sends. */
export async function sendPasswordReset(ctx: ServiceContext, operatorId: string, userId: string): Promise<void> {
  const user = await findAccount(ctx, userId);
  if (user.disabled_at) throw appError('CONFLICT', 'ACCOUNT_DISABLED', 'Re-enable the account before sending it a reset link.');
  await inTransaction(ctx.deps.db, async (trx) => {
    await mailPasswordResetLink(ctx, trx, { userId: user.id, email: user.email });
    await recordAudit(trx, { userId: operatorId }, ctx.request, {
      companyId: null,
      action: 'user.password_reset_sent',
      entityType: 'user',
      entityId: user.id,
    });
    await recordSecurityEvent(trx, ctx.request, {
      type: 'password.reset_requested',
      userId: user.id,
      email: user.email,
      details: { byOperator: true },
    });
  });
}
