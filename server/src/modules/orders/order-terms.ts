import type { Executor } from '@tradeloom/db';
import { type CreateOrderInput, describePaymentTerms, type OrderDetail, type PaymentTerms } from '@tradeloom/shared';
import { invalidFields } from '../../trpc/errors.ts';
import { findBranchAddress, isBranchOf } from '../companies/company-reads.ts';

// An order's commercial terms — requested delivery date, payment terms, ship-to branch — between
// the wire shape and the `orders` columns, and the checks zod cannot do alone.

type TermsInput = Partial<Pick<CreateOrderInput, 'requestedDeliveryDate' | 'paymentTerms' | 'shipToBranchId'>>;

/** The columns the input names; a left-out term is left out (kept), a null one clears. */
export function termsColumns(input: TermsInput) {
  return {
    requested_delivery_date: input.requestedDeliveryDate,
    payment_terms: input.paymentTerms === undefined ? undefined : (input.paymentTerms?.kind ?? null),
    payment_term_days: input.paymentTerms === undefined ? undefined : (input.paymentTerms?.days ?? null),
    ship_to_branch_id: input.shipToBranchId,
  };
}

/** A delivery date before today is a date that has passed: the supplier cannot meet it. */
export function assertDeliveryDateAhead(date: string | null | undefined, today: string) {
  if (date && date < today) throw invalidFields({ requestedDeliveryDate: `cannot be in the past (today is ${today})` });
}

/** Checks the terms an order is given: a date not passed, and a ship-to branch of the buyer's. */
export async function assertTermsValid(db: Executor, input: TermsInput, buyerId: string, today: string) {
  assertDeliveryDateAhead(input.requestedDeliveryDate, today);
  // Another company's branch is refused like an unknown one: the answer must not reveal it exists.
  if (input.shipToBranchId && !(await isBranchOf(db, buyerId, input.shipToBranchId))) {
    throw invalidFields({ shipToBranchId: "must be one of the buyer's branches" });
  }
}

type TermsRow = {
  requested_delivery_date: string | null;
  payment_terms: PaymentTerms['kind'] | null;
  payment_term_days: number | null;
  ship_to_branch_id: string | null;
  buyer_gstin: string | null;
  supplier_gstin: string | null;
};

/** The terms as `orders.get` answers them, with the ship-to branch's address. */
export async function readTerms(
  db: Executor,
  row: TermsRow,
): Promise<Pick<OrderDetail, 'requestedDeliveryDate' | 'paymentTerms' | 'shipTo' | 'buyerGstin' | 'supplierGstin'>> {
  const shipTo = row.ship_to_branch_id ? ((await findBranchAddress(db, row.ship_to_branch_id)) ?? null) : null;
  return {
    requestedDeliveryDate: row.requested_delivery_date,
    paymentTerms: termsOf(row),
    shipTo,
    buyerGstin: row.buyer_gstin,
    supplierGstin: row.supplier_gstin,
  };
}

function termsOf(row: Pick<TermsRow, 'payment_terms' | 'payment_term_days'>): PaymentTerms | null {
  return row.payment_terms ? { kind: row.payment_terms, ...(row.payment_term_days ? { days: row.payment_term_days } : {}) } : null;
}

async function branchName(db: Executor, branchId: string | null | undefined) {
  return branchId ? ((await findBranchAddress(db, branchId))?.name ?? null) : null;
}

/**
 * The terms an order was created or sent with, as the audit trail shows them: the date, the
 * payment terms in words, the ship-to branch by its name.
 */
export async function termsForAudit(db: Executor, row: Omit<TermsRow, 'buyer_gstin' | 'supplier_gstin'>) {
  return {
    requestedDeliveryDate: row.requested_delivery_date,
    paymentTerms: describePaymentTerms(termsOf(row)),
    shipTo: await branchName(db, row.ship_to_branch_id),
  };
}

/**
 * The audit before/after of a draft edit: the total, and each term the edit named and changed,
 * written as people read them (a branch by its name, terms as "Net 30 days").
 */
export async function termsChange(db: Executor, was: TermsRow & { total: string }, input: TermsInput, total: string) {
  const before: Record<string, unknown> = { total: was.total };
  const after: Record<string, unknown> = { total };
  if (input.requestedDeliveryDate !== undefined && input.requestedDeliveryDate !== was.requested_delivery_date) {
    before.requestedDeliveryDate = was.requested_delivery_date;
    after.requestedDeliveryDate = input.requestedDeliveryDate;
  }
  if (input.paymentTerms !== undefined) {
    const [old, now] = [describePaymentTerms(termsOf(was)), describePaymentTerms(input.paymentTerms)];
    if (old !== now) [before.paymentTerms, after.paymentTerms] = [old, now];
  }
  if (input.shipToBranchId !== undefined && input.shipToBranchId !== was.ship_to_branch_id) {
    before.shipTo = await branchName(db, was.ship_to_branch_id);
    after.shipTo = await branchName(db, input.shipToBranchId);
  }
  return { before, after };
}
