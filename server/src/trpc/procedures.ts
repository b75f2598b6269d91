import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  type Permission,
  permissionDeniedMessage,
  ROLE_PERMISSIONS,
  type Role,
  scopeDeniedMessage,
} from '@tradeloom/shared';
import type { CompanyActor } from '../deps.ts';
import { authenticateApiKey } from '../modules/auth/api-key-auth.ts';
import { validateSessionToken } from '../modules/auth/sessions.service.ts';
import { operatorNeedsTwoFactor } from '../modules/auth/two-factor-rules.ts';
import { findMembershipStanding } from '../modules/companies/company-reads.ts';
import type { Context, SessionPrincipal } from './context.ts';
import { appError } from './errors.ts';
import { baseProcedure, middleware } from './init.ts';
import type { RestRoute } from './rest-route.ts';

// The only procedure builders modules may use. Each stamps its access rule into the procedure's
// meta, so the inventory test can prove that every procedure declares one.

/**
 * The signed-in session, or null. A password-only sign-in that still owes its second factor is
 * refused here, for every caller (procedures, file routes), unless the caller takes the code.
 */
export async function resolveSession(ctx: Context, options?: { allowDuringTwoFactor?: boolean }): Promise<SessionPrincipal | null> {
  const token = ctx.credentials.sessionToken;
  if (!token) return null;
  const { deps } = ctx;
  const validated = await validateSessionToken(deps.db, { clock: deps.clock, session: deps.config.session }, token);
  if (!validated) {
    ctx.cookies.clear();
    return null;
  }
  if (validated.refreshedExpiry) ctx.cookies.set(token, validated.refreshedExpiry);
  if (validated.principal.twoFactorPending && !options?.allowDuringTwoFactor) {
    throw appError('FORBIDDEN', 'TWO_FACTOR_PENDING', 'Enter the code from your authenticator app to finish signing in.');
  }
  return validated.principal;
}

const twoFactorRequired = (message: string) => appError('FORBIDDEN', 'TWO_FACTOR_REQUIRED', message);

/** Until a member replaces a password an admin set, only procedures that allow it may run. */
function assertPasswordChosen(session: SessionPrincipal, meta?: { allowDuringPasswordChange?: boolean }): void {
  if (session.mustChangePassword && !meta?.allowDuringPasswordChange) {
    throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you continue.');
  }
}

const requireSession = middleware(async ({ ctx, meta, next }) => {
  const session = await resolveSession(ctx, meta);
  if (!session) {
    if (ctx.credentials.apiKey)
      throw appError('UNAUTHORIZED', 'API_KEY_NOT_ALLOWED', 'This action needs a signed-in user, not an API key.');
    throw appError('UNAUTHORIZED', 'SESSION_REQUIRED', 'Please sign in.');
  }
  assertPasswordChosen(session, meta);
  return next({ ctx: { ...ctx, session } });
});

export const publicProcedure = baseProcedure.meta({ access: { kind: 'public' } });

export const authedProcedure = baseProcedure.meta({ access: { kind: 'authed' } }).use(requireSession);

export const platformAdminProcedure = baseProcedure
  .meta({ access: { kind: 'platformAdmin' } })
  .use(requireSession)
  .use(({ ctx, next }) => {
    if (!ctx.session.isPlatformAdmin) throw appError('FORBIDDEN', 'PERMISSION_DENIED', 'Only platform operators can do this.');
    if (operatorNeedsTwoFactor(ctx.deps.config.env, ctx.session)) {
      throw twoFactorRequired('Platform operators must turn on two-factor sign-in (on your account page) first.');
    }
    return next();
  });

const companyInactive = () =>
  appError('FORBIDDEN', 'COMPANY_INACTIVE', 'This company is suspended or closed on Tradeloom. Contact Tradeloom support.');

async function actorFromApiKey(ctx: Context, key: string): Promise<CompanyActor> {
  const principal = await authenticateApiKey(ctx.deps.db, ctx.deps.clock, key);
  if (!principal) throw appError('UNAUTHORIZED', 'API_KEY_INVALID', 'The API key is not valid or has been revoked.');
  if (principal.companyStatus !== 'active') throw companyInactive();
  return {
    companyId: principal.companyId,
    userId: null,
    apiKeyId: principal.apiKeyId,
    role: null,
    permissions: apiKeyPermissions(principal.scopes),
  };
}

/** What an API key may do: its stored scopes that are still known scopes. */
export function apiKeyPermissions(scopes: string[]): ReadonlySet<Permission> {
  return new Set<Permission>(scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s)));
}

async function actorFromSession(ctx: Context, session: SessionPrincipal): Promise<CompanyActor> {
  if (!session.activeCompanyId) throw appError('FORBIDDEN', 'NO_ACTIVE_COMPANY', 'Choose or create a company first.');
  // Read on every request, so a removed or demoted member loses access at once.
  const membership = await findMembershipStanding(ctx.deps.db, session.activeCompanyId, session.userId);
  if (!membership) throw appError('FORBIDDEN', 'NOT_A_MEMBER', 'You are no longer a member of this company.');
  if (membership.status !== 'active') throw companyInactive();
  if (membership.disabledAt)
    throw appError('FORBIDDEN', 'MEMBER_DISABLED', 'An admin of this company has disabled your access to it. Ask them to re-enable you.');
  if (membership.requireTwoFactor && !session.twoFactorEnabled) {
    throw twoFactorRequired('This company requires two-factor sign-in. Turn it on on your account page to continue.');
  }
  const role = membership.role as Role;
  return {
    companyId: session.activeCompanyId,
    userId: session.userId,
    apiKeyId: null,
    role,
    permissions: ROLE_PERMISSIONS[role],
    branchIds: membership.branchIds,
  };
}

/**
 * Who acts, in which company, with `permission` checked: from the session's active company or the
 * API key's company. Throws the same errors every company procedure gives; the file routes use it too.
 * A caller that already validated the session passes it, so it is not looked up (and refreshed) twice.
 */
export async function resolveCompanyActor(
  ctx: Context,
  permission: Permission,
  options?: { allowDuringPasswordChange?: boolean; session?: SessionPrincipal },
): Promise<{ session: SessionPrincipal | null; actor: CompanyActor }> {
  let session: SessionPrincipal | null = null;
  let actor: CompanyActor;
  if (ctx.credentials.sessionToken) {
    session = options?.session ?? (await resolveSession(ctx));
    if (!session) throw appError('UNAUTHORIZED', 'SESSION_REQUIRED', 'Please sign in.');
    assertPasswordChosen(session, options);
    actor = await actorFromSession(ctx, session);
  } else if (ctx.credentials.apiKey) {
    actor = await actorFromApiKey(ctx, ctx.credentials.apiKey);
  } else {
    throw appError('UNAUTHORIZED', 'SESSION_REQUIRED', 'Please sign in.');
  }
  if (!actor.permissions.has(permission)) {
    // Said to a person by the lowest role that may do it; a key by the scope it lacks.
    const message = actor.apiKeyId ? scopeDeniedMessage(permission) : permissionDeniedMessage(permission);
    throw appError('FORBIDDEN', 'PERMISSION_DENIED', message);
  }
  return { session, actor };
}

/**
 * Acts inside the active company (session) or the key's company (API key), with one permission.
 * With a `rest` route it is also answered under /api/v1 (API key only) and documented in OpenAPI.
 */
export function companyProcedure(permission: Permission, rest?: RestRoute) {
  return baseProcedure
    .meta({ access: { kind: 'company', permission }, ...(rest && { openapi: rest }) })
    .use(async ({ ctx, meta, next }) => {
      const { session, actor } = await resolveCompanyActor(ctx, permission, meta);
      return next({ ctx: { ...ctx, session, actor } });
    });
}
