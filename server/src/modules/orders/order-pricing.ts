import type { Tx } from '@tradeloom/db';
import { computeOrderTotals, dec, type OrderLineInputValue, type OrderSide, taxRegime } from '@tradeloom/shared';
import { invalidFields } from '../../trpc/errors.ts';
import { activeProductsOf, gstRatesOf, unitCodes } from '../catalog/catalog-lookups.ts';
import { partyTaxProfiles } from '../companies/company-reads.ts';

// Pricing an order: lines filled from the supplier's catalog and the HSN master, taxed by the
// parties' states, totalled, and checked against the creator's approval threshold.

export type OrderTotals = ReturnType<typeof computeOrderTotals>;

export interface PricedLine extends OrderLineInputValue {
  description: string;
  taxRate: string;
}

/** Fills each line from the supplier's catalog and the HSN master; prices come from the input. */
async function priceLines(trx: Tx, supplierId: string, lines: OrderLineInputValue[]): Promise<PricedLine[]> {
  const productIds = lines.flatMap((line) => (line.productId ? [line.productId] : []));
  const products = await activeProductsOf(trx, supplierId, productIds);
  const byId = new Map(products.map((p) => [p.id, p]));
  const problems: Record<string, string> = {};
  const withHsn = lines.map((line, index) => {
    const product = line.productId ? byId.get(line.productId) : undefined;
    if (line.productId && !product) problems[`lines.${index}.productId`] = 'is not an active product of this supplier';
    return { ...line, description: line.description ?? product?.name ?? '', hsnCode: line.hsnCode ?? product?.hsn_code ?? undefined };
  });
  const hsnCodes = [...new Set(withHsn.flatMap((line) => (line.hsnCode ? [line.hsnCode] : [])))];
  const rateOf = await gstRatesOf(trx, hsnCodes);
  const units = await unitCodes(trx);
  const priced = withHsn.map((line, index) => {
    if (!units.has(line.unit)) problems[`lines.${index}.unit`] = `unknown unit “${line.unit}”`;
    if (line.hsnCode && !rateOf.has(line.hsnCode)) problems[`lines.${index}.hsnCode`] = `unknown HSN code “${line.hsnCode}”`;
    return { ...line, taxRate: line.hsnCode ? (rateOf.get(line.hsnCode) ?? '0') : (line.taxRate ?? '0') };
  });
  if (Object.keys(problems).length) throw invalidFields(problems);
  return priced;
}

/** Prices, taxes and totals an order, and whether its creator's approval threshold applies. */
export async function computeOrder(
  trx: Tx,
  parties: { buyerId: string; supplierId: string; creator: OrderSide },
  lines: OrderLineInputValue[],
) {
  const { buyer, supplier } = await partyTaxProfiles(trx, parties.buyerId, parties.supplierId);
  const regime = taxRegime(supplier, buyer);
  const priced = await priceLines(trx, parties.supplierId, lines);
  const totals = computeOrderTotals(priced, regime);
  const threshold = (parties.creator === 'buyer' ? buyer : supplier).threshold;
  const needsApproval = threshold !== null && dec(totals.total).greaterThan(dec(threshold));
  return { regime, priced, totals, currency: supplier.currency, needsApproval };
}

export function totalsColumns(totals: OrderTotals) {
  const { subtotal, discount, taxable, cgst, sgst, igst, tax, total } = totals;
  return { subtotal, discount, taxable, cgst, sgst, igst, tax, total };
}
