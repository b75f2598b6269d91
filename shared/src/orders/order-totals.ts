import { type DecimalInput, dec, money, sum } from '../money.ts';

export interface OrderLineInput {
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  /** Percent off the line, 0–100. */
  discountPercent?: DecimalInput;
  /** GST or other tax rate in percent, from the HSN code or the company's single rate. */
  taxRate: DecimalInput;
}

export interface LineTotals {
  gross: string;
  discount: string;
  taxable: string;
  taxRate: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
}

export interface OrderTotals {
  lines: LineTotals[];
  subtotal: string;
  discount: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
}

/**
 * How tax applies between the two parties: within one Indian state GST splits into CGST + SGST
 * (half each); across states it is IGST; outside India a single tax line (reported as IGST=0 and
 * counted in `tax`).
 */
export type TaxRegime = 'intra_state' | 'inter_state' | 'single';

export function taxRegime(
  supplier: { country: string; stateCode: string | null },
  buyer: { country: string; stateCode: string | null },
): TaxRegime {
  if (supplier.country !== 'IN' || buyer.country !== 'IN') return 'single';
  return supplier.stateCode !== null && supplier.stateCode === buyer.stateCode ? 'intra_state' : 'inter_state';
}

/** Each line rounds to 2 places; CGST and SGST are each half the line's tax, rounded separately. */
export function computeLine(line: OrderLineInput, regime: TaxRegime): LineTotals {
  const gross = dec(line.quantity).times(dec(line.unitPrice));
  const discount = gross.times(dec(line.discountPercent ?? 0)).dividedBy(100);
  const taxable = dec(money(gross.minus(discount)));
  const rate = dec(line.taxRate);
  let cgst = dec(0);
  let sgst = dec(0);
  let igst = dec(0);
  let tax: ReturnType<typeof dec>;
  if (regime === 'intra_state') {
    cgst = dec(money(taxable.times(rate.dividedBy(2)).dividedBy(100)));
    sgst = cgst;
    tax = cgst.plus(sgst);
  } else if (regime === 'inter_state') {
    igst = dec(money(taxable.times(rate).dividedBy(100)));
    tax = igst;
  } else {
    tax = dec(money(taxable.times(rate).dividedBy(100)));
  }
  return {
    gross: money(gross),
    discount: money(discount),
    taxable: money(taxable),
    taxRate: money(rate),
    cgst: money(cgst),
    sgst: money(sgst),
    igst: money(igst),
    tax: money(tax),
    total: money(taxable.plus(tax)),
  };
}

/** Server-side totals of an order: the client's totals are never trusted. */
export function computeOrderTotals(lines: OrderLineInput[], regime: TaxRegime): OrderTotals {
  const computed = lines.map((line) => computeLine(line, regime));
  const total = (key: keyof LineTotals) => money(sum(computed.map((line) => line[key])));
  return {
    lines: computed,
    subtotal: total('gross'),
    discount: total('discount'),
    taxable: total('taxable'),
    cgst: total('cgst'),
    sgst: total('sgst'),
    igst: total('igst'),
    tax: total('tax'),
    total: total('total'),
  };
}
