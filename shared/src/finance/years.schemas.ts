import { z } from 'zod';
import { pageInput } from '../common.ts';

// The financial-year close: finance.years.* name a year by its label ("2026-27", "2026").

export const financialYearLabel = z.string().trim().min(1, 'choose a financial year').max(20);

export const yearCloseInput = z.object({ year: financialYearLabel });
export const yearReopenInput = z.object({
  year: financialYearLabel,
  reason: z.string().trim().min(3, 'say why the year is reopened (at least 3 characters)').max(500),
});
/** A year's opening balances, a page of partners at a time (by name). */
export const openingBalancesInput = pageInput.extend({ year: financialYearLabel });

/** open: documents may be dated in it; closing: its close job runs (already locked); closed: locked. */
export const FINANCIAL_YEAR_STATES = ['open', 'closing', 'closed'] as const;
export type FinancialYearState = (typeof FINANCIAL_YEAR_STATES)[number];
