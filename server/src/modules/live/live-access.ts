import type { Executor } from '@tradeloom/db';
import { type Permission, ROLE_PERMISSIONS } from '@tradeloom/shared';
import { apiKeyPermissions } from '../../trpc/procedures.ts';
import { liveKeyScopes } from '../api-keys/api-key-lookup.ts';
import { sessionRolesIn } from '../auth/sessions.service.ts';
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
  const [roles, scopes] = await Promise.all([sessionRolesIn(db, companyId, sessionIds), liveKeyScopes(db, companyId, apiKeyIds)]);
  const access = new Map<LiveListener, ReadonlySet<Permission>>();
  for (const listener of listeners) {
    const role = listener.sessionId ? roles.get(listener.sessionId) : undefined;
    const keyScopes = !listener.sessionId && listener.apiKeyId ? scopes.get(listener.apiKeyId) : undefined;
    if (role) access.set(listener, ROLE_PERMISSIONS[role]);
    else if (keyScopes) access.set(listener, apiKeyPermissions(keyScopes));
  }
  return access;
}
