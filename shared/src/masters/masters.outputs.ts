import { z } from 'zod';
import { isoDate } from '../common.ts';
import { COMMISSION_BASES } from '../tradedesk/tradedesk.schemas.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { LOCATION_KINDS, TERM_KINDS } from './masters.schemas.ts';

// What `masters.*` answers. `origin` says whether a row is the platform's default or the
// company's own; a company edits a platform row by saving its own row with the same code.

const origin = z.enum(['platform', 'company']);
const row = { id: z.uuid(), origin, active: z.boolean(), version: z.number().int(), updatedAt: timestamp };

export const varietyRow = z.strictObject({
  ...row,
  commodityCode: z.string(),
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
});
export const qualityParameterRow = z.strictObject({
  ...row,
  commodityCode: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  minAllowed: decimal,
  maxAllowed: decimal,
  sortOrder: z.number().int(),
});
/** A commodity with the varieties and quality parameters in force for the caller's company. */
export const commodityMaster = z.strictObject({
  code: z.string(),
  name: z.string(),
  varieties: z.array(varietyRow),
  parameters: z.array(qualityParameterRow),
});
export const locationRow = z.strictObject({
  ...row,
  kind: z.enum(LOCATION_KINDS),
  code: z.string(),
  name: z.string(),
  stateCode: z.string(),
  city: z.string().nullable(),
  address: z.string().nullable(),
});
export const locationPage = pageOf(locationRow);
export const termRow = z.strictObject({
  ...row,
  kind: z.enum(TERM_KINDS),
  code: z.string(),
  name: z.string(),
  body: z.string(),
  paymentDays: z.number().int().nullable(),
});
export const gstRateRow = z.strictObject({
  id: z.uuid(),
  hsnCode: z.string(),
  rate: decimal,
  effectiveFrom: isoDate,
  /** The day before the next rate of the code took effect; null while in force. */
  effectiveTo: isoDate.nullable(),
  note: z.string().nullable(),
});
export const gstRateOn = z.strictObject({ hsnCode: z.string(), rate: decimal, effectiveFrom: isoDate }).nullable();
export const commissionStructureRow = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  brokerCompanyId: z.uuid().nullable(),
  brokerName: z.string(),
  basis: z.enum(COMMISSION_BASES),
  rate: decimal,
  sellerSharePct: decimal,
  active: z.boolean(),
  version: z.number().int(),
});
export const masterSaved = z.strictObject({ id: z.uuid(), version: z.number().int() });
