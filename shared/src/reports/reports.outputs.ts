import { z } from 'zod';
import { decimal } from '../wire.ts';

/** Orders and their value in one currency: amounts in different currencies are never added up. */
const moneyTotal = { currency: z.string(), orders: z.number().int(), total: decimal };

export const openOrderValue = z.strictObject(moneyTotal);

/** Quantity still to make at one stage of the work orders on the floor, in one unit (the production board's load). */
export const stageLoad = z.strictObject({ stage: z.string(), unit: z.string(), remaining: decimal, workOrders: z.number().int() });

/** Open orders on each side by requested delivery date, in the company's calendar. */
const dueOrders = z.strictObject({ purchases: z.array(openOrderValue), sales: z.array(openOrderValue) });

export const overviewFigures = z.strictObject({
  openPurchases: z.array(openOrderValue),
  openSales: z.array(openOrderValue),
  /** Monday to Sunday, both ends included. */
  week: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
  dueThisWeek: dueOrders,
  /** Requested delivery date before today and not yet delivered. */
  late: dueOrders,
  /** Null when the person may not read production. */
  production: z
    .strictObject({
      dueThisWeek: z.number().int(),
      late: z.number().int(),
      load: z.array(stageLoad),
    })
    .nullable(),
});

export const partnerTotal = z.strictObject({ partnerId: z.uuid(), partnerName: z.string(), ...moneyTotal });
export const monthTotal = z.strictObject({ month: z.string(), ...moneyTotal });
export const productTotal = z.strictObject({
  productId: z.uuid().nullable(),
  product: z.string(),
  unit: z.string(),
  quantity: decimal,
  ...moneyTotal,
});
export const CYCLE_STAGES = ['submitted_to_accepted', 'accepted_to_delivered', 'submitted_to_delivered'] as const;
export const cycleTime = z.strictObject({
  stage: z.enum(CYCLE_STAGES),
  orders: z.number().int(),
  /** Days, to one decimal; null when no order has made that step in the range. */
  medianDays: decimal.nullable(),
  p90Days: decimal.nullable(),
});
export const stageLoadByMonth = z.strictObject({
  month: z.string(),
  stage: z.string(),
  unit: z.string(),
  plannedQuantity: decimal,
  completedQuantity: decimal,
  openQuantity: decimal,
});

export type OverviewFigures = z.infer<typeof overviewFigures>;
export type PartnerTotal = z.infer<typeof partnerTotal>;
export type MonthTotal = z.infer<typeof monthTotal>;
export type ProductTotal = z.infer<typeof productTotal>;
export type CycleTime = z.infer<typeof cycleTime>;
export type StageLoad = z.infer<typeof stageLoad>;
export type StageLoadByMonth = z.infer<typeof stageLoadByMonth>;
