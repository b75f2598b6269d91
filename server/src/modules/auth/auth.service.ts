import { type Executor, inTransaction } from '@tradeloom/db';
import type { LoginInput, RegisterInput } from '@tradeloom/shared';
import type { ServiceContext } from '../../deps.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { membershipCompaniesOldestFirst } from '../companies/companies.service.ts';
import { queueMail } from '../mail/mail.jobs.ts';
import { passwordResetMail, registrationAttemptMail, verifyEmailMail } from '../mail/templates.ts';
import { consumeAuthToken, issueAuthToken, revokeAuthTokens } from './auth-tokens.ts';
import {
  accountKeys,
  blockedFor,
  claimAccountAttempt,
  claimWithinLimits,
  hit,
  LOGIN_IP_LIMIT,
  REGISTER_IP_LIMIT,
  REGISTER_MAIL_LIMIT,
  RESET_LIMIT,
  reset,
} from './rate-limits.ts';
import { recordSecurityEvent } from './security-events.ts';
import { tellSecurityNotice } from './security-notices.ts';
import { createSession, deleteUserSessions, type NewSession } from './sessions.service.ts';
import { isTwoFactorEnabled } from './two-factor.service.ts';

const INVALID_CREDENTIALS = () => appError('UNAUTHORIZED', 'INVALID_CREDENTIALS', 'Email or password is incorrect.');
export const ACCOUNT_DISABLED = () =>
  appError('FORBIDDEN', 'ACCOUNT_DISABLED', 'This account has been disabled by Tradeloom. Contact support to have it re-enabled.');
const TOO_MANY = () => appError('TOO_MANY_REQUESTS', 'RATE_LIMITED', 'Too many attempts. Wait a few minutes and try again.');

function timing(ctx: ServiceContext) {
  return { clock: ctx.deps.clock, session: ctx.deps.config.session };
}

function link(ctx: ServiceContext, path: string, token: string): string {
  return `${ctx.deps.config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

/**
 * Answers the same whether or not the address is taken (same result, the password hashed either
 * way), so sign-up cannot tell who has an account. A new address gets an unverified account and
 * the verification mail; a taken one gets a note to its owner. Nobody is signed in: the person
 * signs in with the password they chose (only the owner of an existing account knows theirs).
 */
export async function register(ctx: ServiceContext, input: RegisterInput): Promise<void> {
  const { db, clock } = ctx.deps;
  if (!(await claimWithinLimits(db, clock, [`register:ip:${ctx.request.ip ?? 'unknown'}`], REGISTER_IP_LIMIT))) throw TOO_MANY();
  const passwordHash = await hashPassword(input.password);
  // Past the per-address limit nothing is mailed, but the answer stays the same.
  const mayMail = await claimWithinLimits(db, clock, [`register:email:${input.email}`], REGISTER_MAIL_LIMIT);
  await inTransaction(db, async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ email: input.email, name: input.name, password_hash: passwordHash })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id'])
      .executeTakeFirst();
    if (user) await welcomeNewUser(ctx, trx, user.id, input, mayMail);
    else await warnExistingOwner(ctx, trx, input.email, mayMail);
  });
}

async function welcomeNewUser(ctx: ServiceContext, trx: Executor, userId: string, input: RegisterInput, mayMail: boolean) {
  if (mayMail) {
    const token = await issueAuthToken(trx, ctx.deps.clock, { userId, email: input.email, purpose: 'verify_email' });
    await queueMail(trx, verifyEmailMail(input.email, input.name, link(ctx, '/verify-email', token)));
  }
  await recordAudit(trx, { userId }, ctx.request, {
    companyId: null,
    action: 'user.registered',
    entityType: 'user',
    entityId: userId,
    after: { email: input.email, name: input.name },
  });
  await recordSecurityEvent(trx, ctx.request, { type: 'user.registered', userId, email: input.email });
}

async function warnExistingOwner(ctx: ServiceContext, trx: Executor, email: string, mayMail: boolean) {
  await recordSecurityEvent(trx, ctx.request, { type: 'register.email_taken', email });
  if (mayMail) await queueMail(trx, registrationAttemptMail(email, `${ctx.deps.config.publicUrl}/forgot-password`));
}

/**
 * Throttles before hashing: while an account or IP is blocked no argon2 verification runs, so a
 * flood costs the attacker time and us nothing. Unknown and known emails take the same path.
 */
export async function login(
  ctx: ServiceContext,
  input: LoginInput,
): Promise<NewSession & { userId: string; mustChangePassword: boolean; twoFactorRequired: boolean }> {
  const { db, clock } = ctx.deps;
  const accountKey = accountKeys.login(input.email);
  const ipKey = `login:ip:${ctx.request.ip ?? 'unknown'}`;
  const throttled = async () => {
    await recordSecurityEvent(db, ctx.request, { type: 'login.throttled', email: input.email });
    return TOO_MANY();
  };
  if ((await blockedFor(db, clock, ipKey, LOGIN_IP_LIMIT)) > 0) throw await throttled();
  if (!(await claimAccountAttempt(db, clock, accountKey))) throw await throttled();

  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at', 'must_change_password'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  const valid = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);

  if (!user || !valid) {
    await hit(db, clock, ipKey, LOGIN_IP_LIMIT);
    await recordSecurityEvent(db, ctx.request, { type: 'login.failed', userId: user?.id ?? null, email: input.email });
    throw INVALID_CREDENTIALS();
  }
  // Said only to whoever knows the password: the owner learns why, a guesser learns nothing new.
  if (user.disabled_at) {
    await recordSecurityEvent(db, ctx.request, { type: 'login.disabled_account', userId: user.id, email: input.email });
    throw ACCOUNT_DISABLED();
  }

  return inTransaction(db, async (trx) => {
    await reset(trx, accountKey);
    const activeCompanyId = await lastActiveCompany(trx, user.id);
    // With 2FA on, the password only opens a pending session that can do nothing but take the code.
    const twoFactorRequired = await isTwoFactorEnabled(trx, user.id);
    const session = await createSession(trx, timing(ctx), {
      userId: user.id,
      activeCompanyId,
      twoFactorPending: twoFactorRequired,
      ...ctx.request,
    });
    await recordSecurityEvent(trx, ctx.request, {
      type: twoFactorRequired ? 'two_factor.challenged' : 'login.succeeded',
      userId: user.id,
      email: input.email,
    });
    return { ...session, userId: user.id, mustChangePassword: user.must_change_password, twoFactorRequired };
  });
}

/** Signs the user back into the company they last worked in, if they are still a member. */
async function lastActiveCompany(trx: Executor, userId: string): Promise<string | null> {
  const memberOf = await membershipCompaniesOldestFirst(trx, userId);
  if (!memberOf.length) return null;
  const lastUsed = await trx
    .selectFrom('sessions')
    .select('active_company_id')
    .where('user_id', '=', userId)
    .where('active_company_id', 'in', memberOf)
    .orderBy('last_verified_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return lastUsed?.active_company_id ?? memberOf[0] ?? null;
}

export async function logout(ctx: ServiceContext, session: { sessionId: string; userId: string }, everywhere: boolean): Promise<number> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const ended = everywhere
      ? await deleteUserSessions(trx, session.userId)
      : Number((await trx.deleteFrom('sessions').where('id', '=', session.sessionId).executeTakeFirst()).numDeletedRows);
    await recordSecurityEvent(trx, ctx.request, {
      type: everywhere ? 'sessions.revoked' : 'logout',
      userId: session.userId,
      details: { ended },
    });
    return ended;
  });
}

export async function revokeSession(ctx: ServiceContext, userId: string, sessionId: string): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    // Scoped to the caller: another user's session id is simply not found.
    const result = await trx.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw notFound('Session');
    await recordSecurityEvent(trx, ctx.request, { type: 'sessions.revoked', userId, details: { sessionId } });
  });
}

/** Always answers the same way, so it cannot tell whether an account exists. */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  const { db, clock } = ctx.deps;
  // Past the limit nothing is sent, and the links already in the owner's mailbox stay valid.
  const keys = [`reset:ip:${ctx.request.ip ?? 'unknown'}`, `reset:email:${email}`];
  if (!(await claimWithinLimits(db, clock, keys, RESET_LIMIT))) return;
  await inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'disabled_at']).where('email', '=', email).executeTakeFirst();
    await recordSecurityEvent(trx, ctx.request, { type: 'password.reset_requested', userId: user?.id ?? null, email });
    if (!user || user.disabled_at) return;
    await mailPasswordResetLink(ctx, trx, { userId: user.id, email });
  });
}

/** Queues the emailed reset link, in the caller's transaction (a request, or an operator's send). */
export async function mailPasswordResetLink(ctx: ServiceContext, trx: Executor, user: { userId: string; email: string }): Promise<void> {
  const token = await issueAuthToken(trx, ctx.deps.clock, { userId: user.userId, email: user.email, purpose: 'reset_password' });
  await queueMail(trx, passwordResetMail(user.email, link(ctx, '/reset-password', token)));
}

/**
 * Stores a new password, by whichever path: every emailed reset link dies with the old password,
 * and the account's throttles are cleared by the caller where the owner proved themselves.
 */
async function storePassword(trx: Executor, ctx: ServiceContext, userId: string, passwordHash: string, verifiedEmail: boolean) {
  const now = ctx.deps.clock.now();
  await trx
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      must_change_password: false,
      // An emailed link proves the address, so an unverified account becomes verified.
      ...(verifiedEmail ? { email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)) } : {}),
      updated_at: now,
    }))
    .where('id', '=', userId)
    .execute();
  await revokeAuthTokens(trx, ctx.deps.clock, userId, 'reset_password');
}

/**
 * Sets a new password from an emailed token and ends every session of the account. The link is
 * the owner's way past any lock a stranger caused: it clears the account's throttles.
 */
export async function resetPassword(ctx: ServiceContext, token: string, password: string): Promise<void> {
  const { db, clock } = ctx.deps;
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    const { userId, email } = await consumeAuthToken(trx, clock, token, 'reset_password');
    const owner = await trx.selectFrom('users').select('id').where('id', '=', userId).where('email', '=', email).executeTakeFirst();
    if (!owner) throw appError('BAD_REQUEST', 'TOKEN_INVALID', 'This link is invalid or has expired. Ask for a new one.');
    await storePassword(trx, ctx, userId, passwordHash, true);
    const ended = await deleteUserSessions(trx, userId);
    for (const key of [accountKeys.login(email), accountKeys.changePassword(userId)]) await reset(trx, key);
    await recordAudit(trx, { userId }, ctx.request, {
      companyId: null,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
    });
    await recordSecurityEvent(trx, ctx.request, { type: 'password.reset', userId, email, details: { sessionsEnded: ended } });
    await tellSecurityNotice(trx, clock, userId, 'security.password_changed');
  });
}

/**
 * Throttled per account like login (back-off after 5 wrong current passwords), so a stolen
 * session cannot guess the password; the owner gets past it with a reset link.
 */
export async function changePassword(
  ctx: ServiceContext,
  session: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { db, clock } = ctx.deps;
  const throttleKey = accountKeys.changePassword(session.userId);
  if (!(await claimAccountAttempt(db, clock, throttleKey))) {
    await recordSecurityEvent(db, ctx.request, { type: 'password.change_throttled', userId: session.userId });
    throw TOO_MANY();
  }
  const user = await db.selectFrom('users').select(['password_hash', 'email']).where('id', '=', session.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordSecurityEvent(db, ctx.request, { type: 'password.change_failed', userId: session.userId });
    throw appError('BAD_REQUEST', 'INVALID_CREDENTIALS', 'The current password is incorrect.');
  }
  // The right password clears the back-off, whatever else is wrong with the request.
  await reset(db, throttleKey);
  if (input.currentPassword === input.newPassword) {
    throw appError('BAD_REQUEST', 'PASSWORD_REUSED', 'Choose a password different from the current one.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await storePassword(trx, ctx, session.userId, passwordHash, false);
    const ended = await deleteUserSessions(trx, session.userId, session.sessionId);
    await recordAudit(trx, { userId: session.userId }, ctx.request, {
      companyId: null,
      action: 'user.password_changed',
      entityType: 'user',
      entityId: session.userId,
    });
    await recordSecurityEvent(trx, ctx.request, {
      type: 'password.changed',
      userId: session.userId,
      details: { otherSessionsEnded: ended },
    });
    await tellSecurityNotice(trx, clock, session.userId, 'security.password_changed');
  });
}

export async function verifyEmail(ctx: ServiceContext, token: string): Promise<void> {
  const { db, clock } = ctx.deps;
  await inTransaction(db, async (trx) => {
    const { userId, email } = await consumeAuthToken(trx, clock, token, 'verify_email');
    const result = await trx
      .updateTable('users')
      .set({ email_verified_at: clock.now(), updated_at: clock.now() })
      .where('id', '=', userId)
      .where('email', '=', email)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw appError('BAD_REQUEST', 'TOKEN_INVALID', 'This link is invalid or has expired. Ask for a new one.');
    await recordAudit(trx, { userId }, ctx.request, {
      companyId: null,
      action: 'user.email_verified',
      entityType: 'user',
      entityId: userId,
    });
    await recordSecurityEvent(trx, ctx.request, { type: 'email.verified', userId, email });
  });
}

export async function resendVerification(ctx: ServiceContext, userId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  if (!(await claimWithinLimits(db, clock, [`verify:user:${userId}`], RESET_LIMIT))) throw TOO_MANY();
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['email', 'name', 'email_verified_at'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (user.email_verified_at) return;
    const token = await issueAuthToken(trx, clock, { userId, email: user.email, purpose: 'verify_email' });
    await queueMail(trx, verifyEmailMail(user.email, user.name, link(ctx, '/verify-email', token)));
  });
}

export async function updateProfile(ctx: ServiceContext, userId: string, name: string): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const before = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ name, updated_at: ctx.deps.clock.now() }).where('id', '=', userId).execute();
    await recordAudit(trx, { userId }, ctx.request, {
      companyId: null,
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: userId,
      before,
      after: { name },
    });
  });
}
