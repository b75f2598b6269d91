import type { Executor } from '@tradeloom/db';
import { type Permission, ROLE_PERMISSIONS, type Role } from '@tradeloom/shared';
import { apiKeyPermissions } from '../../trpc/procedures.ts';
import type { LiveListener } from './live-hub.ts';

/**
 * What each open stream of one company may still hear, after its members or API keys changed:
 * one query for all its sessions and one for all its keys, however many streams are open. A
 * listener missing from the result lost access (removed, signed out, switched company, disabled,
 * revoked, or the company suspended) and its stream ends. The same rules as a new request's.
 */
export async function listenerAccess(
  db: Executor,
  companyId: string,
  listeners: LiveListener[],
): Promise<Map<LiveListener, ReadonlySet<Permission>>> {
  const sessionIds = listeners.flatMap((l) => (l.sessionId ? [l.sessionId] : []));
  const apiKeyIds = listeners.flatMap((l) => (!l.sessionId && l.apiKeyId ? [l.apiKeyId] : []));
  const [roles, scopes] = await Promise.all([sessionRoles(db, companyId, sessionIds), keyScopes(db, companyId, apiKeyIds)]);
  const access = new Map<LiveListener, ReadonlySet<Permission>>();
  for (const listener of listeners) {
    const role = listener.sessionId ? roles.get(listener.sessionId) : undefined;
    const keyScopes = !listener.sessionId && listener.apiKeyId ? scopes.get(listener.apiKeyId) : undefined;
    if (role) access.set(listener, ROLE_PERMISSIONS[role]);
    else if (keyScopes) access.set(listener, apiKeyPermissions(keyScopes));
  }
  return access;
}

async function sessionRoles(db: Executor, companyId: string, sessionIds: string[]): Promise<Map<string, Role>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('memberships', (join) =>
      join.onRef('memberships.user_id', '=', 'sessions.user_id').onRef('memberships.company_id', '=', 'sessions.active_company_id'),
    )
    .innerJoin('companies', 'companies.id', 'memberships.company_id')
    .select(['sessions.id', 'memberships.role'])
    .where('sessions.id', 'in', sessionIds)
    .where('sessions.active_company_id', '=', companyId)
    .where('users.disabled_at', 'is', null)
    .where('companies.status', '=', 'active')
    .execute();
  return new Map(rows.map((row) => [row.id, row.role as Role]));
}

async function keyScopes(db: Executor, companyId: string, apiKeyIds: string[]): Promise<Map<string, string[]>> {
  if (apiKeyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('api_keys')
    .innerJoin('companies', 'companies.id', 'api_keys.company_id')
    .select(['api_keys.id', 'api_keys.scopes'])
    .where('api_keys.id', 'in', apiKeyIds)
    .where('api_keys.company_id', '=', companyId)
    .where('api_keys.revoked_at', 'is', null)
    .where('companies.status', '=', 'active')
    .execute();
  return new Map(rows.map((row) => [row.id, row.scopes]));
}
