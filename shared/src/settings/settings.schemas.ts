import { z } from 'zod';
import { id, isoDate } from '../common.ts';

export const createFinancialYearInput = z
  .object({ label: z.string().trim().min(1).max(20), startsOn: isoDate, endsOn: isoDate })
  .refine((v) => v.endsOn > v.startsOn, { path: ['endsOn'], message: 'must be after the start date' });
export const financialYearIdInput = z.object({ financialYearId: id });
export const previewNumberInput = z.object({
  docType: z.string().regex(/^[A-Z]{2,5}$/, 'must be 2–5 capital letters, like PO'),
  date: isoDate.optional(),
});
