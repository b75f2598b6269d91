import type { Executor } from '@tradeloom/db';
import type { Role } from '@tradeloom/shared';
import type { Config } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import { newToken, secretMatches, splitToken } from '../../lib/secrets.ts';
import type { SessionPrincipal } from '../../trpc/context.ts';
import { activeMemberRoleOf } from '../companies/company-reads.ts';
import { TWO_FACTOR_PENDING_MS } from './two-factor-rules.ts';

// Sessions after Lucia's guide: `<id>.<secret>`, only SHA-256(secret) stored, inactivity expiry
// refreshed at most hourly, and an absolute lifetime Lucia's sample leaves out (ASVS 7.3.2).

export interface SessionTiming {
  clock: Clock;
  session: Config['session'];
}

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export async function createSession(
  db: Executor,
  timing: SessionTiming,
  input: { userId: string; activeCompanyId?: string | null; ip: string | null; userAgent: string | null; twoFactorPending?: boolean },
): Promise<NewSession> {
  const { id, token, secretHash } = newToken();
  const now = timing.clock.now();
  await db
    .insertInto('sessions')
    .values({
      id,
      secret_hash: secretHash,
      user_id: input.userId,
      active_company_id: input.activeCompanyId ?? null,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
      created_at: now,
      last_verified_at: now,
      two_factor_pending: input.twoFactorPending ?? false,
    })
    .execute();
  return { token, sessionId: id, expiresAt: sessionExpiry(timing, now, now) };
}

function sessionExpiry(timing: SessionTiming, createdAt: Date, lastVerifiedAt: Date): Date {
  const idle = lastVerifiedAt.getTime() + timing.session.inactivityMs;
  const absolute = createdAt.getTime() + timing.session.absoluteMs;
  return new Date(Math.min(idle, absolute));
}

export interface ValidatedSession {
  principal: SessionPrincipal;
  /** Set when the session was refreshed and the cookie should carry the new expiry. */
  refreshedExpiry: Date | null;
}

export async function validateSessionToken(db: Executor, timing: SessionTiming, token: string): Promise<ValidatedSession | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_two_factor', 'user_two_factor.user_id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.two_factor_pending',
      'user_two_factor.confirmed_at as two_factor_confirmed_at',
      'sessions.secret_hash',
      'sessions.created_at',
      'sessions.last_verified_at',
      'sessions.active_company_id',
      'users.id as user_id',
      'users.email',
      'users.email_verified_at',
      'users.must_change_password',
      'users.is_platform_admin',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', parts.id)
    .executeTakeFirst();
  if (!row || !secretMatches(parts.secret, row.secret_hash)) return null;

  const now = timing.clock.now();
  // A password-only session that never got its second factor dies after a few minutes.
  const pendingTooLong = row.two_factor_pending && row.created_at.getTime() + TWO_FACTOR_PENDING_MS <= now.getTime();
  if (row.disabled_at || pendingTooLong || sessionExpiry(timing, row.created_at, row.last_verified_at) <= now) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return null;
  }
  let refreshedExpiry: Date | null = null;
  if (now.getTime() - row.last_verified_at.getTime() >= timing.session.refreshAfterMs) {
    await db.updateTable('sessions').set({ last_verified_at: now }).where('id', '=', row.id).execute();
    refreshedExpiry = sessionExpiry(timing, row.created_at, now);
  }
  return {
    refreshedExpiry,
    principal: {
      sessionId: row.id,
      userId: row.user_id,
      activeCompanyId: row.active_company_id,
      email: row.email,
      emailVerified: row.email_verified_at !== null,
      mustChangePassword: row.must_change_password,
      isPlatformAdmin: row.is_platform_admin,
      twoFactorEnabled: row.two_factor_confirmed_at !== null,
      twoFactorPending: row.two_factor_pending,
    },
  };
}

/**
 * True when the token names a stored session with that secret: proof the caller holds a real
 * sign-in, for the API rate limiter (signed-in people are not limited there). Read-only: it neither
 * refreshes nor ends the session, which the procedure's own validation does.
 */
export async function holdsSession(db: Executor, token: string): Promise<boolean> {
  const parts = splitToken(token);
  if (!parts) return false;
  const row = await db.selectFrom('sessions').select('secret_hash').where('id', '=', parts.id).executeTakeFirst();
  return row !== undefined && secretMatches(parts.secret, row.secret_hash);
}

/** Ends every session of a user, or all but one (the one making the request). */
export async function deleteUserSessions(db: Executor, userId: string, keepSessionId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listUserSessions(db: Executor, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent as userAgent', 'created_at as createdAt', 'last_verified_at as lastSeenAt'])
    .where('user_id', '=', userId)
    .orderBy('last_verified_at', 'desc')
    .execute();
}

/** The company the session acts in from now on (a new company, a switch, an accepted invitation). */
export async function setActiveCompany(db: Executor, sessionId: string, companyId: string): Promise<void> {
  await db.updateTable('sessions').set({ active_company_id: companyId }).where('id', '=', sessionId).execute();
}

/** The user's sessions stop acting in the company (they left it or were removed). */
export async function leaveCompanyInSessions(db: Executor, userId: string, companyId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ active_company_id: null })
    .where('user_id', '=', userId)
    .where('active_company_id', '=', companyId)
    .execute();
}

/**
 * The role each of these sessions holds in the company now: signed in to it, the user not
 * disabled, still a member, the company active. Sessions that lost access are left out.
 */
export async function sessionRolesIn(db: Executor, companyId: string, sessionIds: string[]): Promise<Map<string, Role>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((eb) => ['sessions.id', activeMemberRoleOf(eb.ref('sessions.user_id'), companyId).as('role')])
    .where('sessions.id', 'in', sessionIds)
    .where('sessions.active_company_id', '=', companyId)
    .where('users.disabled_at', 'is', null)
    .execute();
  return new Map(rows.flatMap((row) => (row.role ? [[row.id, row.role] as const] : [])));
}
