import { z } from 'zod';

/**
 * How a textile buyer pays its supplier. Mills and traders quote one of three: full advance
 * (common with new partners and for yarn), against delivery (cash or RTGS when the goods arrive),
 * or credit of N days from the invoice ("net 30", "60 days credit" — the usual between known
 * partners). Free text would make orders impossible to filter or age, so it is an enum plus days.
 */
export const PAYMENT_TERMS = ['advance', 'against_delivery', 'net'] as const;
export type PaymentTermsKind = (typeof PAYMENT_TERMS)[number];

/** Credit longer than a year is not a trade term but a loan. */
export const MAX_CREDIT_DAYS = 365;

export const paymentTermsInput = z
  .object({
    kind: z.enum(PAYMENT_TERMS),
    days: z.number().int().min(1).max(MAX_CREDIT_DAYS).optional(),
  })
  .refine((terms) => (terms.kind === 'net') === (terms.days !== undefined), {
    path: ['days'],
    message: 'give the number of credit days for net terms, and only for them',
  });
export type PaymentTerms = z.infer<typeof paymentTermsInput>;

export const PAYMENT_TERMS_LABELS: Record<PaymentTermsKind, string> = {
  advance: 'Advance',
  against_delivery: 'Against delivery',
  net: 'Net days (credit)',
};

/** "100% advance", "Against delivery", "Net 30 days". */
export function describePaymentTerms(terms: PaymentTerms | null): string {
  if (!terms) return 'Not set';
  if (terms.kind === 'advance') return '100% advance';
  if (terms.kind === 'against_delivery') return 'Against delivery';
  return `Net ${terms.days} ${terms.days === 1 ? 'day' : 'days'}`;
}
