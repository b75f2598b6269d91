import { z } from 'zod';
import { decimalString, id, isoDate, name, pageCursor, percent, rowVersion } from '../common.ts';
import { COMMISSION_BASES, stateCode } from '../tradedesk/tradedesk.schemas.ts';

// Inputs of `masters.*`. A company saves its own rows (an own row with a platform row's code
// overrides it for the company); operators save the platform's defaults (`masters.platform.*`).

export const LOCATION_KINDS = ['state', 'city', 'warehouse', 'ginning_factory', 'pressing_factory'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
export const LOCATION_KIND_LABELS: Record<LocationKind, string> = {
  state: 'State',
  city: 'City',
  warehouse: 'Warehouse',
  ginning_factory: 'Ginning factory',
  pressing_factory: 'Pressing factory',
};
export const TERM_KINDS = ['delivery', 'sale', 'payment'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be letters, digits and dashes, up to 40');
const parameterCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a code like staple_mm');
const locationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'must be letters, digits and dashes, up to 40');
const measurement = () => decimalString({ precision: 12, scale: 3 });
/** A new row has no id; a change names the row and the version it read. */
const rowRef = { id: id.optional(), version: rowVersion.optional() };
const needsVersion = <T extends { id?: string; version?: number }>(value: T) => !value.id || value.version !== undefined;
const versionMessage = { path: ['version'], message: 'is required to change a saved row' };

export const saveVarietyInput = z
  .object({
    ...rowRef,
    commodityCode: z.string().trim().min(1).max(40),
    code: slug,
    name: name(100),
    aliases: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    active: z.boolean().default(true),
  })
  .refine(needsVersion, versionMessage);

export const saveQualityParameterInput = z
  .object({
    ...rowRef,
    commodityCode: z.string().trim().min(1).max(40),
    code: parameterCode,
    name: name(100),
    unit: z.string().trim().max(20).default(''),
    minAllowed: measurement(),
    maxAllowed: measurement(),
    sortOrder: z.number().int().min(0).max(999).default(0),
    active: z.boolean().default(true),
  })
  .refine(needsVersion, versionMessage)
  .refine((value) => Number(value.minAllowed) <= Number(value.maxAllowed), {
    path: ['maxAllowed'],
    message: 'must not be below the minimum',
  });

export const saveLocationInput = z
  .object({
    ...rowRef,
    kind: z.enum(LOCATION_KINDS),
    code: locationCode,
    name: name(200),
    stateCode,
    city: z.string().trim().max(100).optional(),
    address: z.string().trim().max(500).optional(),
    active: z.boolean().default(true),
  })
  .refine(needsVersion, versionMessage);

/** CSV with a header row: kind,code,name,state_code,city,address (as the catalog import). */
export const importLocationsInput = z.object({
  csv: z.string().min(1, 'is empty').max(1_000_000, 'is larger than 1 MB; split the file'),
  dryRun: z.boolean().default(true),
});

export const saveTermInput = z
  .object({
    ...rowRef,
    kind: z.enum(TERM_KINDS),
    code: slug,
    name: name(200),
    body: z.string().trim().max(20_000).default(''),
    paymentDays: z.number().int().min(0).max(365).optional(),
    active: z.boolean().default(true),
  })
  .refine(needsVersion, versionMessage);

export const saveGstRateInput = z.object({
  hsnCode: z
    .string()
    .trim()
    .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code'),
  rate: percent(),
  effectiveFrom: isoDate,
  note: z.string().trim().max(200).optional(),
});

export const saveCommissionStructureInput = z
  .object({
    ...rowRef,
    name: name(100),
    brokerCompanyId: id.optional(),
    brokerName: name(200),
    basis: z.enum(COMMISSION_BASES),
    rate: decimalString({ precision: 12, scale: 4 }),
    sellerSharePct: percent(),
    active: z.boolean().default(true),
  })
  .refine(needsVersion, versionMessage);

export const locationListInput = z.object({
  kind: z.enum(LOCATION_KINDS).optional(),
  stateCode: stateCode.optional(),
  q: z.string().trim().max(100).optional(),
  /** Only the platform's defaults, or only the company's own rows. */
  origin: z.enum(['platform', 'company']).optional(),
  includeInactive: z.boolean().default(false),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const termListInput = z.object({ kind: z.enum(TERM_KINDS).optional(), includeInactive: z.boolean().default(false) });
export const gstRateListInput = z.object({ hsnCode: z.string().trim().max(8).optional() });
export const gstRateOnInput = z.object({
  hsnCode: z
    .string()
    .trim()
    .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code'),
  on: isoDate,
});
export const commoditiesInput = z.object({ includeInactive: z.boolean().default(false) });
