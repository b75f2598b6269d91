import { router } from '../../trpc/init.ts';
import { creditLimitsRouter } from './credit-limits.router.ts';
import { disputesRouter } from './disputes.router.ts';
import { invoicesRouter } from './invoices.router.ts';
import { ledgerProcedures } from './ledger.router.ts';
import { notesRouter } from './notes.router.ts';
import { paymentsRouter } from './payments.router.ts';
import { yearsRouter } from './years.router.ts';

/** Invoices, credit/debit notes, payments, outstanding and ageing, disputes and the year close. */
export const financeRouter = router({
  invoices: invoicesRouter,
  notes: notesRouter,
  payments: paymentsRouter,
  creditLimits: creditLimitsRouter,
  disputes: disputesRouter,
  years: yearsRouter,
  ...ledgerProcedures,
});
