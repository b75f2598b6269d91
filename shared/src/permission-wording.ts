// What a refused permission means, in words a person can act on. Server messages and screens both
// read it, and the role named comes from the permission table itself, so the two cannot drift.
import { type Permission, ROLE_LABELS, ROLE_PERMISSIONS, ROLE_RANK, ROLES, type Role } from './permissions.ts';

/** What a permission lets someone do, as it reads after "can" / "can't". */
export const PERMISSION_ACTIONS: Record<Permission, string> = {
  'company:read': 'see the company',
  'company:update': "change the company's details",
  'members:read': 'see the team',
  'members:manage': 'invite or manage members',
  'apiKeys:manage': 'create or revoke API keys',
  'audit:read': 'read the audit log',
  'settings:read': 'see the settings',
  'settings:write': 'change the settings',
  'ownership:transfer': 'transfer ownership',
  'partners:read': 'see partners',
  'partners:request': 'request partner links',
  'partners:manage': 'accept, deny or end partner links',
  'notifications:read': 'read notifications',
  'catalog:read': 'see the catalog',
  'catalog:write': 'change the catalog',
  'files:write': 'upload files',
  'kyc:read': 'see verification documents',
  'kyc:write': 'upload verification documents',
  'orders:read': 'see orders',
  'orders:write': 'create or change orders',
  'orders:approve': 'approve, accept or reject orders',
  'production:read': 'see production',
  'production:write': 'plan or report production',
  'sourcing:read': 'see tenders and quotes',
  'sourcing:write': 'run tenders or quote on them',
  'tradedesk:read': 'see the trade desk, lots and negotiations',
  'tradedesk:write': 'post lots and offers or negotiate on the desk',
  'contracts:read': 'see trade contracts',
  'messaging:read': 'read conversations with partners',
  'messaging:write': 'write to partners',
  'support:read': 'see complaints',
  'support:write': 'file, answer or resolve complaints',
  'support:manage': 'assign complaints',
  'notifications:manage': "set the company's notification defaults or read the delivery log",
  'webhooks:manage': "manage the company's webhook endpoints and their delivery log",
  'deliveries:read': 'see dispatches and goods receipts',
  'deliveries:write': 'dispatch goods or record goods receipts',
  'finance:read': 'see invoices, payments and outstanding',
  'finance:write': 'raise invoices and notes, record payments or raise disputes',
  'finance:approve': "approve invoices for payment, credit past a partner's limit or set credit limits",
  'finance:close': 'close a financial year',
  'finance:reopen': 'reopen a closed financial year',
};

const PLURALS: Record<Role, string> = { owner: 'owners', admin: 'admins', manager: 'managers', staff: 'staff', viewer: 'viewers' };

/** The lowest role that holds a permission: every role ranked above it holds it too. */
export function minimumRole(permission: Permission): Role {
  const holders = ROLES.filter((role) => ROLE_PERMISSIONS[role].has(permission));
  const lowest = holders.sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b])[0];
  if (!lowest) throw new Error(`No role holds ${permission}`);
  return lowest;
}

/** "Only managers can approve, accept or reject orders — ask your admin." */
export function permissionDeniedMessage(permission: Permission): string {
  const role = minimumRole(permission);
  const who = role === 'owner' ? 'the owner' : role === 'staff' ? 'staff and above' : PLURALS[role];
  const ask = role === 'owner' ? 'ask the owner' : 'ask your admin';
  return `Only ${who} can ${PERMISSION_ACTIONS[permission]} — ${ask}.`;
}

/** "Your role (Viewer) can't create or change orders — ask your admin." */
export function roleCannotMessage(role: Role, permission: Permission): string {
  const ask = minimumRole(permission) === 'owner' ? 'ask the owner' : 'ask your admin';
  return `Your role (${ROLE_LABELS[role]}) can't ${PERMISSION_ACTIONS[permission]} — ${ask}.`;
}

/** An API key refused for lack of a scope: no role to name, so the scope it needs. */
export function scopeDeniedMessage(permission: Permission): string {
  return `This API key can't ${PERMISSION_ACTIONS[permission]}: it needs the ${permission} scope.`;
}
