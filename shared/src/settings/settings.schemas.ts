import { z } from 'zod';
import { id, isoDate, lastDayOfPeriod } from '../common.ts';

// Twelve months, or up to eighteen for a company's first or a transitional year.
const MAX_FINANCIAL_YEAR_MONTHS = 18;

export const createFinancialYearInput = z
  .object({ label: z.string().trim().min(1).max(20), startsOn: isoDate, endsOn: isoDate })
  .refine((v) => v.endsOn > v.startsOn, { path: ['endsOn'], message: 'must be after the start date' })
  .refine((v) => v.endsOn <= lastDayOfPeriod(v.startsOn, MAX_FINANCIAL_YEAR_MONTHS), {
    path: ['endsOn'],
    message: `must be at most ${MAX_FINANCIAL_YEAR_MONTHS} months after the start date`,
  });
export const financialYearIdInput = z.object({ financialYearId: id });
