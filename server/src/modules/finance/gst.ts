import { computeLine, type DecimalInput, dec, money, sum, type TaxRegime, taxRegime } from '@tradeloom/shared';

// GST on an invoice, as the returns (GSTR-1) expect it: each line's tax rounds half-up to paise
// on its own, and the invoice's figures are the sums of its lines. Within one state the line's
// rate splits into CGST and SGST (half each, each rounded); across states it is IGST; outside
// India a single tax counted in `tax`. Pure: the service feeds it the parties and the lines.

/** A party's registered place for GST: its country and the state code of the registering branch. */
export interface GstParty {
  country: string;
  /** Two-digit GST state code ("24" Gujarat, "27" Maharashtra); null when unknown. */
  stateCode: string | null;
}

export interface GstLineInput {
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  /** Percent off the line, 0–100. */
  discountPercent?: DecimalInput;
  /** The line's GST rate in percent, from its HSN code (or the single rate outside India). */
  taxRate: DecimalInput;
}

export interface GstLine {
  gross: string;
  discount: string;
  taxable: string;
  taxRate: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  /** Taxable value plus tax: the line's value on the invoice. */
  total: string;
}

export interface GstInvoiceInput {
  supplier: GstParty;
  buyer: GstParty;
  lines: GstLineInput[];
  /**
   * Reverse charge: the buyer pays the GST to the government itself, so the supplier shows the
   * tax on the invoice but does not collect it (the total due to the supplier leaves it out).
   */
  reverseCharge?: boolean;
  /** TDS the buyer deducts (section 194Q): on the taxable value, the supplier receives that much less. */
  tdsPercent?: DecimalInput | null;
  /** TCS the supplier collects (section 206C(1H)): on the value with GST, added to what is due. */
  tcsPercent?: DecimalInput | null;
}

export interface GstInvoice {
  regime: TaxRegime;
  /** The state code of the place of supply: the buyer's state (goods go to the buyer). */
  placeOfSupply: string | null;
  reverseCharge: boolean;
  lines: GstLine[];
  subtotal: string;
  discount: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  tdsPercent: string | null;
  tdsAmount: string;
  tcsPercent: string | null;
  tcsAmount: string;
  roundOff: string;
  /** What the buyer owes the supplier: taxable + tax (unless reverse charge) + TCS. */
  total: string;
}

/**
 * One line's tax: rounded half-up to paise on the line, CGST and SGST each half of the rate — the
 * same arithmetic as the order's lines (shared/src/orders/order-totals.ts), so an invoice of a
 * whole order matches it to the paisa.
 */
export function gstLine(line: GstLineInput, regime: TaxRegime): GstLine {
  return computeLine(line, regime);
}

/** The tax regime between two parties: the same as an order's (shared `taxRegime`). */
export function gstRegime(supplier: GstParty, buyer: GstParty): TaxRegime {
  return taxRegime(supplier, buyer);
}

/** Taxes every line and totals the invoice. */
export function computeInvoiceGst(input: GstInvoiceInput): GstInvoice {
  const regime = gstRegime(input.supplier, input.buyer);
  const lines = input.lines.map((line) => gstLine(line, regime));
  const total = (key: keyof GstLine) => money(sum(lines.map((line) => line[key])));
  const taxable = total('taxable');
  const tax = total('tax');
  const reverseCharge = input.reverseCharge ?? false;
  const invoiceValue = reverseCharge ? dec(taxable) : dec(taxable).plus(tax);
  const tdsPercent = input.tdsPercent === undefined || input.tdsPercent === null ? null : money(input.tdsPercent);
  const tcsPercent = input.tcsPercent === undefined || input.tcsPercent === null ? null : money(input.tcsPercent);
  const tdsAmount = tdsPercent === null ? '0.00' : money(dec(taxable).times(tdsPercent).dividedBy(100));
  const tcsAmount = tcsPercent === null ? '0.00' : money(invoiceValue.times(tcsPercent).dividedBy(100));
  return {
    regime,
    placeOfSupply: input.buyer.country === 'IN' ? input.buyer.stateCode : null,
    reverseCharge,
    lines,
    subtotal: total('gross'),
    discount: total('discount'),
    taxable,
    cgst: total('cgst'),
    sgst: total('sgst'),
    igst: total('igst'),
    tax,
    tdsPercent,
    tdsAmount,
    tcsPercent,
    tcsAmount,
    roundOff: '0.00',
    total: money(invoiceValue.plus(tcsAmount)),
  };
}
