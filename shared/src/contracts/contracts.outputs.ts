import { z } from 'zod';
import { isoDate } from '../common.ts';
import { lotQuality, qualityRanges } from '../tradedesk/tradedesk.outputs.ts';
import { COMMISSION_BASES } from '../tradedesk/tradedesk.schemas.ts';
import { TRADE_UNITS } from '../tradedesk/units.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { CONTRACT_STATUSES } from './contracts.schemas.ts';

// What `contracts.*` answers: each party sees its own number first (the seller SC-…, the buyer PC-…).

const unit = z.enum(TRADE_UNITS);

export const contractSummary = z.strictObject({
  id: z.uuid(),
  /** The caller's own number. */
  number: z.string(),
  counterpartyNumber: z.string(),
  role: z.enum(['seller', 'buyer']),
  counterparty: z.strictObject({ id: z.uuid(), name: z.string() }),
  commodityCode: z.string(),
  commodityName: z.string(),
  varietyName: z.string().nullable(),
  quantity: decimal,
  unit,
  price: decimal,
  currency: z.string(),
  priceUnit: unit,
  value: decimal,
  status: z.enum(CONTRACT_STATUSES),
  signedAt: timestamp,
});
export const contractPage = pageOf(contractSummary);

export const contractView = contractSummary.extend({
  negotiationId: z.uuid(),
  offerId: z.uuid(),
  acceptedVersion: z.number().int(),
  lot: z.strictObject({ id: z.uuid(), number: z.string(), bales: z.number().int(), quality: lotQuality }).nullable(),
  quantityTolerancePct: decimal,
  /** The quantity range the seller may deliver within the tolerance. */
  quantityMin: decimal,
  quantityMax: decimal,
  quality: qualityRanges,
  deliveryStateCode: z.string().nullable(),
  deliveryCity: z.string().nullable(),
  deliveryTerm: z.string().nullable(),
  paymentDays: z.number().int().nullable(),
  paymentTerm: z.string().nullable(),
  termsCode: z.string().nullable(),
  termsText: z.string().nullable(),
  deliveries: z.array(z.strictObject({ seq: z.number().int(), dueFrom: isoDate, dueTo: isoDate, quantity: decimal })),
  commission: z
    .strictObject({
      brokerName: z.string(),
      brokerCompanyId: z.uuid().nullable(),
      basis: z.enum(COMMISSION_BASES),
      rate: decimal,
      sellerSharePct: decimal,
      amount: decimal,
      sellerAmount: decimal,
      buyerAmount: decimal,
      /** The caller's part of the brokerage. */
      yourShare: decimal,
    })
    .nullable(),
});
export type ContractView = z.infer<typeof contractView>;
export type ContractSummary = z.infer<typeof contractSummary>;
