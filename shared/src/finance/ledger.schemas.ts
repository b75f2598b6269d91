import { z } from 'zod';
import { currencyCode, id, isoDate } from '../common.ts';

// Outstanding and ageing per partner, and the partner statement (ledger).

export const LEDGER_SIDES = ['receivable', 'payable'] as const;
export type LedgerSide = (typeof LEDGER_SIDES)[number];
/** Ageing by days past the due date: not yet due, 1–30, 31–60, 61–90 and over 90 days. */
export const AGEING_BUCKETS = ['current', 'd0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
export const AGEING_BUCKET_LABELS: Record<AgeingBucket, string> = {
  current: 'Not yet due',
  d0_30: '0–30 days',
  d31_60: '31–60 days',
  d61_90: '61–90 days',
  d90_plus: 'Over 90 days',
};

/** The bucket of an amount `daysPastDue` days past its due date (0 or less: not yet due). */
export function ageingBucket(daysPastDue: number): AgeingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd0_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'd90_plus';
}

export const outstandingInput = z.object({ side: z.enum(LEDGER_SIDES) });
export const outstandingInvoicesInput = z.object({ partnerId: id, side: z.enum(LEDGER_SIDES) });
export const statementInput = z
  .object({ partnerId: id, from: isoDate.optional(), to: isoDate.optional(), currency: currencyCode.optional() })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { path: ['to'], message: 'must not be before the start date' });

const buckets = z.object({ current: z.string(), d0_30: z.string(), d31_60: z.string(), d61_90: z.string(), d90_plus: z.string() });

export const outstandingRow = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  currency: z.string(),
  outstanding: z.string(),
  overdue: z.string(),
  disputed: z.string(),
  /** Payments not yet allocated to an invoice (advances), in the same currency. */
  advance: z.string(),
  invoiceCount: z.number(),
  buckets,
});
export const outstandingInvoice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  invoiceDate: z.string(),
  dueDate: z.string().nullable(),
  currency: z.string(),
  total: z.string(),
  balance: z.string(),
  disputed: z.string(),
  status: z.string(),
  daysPastDue: z.number(),
  bucket: z.enum(AGEING_BUCKETS),
});

export const STATEMENT_ENTRY_KINDS = ['invoice', 'purchase_invoice', 'credit_note', 'debit_note', 'tds', 'payment', 'reversal'] as const;
export const statementEntry = z.object({
  date: z.string(),
  kind: z.enum(STATEMENT_ENTRY_KINDS),
  document: z.string(),
  description: z.string(),
  /** Adds to what the partner owes us. */
  debit: z.string(),
  /** Takes from what the partner owes us (or adds to what we owe it). */
  credit: z.string(),
  /** Positive: the partner owes us; negative: we owe the partner. */
  balance: z.string(),
  invoiceId: z.string().nullable(),
  paymentId: z.string().nullable(),
});
export const statement = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  currency: z.string(),
  /** Other currencies the partner has entries in (each a statement of its own). */
  otherCurrencies: z.array(z.string()),
  from: z.string().nullable(),
  to: z.string(),
  opening: z.string(),
  closing: z.string(),
  totalDebit: z.string(),
  totalCredit: z.string(),
  entries: z.array(statementEntry),
});

export type OutstandingRow = z.infer<typeof outstandingRow>;
export type OutstandingInvoice = z.infer<typeof outstandingInvoice>;
export type Statement = z.infer<typeof statement>;
export type StatementEntry = z.infer<typeof statementEntry>;
export type StatementInput = z.infer<typeof statementInput>;
