import { type Executor, inTransaction } from '@tradeloom/db';
import { TOTP_CODE } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import type { SessionPrincipal } from '../../trpc/context.ts';
import { appError, invalidFields } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findTwoFactorPolicy, setTwoFactorPolicy } from '../companies/company-settings.ts';
import { claimAccountAttempt, reset } from './rate-limits.ts';
import { consumeRecoveryCode, countUnusedRecoveryCodes, deleteRecoveryCodes, replaceRecoveryCodes } from './recovery-codes.ts';
import { recordSecurityEvent } from './security-events.ts';
import { tellSecurityNotice } from './security-notices.ts';
import { matchingStep, newTotpKey, totpEnrolment } from './totp.ts';
import { isLegacyTotpKey, openTotpKey, sealTotpKey } from './totp-key-box.ts';
import { operatorNeedsTwoFactor, twoFactorThrottleKey } from './two-factor-rules.ts';

// Two-factor sign-in after Lucia's guide: a TOTP key per user, confirmed by a first code before it
// counts, never shown again after enrolment; one-time recovery codes; a session signed in with a
// password alone is "pending" until the second factor is given (sessions.service.ts).

type Principal = Pick<SessionPrincipal, 'userId' | 'sessionId' | 'email'>;

const TOO_MANY = () => appError('TOO_MANY_REQUESTS', 'RATE_LIMITED', 'Too many wrong codes. Wait a few minutes and try again.');
const WRONG_CODE = () =>
  invalidFields({ code: 'That code is not right, or it was already used. Try the newest code from your app.' }, 'TWO_FACTOR_CODE_INVALID');
const notEnabled = () => appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Two-factor sign-in is not turned on for this account.');

function findEnrolment(db: Executor, userId: string) {
  return db.selectFrom('user_two_factor').select(['totp_key', 'confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
}

export async function isTwoFactorEnabled(db: Executor, userId: string): Promise<boolean> {
  return (await findEnrolment(db, userId))?.confirmed_at != null;
}

/** Which of these users have two-factor sign-in on (confirmed), for another module's lists. */
export async function twoFactorEnabledFor(db: Executor, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_two_factor')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('confirmed_at', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/** Counts one second-factor attempt: after 5 wrong ones each further attempt waits longer. */
async function claimAttempt(ctx: ServiceContext, userId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  if (await claimAccountAttempt(db, clock, twoFactorThrottleKey(userId))) return;
  await recordSecurityEvent(db, ctx.request, { type: 'two_factor.throttled', userId });
  throw TOO_MANY();
}

/** Uses a TOTP code once: the step it matched is stored, so the same code cannot come back. */
async function spendTotpCode(ctx: ServiceContext, userId: string, code: string): Promise<boolean> {
  const { db, clock, config } = ctx.deps;
  const stored = await findEnrolment(db, userId);
  if (!stored?.confirmed_at) return false;
  const key = openTotpKey(config, userId, stored.totp_key);
  const step = matchingStep(key, code, clock.now());
  if (step === null) return false;
  // A key stored before encryption is sealed now, in the same conditional write.
  const reseal = isLegacyTotpKey(stored.totp_key) ? { totp_key: sealTotpKey(config, userId, key) } : {};
  const claimed = await db
    .updateTable('user_two_factor')
    .set({ last_used_step: step, ...reseal })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/**
 * Checks and uses up a TOTP or recovery code of a user with 2FA on. A wrong one is a security
 * event and a field error; a right one clears the back-off.
 */
async function proveSecondFactor(ctx: ServiceContext, userId: string, code: string): Promise<'totp' | 'recovery'> {
  const { db, clock } = ctx.deps;
  const method = TOTP_CODE.test(code) ? 'totp' : 'recovery';
  const ok = method === 'totp' ? await spendTotpCode(ctx, userId, code) : await consumeRecoveryCode(db, userId, code, clock.now());
  if (!ok) {
    await recordSecurityEvent(db, ctx.request, { type: 'two_factor.failed', userId, details: { method } });
    throw WRONG_CODE();
  }
  await reset(db, twoFactorThrottleKey(userId));
  if (method === 'recovery') {
    await recordSecurityEvent(db, ctx.request, {
      type: 'two_factor.recovery_code_used',
      userId,
      details: { left: await countUnusedRecoveryCodes(db, userId) },
    });
  }
  return method;
}

/** The second step of sign-in: a pending session becomes a full one. */
export async function completeSignIn(ctx: ServiceContext, session: Principal, code: string): Promise<void> {
  await claimAttempt(ctx, session.userId);
  const method = await proveSecondFactor(ctx, session.userId, code);
  await inTransaction(ctx.deps.db, async (trx) => {
    await trx.updateTable('sessions').set({ two_factor_pending: false }).where('id', '=', session.sessionId).execute();
    await recordSecurityEvent(trx, ctx.request, { type: 'two_factor.succeeded', userId: session.userId, details: { method } });
  });
}

/** Starts (or restarts) enrolment with a new key; the key is shown now and never again. */
export async function beginEnrolment(ctx: ServiceContext, session: Principal) {
  const { db, config } = ctx.deps;
  if (await isTwoFactorEnabled(db, session.userId))
    throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Two-factor sign-in is already on. Turn it off first to use another app.');
  const key = newTotpKey();
  const sealed = sealTotpKey(config, session.userId, key);
  await db
    .insertInto('user_two_factor')
    .values({ user_id: session.userId, totp_key: sealed })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ totp_key: sealed, last_used_step: null }).where('user_two_factor.confirmed_at', 'is', null),
    )
    .execute();
  return totpEnrolment(key, session.email);
}

/** The first code proves the app holds the key: 2FA is on from now, with fresh recovery codes. */
export async function confirmEnrolment(ctx: ServiceContext, session: Principal, code: string) {
  const { db, clock } = ctx.deps;
  const pending = await findEnrolment(db, session.userId);
  if (!pending || pending.confirmed_at)
    throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Start setting up two-factor sign-in first, then enter the code.');
  await claimAttempt(ctx, session.userId);
  const step = matchingStep(openTotpKey(ctx.deps.config, session.userId, pending.totp_key), code, clock.now());
  if (step === null) {
    await recordSecurityEvent(db, ctx.request, { type: 'two_factor.failed', userId: session.userId, details: { method: 'enrolment' } });
    throw WRONG_CODE();
  }
  const recoveryCodes = await inTransaction(db, async (trx) => {
    const confirmed = await trx
      .updateTable('user_two_factor')
      .set({ confirmed_at: clock.now(), last_used_step: step })
      .where('user_id', '=', session.userId)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    if (Number(confirmed.numUpdatedRows) !== 1) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Two-factor sign-in is already on.');
    const codes = await replaceRecoveryCodes(trx, session.userId);
    await reset(trx, twoFactorThrottleKey(session.userId));
    await recordAudit(trx, { userId: session.userId }, ctx.request, {
      companyId: null,
      action: 'user.two_factor_enabled',
      entityType: 'user',
      entityId: session.userId,
    });
    await recordSecurityEvent(trx, ctx.request, { type: 'two_factor.enabled', userId: session.userId });
    return codes;
  });
  return { recoveryCodes };
}

/** Needs the password and a code, so a session left open on someone's desk cannot turn it off. */
export async function disableTwoFactor(ctx: ServiceContext, session: Principal, input: { password: string; code: string }) {
  const { db } = ctx.deps;
  if (!(await isTwoFactorEnabled(db, session.userId))) throw notEnabled();
  await claimAttempt(ctx, session.userId);
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', session.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await recordSecurityEvent(db, ctx.request, { type: 'two_factor.failed', userId: session.userId, details: { method: 'password' } });
    throw invalidFields({ password: 'The password is incorrect.' }, 'INVALID_CREDENTIALS');
  }
  await proveSecondFactor(ctx, session.userId, input.code);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('user_two_factor').where('user_id', '=', session.userId).execute();
    await deleteRecoveryCodes(trx, session.userId);
    await recordAudit(trx, { userId: session.userId }, ctx.request, {
      companyId: null,
      action: 'user.two_factor_disabled',
      entityType: 'user',
      entityId: session.userId,
    });
    await recordSecurityEvent(trx, ctx.request, { type: 'two_factor.disabled', userId: session.userId });
    await tellSecurityNotice(trx, ctx.deps.clock, session.userId, 'security.two_factor_disabled');
  });
}

/** New recovery codes replace every old one (used or not). */
export async function regenerateRecoveryCodes(ctx: ServiceContext, session: Principal, code: string) {
  const { db } = ctx.deps;
  if (!(await isTwoFactorEnabled(db, session.userId))) throw notEnabled();
  await claimAttempt(ctx, session.userId);
  await proveSecondFactor(ctx, session.userId, code);
  const recoveryCodes = await inTransaction(db, async (trx) => {
    const codes = await replaceRecoveryCodes(trx, session.userId);
    await recordAudit(trx, { userId: session.userId }, ctx.request, {
      companyId: null,
      action: 'user.recovery_codes_regenerated',
      entityType: 'user',
      entityId: session.userId,
    });
    return codes;
  });
  return { recoveryCodes };
}

/** Who requires this account to use 2FA: the operator rule, the active company's policy, or nobody. */
export async function twoFactorRequiredBy(ctx: ServiceContext, session: SessionPrincipal): Promise<'operator' | 'company' | null> {
  if (operatorNeedsTwoFactor(ctx.deps.config.env, { isPlatformAdmin: session.isPlatformAdmin, twoFactorEnabled: false })) return 'operator';
  if (session.activeCompanyId && (await findTwoFactorPolicy(ctx.deps.db, session.activeCompanyId))) return 'company';
  return null;
}

export async function twoFactorStatus(ctx: ServiceContext, session: SessionPrincipal) {
  const { db } = ctx.deps;
  const enabled = session.twoFactorEnabled;
  const recoveryCodesLeft = enabled ? await countUnusedRecoveryCodes(db, session.userId) : 0;
  return { enabled, recoveryCodesLeft, requiredBy: await twoFactorRequiredBy(ctx, session) };
}

export async function companyTwoFactorPolicy(ctx: ServiceContext, actor: CompanyActor) {
  return { required: await findTwoFactorPolicy(ctx.deps.db, actor.companyId) };
}

/** An admin who turns the rule on must already have 2FA, or they would lock themselves out. */
export async function setCompanyTwoFactorPolicy(ctx: ServiceContext, actor: CompanyActor, required: boolean) {
  const { db, clock } = ctx.deps;
  if (required && !(actor.userId && (await isTwoFactorEnabled(db, actor.userId)))) {
    throw appError('CONFLICT', 'TWO_FACTOR_REQUIRED', 'Turn on two-factor sign-in for your own account first.');
  }
  await inTransaction(db, async (trx) => {
    const before = await setTwoFactorPolicy(trx, actor.companyId, required, clock.now());
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.two_factor_policy_changed',
      entityType: 'company',
      entityId: actor.companyId,
      before: { required: before },
      after: { required },
    });
  });
  return { required };
}
