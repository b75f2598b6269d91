import { z } from 'zod';
import { countryCode, currencyCode, email, id, invitationToken, name, rowVersion } from '../common.ts';
import { isValidGstin } from '../gstin.ts';
import { API_KEY_SCOPES, ROLES } from '../permissions.ts';

export const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const gstin = z.string().trim().toUpperCase().refine(isValidGstin, 'is not a valid GSTIN (check the 15 characters and the check digit)');

const taxId = z.string().trim().max(40);

// No `.default()` or `.optional()` here: zod 4 applies defaults even under `.partial()`, so a
// default on a shared field would reset it on every update that leaves it out. Create adds them.
const companyFields = z.object({
  name: name(120),
  legalName: name(200),
  country: countryCode,
  baseCurrency: currencyCode,
  taxId,
  isBuyer: z.boolean(),
  isSupplier: z.boolean(),
});

// In India the tax id is a GSTIN and must pass its checksum. An update that leaves the country
// out is checked against the stored country by the service.
function indianTaxIdIsGstin(value: { country?: string; taxId?: string | null }, ctx: z.RefinementCtx) {
  if (value.country === 'IN' && value.taxId && !isValidGstin(value.taxId.toUpperCase())) {
    ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'is not a valid GSTIN (check the 15 characters and the check digit)' });
  }
}

export const createCompanyInput = companyFields
  .extend({
    legalName: companyFields.shape.legalName.optional(),
    baseCurrency: companyFields.shape.baseCurrency.optional(),
    taxId: taxId.optional(),
    isBuyer: companyFields.shape.isBuyer.default(true),
    isSupplier: companyFields.shape.isSupplier.default(false),
  })
  .superRefine(indianTaxIdIsGstin);
/** Changes only the fields it names; `taxId: null` removes the tax id. */
export const updateCompanyInput = companyFields
  .extend({ taxId: taxId.nullable() })
  .partial()
  .extend({ companyId: id, version: rowVersion })
  .superRefine(indianTaxIdIsGstin);

export const switchCompanyInput = z.object({ companyId: id });

export const branchInput = z.object({
  name: name(120),
  addressLine: z.string().trim().max(300).default(''),
  city: z.string().trim().max(100).default(''),
  state: z.string().trim().max(100).default(''),
  postalCode: z.string().trim().max(20).default(''),
  country: countryCode,
  gstin: gstin.optional(),
  isHeadOffice: z.boolean().default(false),
});

export const inviteInput = z.object({
  email,
  role,
  branchIds: z.array(id).max(50).default([]),
  // An admin may set a first password; the member must change it on first login.
  temporaryPassword: z.string().min(8).max(128).optional(),
});
export const acceptInviteInput = z.object({ token: invitationToken });
export const invitationIdInput = z.object({ invitationId: id });
export const setRoleInput = z.object({ userId: id, role, branchIds: z.array(id).max(50).optional() });
export const memberIdInput = z.object({ userId: id });

export const createApiKeyInput = z.object({
  name: name(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'choose at least one scope'),
});
export const apiKeyIdInput = z.object({ apiKeyId: id });
/** The key's own calls-per-minute limit; null goes back to the configured default. */
export const setApiKeyRateLimitInput = z.object({
  apiKeyId: id,
  perMinute: z.number().int('a whole number of calls').min(1, 'at least 1 call a minute').nullable(),
});
export const apiKeyUsageInput = z.object({ apiKeyId: id, days: z.number().int().min(1).max(90).default(14) });
export const apiKeyUsage = z.strictObject({
  apiKeyId: id,
  /** The limit in force: the key's own or the default. */
  limitPerMinute: z.number().int(),
  customLimitPerMinute: z.number().int().nullable(),
  defaultPerMinute: z.number().int(),
  ceilingPerMinute: z.number().int(),
  /** Oldest first, one row per UTC day (YYYY-MM-DD), days without calls included with zeros. */
  days: z.array(z.strictObject({ day: z.string(), requests: z.number().int(), limited: z.number().int() })),
});

export type CreateCompanyInput = z.infer<typeof createCompanyInput>;
export type InviteInput = z.infer<typeof inviteInput>;
export type UpdateCompanyInput = z.infer<typeof updateCompanyInput>;
export type BranchInput = z.infer<typeof branchInput>;
export type SetRoleInput = z.infer<typeof setRoleInput>;
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;
export type SetApiKeyRateLimitInput = z.infer<typeof setApiKeyRateLimitInput>;
export type ApiKeyUsage = z.infer<typeof apiKeyUsage>;
