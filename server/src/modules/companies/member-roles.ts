import { ROLE_RANK, type Role } from '@tradeloom/shared';

// Who may manage whom: the owner manages everyone else; others only roles below their own.
// Nobody becomes owner except by a transfer.
export function canManage(actorRole: Role | null, targetRole: Role): boolean {
  if (!actorRole || targetRole === 'owner') return false;
  return actorRole === 'owner' || ROLE_RANK[actorRole] > ROLE_RANK[targetRole];
}
export function canAssign(actorRole: Role | null, newRole: Role): boolean {
  if (!actorRole || newRole === 'owner') return false;
  return actorRole === 'owner' || ROLE_RANK[actorRole] >= ROLE_RANK[newRole];
}
