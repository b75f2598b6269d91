import { z } from 'zod';
import { id, isoDate } from '../common.ts';

const dateRange = { from: isoDate.optional(), to: isoDate.optional() };
const fromNotAfterTo = <T extends { from?: string | undefined; to?: string | undefined }>(schema: z.ZodType<T>) =>
  schema.refine((range) => !range.from || !range.to || range.from <= range.to, { path: ['to'], error: 'must not be before From' });

/** A window on the work order's start month, both ends included. */
export const dateRangeInput = fromNotAfterTo(z.object(dateRange));
/** A window on the order date, both ends included, and optionally one partner. */
export const reportRangeInput = fromNotAfterTo(z.object({ ...dateRange, partnerId: id.optional() }));
export const cycleTimeInput = fromNotAfterTo(z.object({ ...dateRange, partnerId: id.optional(), side: z.enum(['purchase', 'sales']) }));

export type DateRange = z.infer<typeof dateRangeInput>;
export type ReportRange = z.infer<typeof reportRangeInput>;
export type CycleTimeInput = z.infer<typeof cycleTimeInput>;
