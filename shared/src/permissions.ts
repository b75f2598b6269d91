// One table of who may do what, read by the server (to enforce) and the app (to hide).
export const ROLES = ['owner', 'admin', 'manager', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'company:read',
  'company:update',
  'members:read',
  'members:manage',
  'apiKeys:manage',
  'audit:read',
  'settings:read',
  'settings:write',
  'ownership:transfer',
  'partners:read',
  'partners:request',
  'partners:manage',
  'notifications:read',
  'catalog:read',
  'catalog:write',
  'files:write',
  'kyc:read',
  'kyc:write',
  'orders:read',
  'orders:write',
  'orders:approve',
  'production:read',
  'production:write',
  'sourcing:read',
  'sourcing:write',
  'tradedesk:read',
  'tradedesk:write',
  'contracts:read',
  'messaging:read',
  'messaging:write',
  'support:read',
  'support:write',
  'support:manage',
  'notifications:manage',
  'webhooks:manage',
  'deliveries:read',
  'deliveries:write',
  'finance:read',
  'finance:write',
  'finance:approve',
  'finance:close',
  'finance:reopen',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const viewer: Permission[] = [
  'company:read',
  'members:read',
  'settings:read',
  'partners:read',
  'notifications:read',
  'catalog:read',
  'orders:read',
  'production:read',
  'sourcing:read',
  'tradedesk:read',
  'contracts:read',
  'messaging:read',
  'support:read',
  'deliveries:read',
  'finance:read',
];
const staff: Permission[] = [
  ...viewer,
  'partners:request',
  'catalog:write',
  'files:write',
  'orders:write',
  'production:write',
  'sourcing:write',
  'tradedesk:write',
  'messaging:write',
  'support:write',
  'deliveries:write',
  'finance:write',
];
// Managers decide links (accept, deny, block, unlink), as they approve other documents.
// Managers approve: orders above the threshold, and accepting or rejecting a partner's order.
// Managers also own complaints: they assign them to a sales rep and hear of escalations.
// Managers approve purchase invoices for payment, credit past a partner's limit, and set limits.
const manager: Permission[] = [
  ...staff,
  'audit:read',
  'partners:manage',
  'kyc:read',
  'orders:approve',
  'support:manage',
  'finance:approve',
];
const admin: Permission[] = [
  ...manager,
  'company:update',
  'members:manage',
  'apiKeys:manage',
  'settings:write',
  'kyc:write',
  'notifications:manage',
  'webhooks:manage',
  'finance:close',
];
// Reopening a closed financial year undoes the books' lock: the owner alone, audited.
const owner: Permission[] = [...admin, 'ownership:transfer', 'finance:reopen'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(owner),
  admin: new Set(admin),
  manager: new Set(manager),
  staff: new Set(staff),
  viewer: new Set(viewer),
};

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  staff: 'Staff',
  viewer: 'Viewer',
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Higher rank outranks lower: an admin may not promote anyone to owner or touch the owner. */
export const ROLE_RANK: Record<Role, number> = { owner: 5, admin: 4, manager: 3, staff: 2, viewer: 1 };

/** Scopes an API key may carry: the permissions that make sense for a program. */
export const API_KEY_SCOPES = [
  'company:read',
  'members:read',
  'audit:read',
  'settings:read',
  'settings:write',
  'partners:read',
  'partners:request',
  'catalog:read',
  'catalog:write',
  'orders:read',
  'orders:write',
  'production:read',
  'production:write',
  'sourcing:read',
  'sourcing:write',
  'tradedesk:read',
  'tradedesk:write',
  'contracts:read',
  'messaging:read',
  'messaging:write',
  'support:read',
  'support:write',
  'deliveries:read',
  'deliveries:write',
  'finance:read',
  'finance:write',
  // No webhooks:manage: an endpoint is a standing feed of every event it picks, beyond the key's
  // read scopes, to an address of the caller's choosing; a leaked key must not be able to set one
  // up. Endpoints are registered by a signed-in owner or admin (tests/security/webhooks.test.ts).
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
