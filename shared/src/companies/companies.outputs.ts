import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../permissions.ts';
import { timestamp } from '../wire.ts';

const role = z.enum(ROLES);

/** A company's profile as its members see it. */
export const companySummary = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  legalName: z.string(),
  country: z.string(),
  baseCurrency: z.string(),
  taxId: z.string().nullable(),
  isBuyer: z.boolean(),
  isSupplier: z.boolean(),
  status: z.enum(['active', 'suspended', 'closed']),
  verificationStatus: z.enum(['unverified', 'pending', 'verified', 'rejected']),
  listedInDirectory: z.boolean(),
  version: z.number().int(),
  createdAt: timestamp,
});
/** A company the user belongs to, with the user's role in it. */
export const myCompany = companySummary.extend({ role });

export const branch = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  addressLine: z.string(),
  city: z.string(),
  state: z.string(),
  stateCode: z.string().nullable(),
  postalCode: z.string(),
  country: z.string(),
  gstin: z.string().nullable(),
  isHeadOffice: z.boolean(),
});
export const currentCompany = companySummary.extend({ branches: z.array(branch) });
export const createdId = z.strictObject({ id: z.uuid() });

/** The company the session now acts for, with the role and permissions it has there. */
export const companySwitched = z.strictObject({ companyId: z.uuid(), role, permissions: z.array(z.enum(PERMISSIONS)) });

export const member = z.strictObject({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role,
  /** Branches the member is limited to; empty means all of them. */
  branchIds: z.array(z.uuid()),
  joinedAt: timestamp,
  emailVerifiedAt: timestamp.nullable(),
  /** Set while a company admin has disabled the member in this company. */
  disabledAt: timestamp.nullable(),
  /** Whether the member has two-factor sign-in on (their account, not this company's policy). */
  twoFactorEnabled: z.boolean(),
});

export const invitation = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  role,
  expiresAt: timestamp,
  acceptedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  createdAt: timestamp,
  invitedBy: z.string(),
  status: z.enum(['accepted', 'revoked', 'expired', 'pending']),
});

/** An existing user joins at once (`member`); anyone else gets an emailed `invitation`. */
export const inviteResult = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), userId: z.uuid(), email: z.string(), role }),
  z.strictObject({ kind: z.literal('invitation'), invitationId: z.uuid(), email: z.string(), role, expiresAt: timestamp }),
]);
export const invitationPreview = z.strictObject({ companyName: z.string(), email: z.string(), role, expiresAt: timestamp });
export const invitationAccepted = z.strictObject({ companyId: z.uuid(), role });
