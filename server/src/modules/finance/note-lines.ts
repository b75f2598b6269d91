import { computeLine, dec, money, sum, type TaxRegime } from '@tradeloom/shared';
import { invalidFields } from '../../trpc/errors.ts';

// A note's lines from the invoice's: each at the invoice line's rate and split the invoice's way,
// rounded per line as GST returns expect.

export interface InvoiceLineRow {
  id: string;
  description: string;
  hsn_code: string | null;
  quantity: string;
  tax_rate: string;
  taxable: string;
  total: string;
}

export interface NoteLineFigures {
  invoiceLineId: string;
  description: string;
  hsnCode: string | null;
  quantity: string | null;
  taxRate: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
}

/** A taxable value on one invoice line, taxed at its rate. */
function taxed(line: InvoiceLineRow, taxable: string, quantity: string | null, regime: TaxRegime): NoteLineFigures {
  const figures = computeLine({ quantity: '1', unitPrice: taxable, taxRate: line.tax_rate }, regime);
  return {
    invoiceLineId: line.id,
    description: line.description,
    hsnCode: line.hsn_code,
    quantity,
    taxRate: money(line.tax_rate),
    taxable: figures.taxable,
    cgst: figures.cgst,
    sgst: figures.sgst,
    igst: figures.igst,
    tax: figures.tax,
    total: figures.total,
  };
}

/** Lines named by the caller: a quantity's share of the line's taxable value, or a taxable amount. */
export function noteLinesFromInput(
  invoiceLines: InvoiceLineRow[],
  lines: { invoiceLineId: string; quantity?: string; amount?: string }[],
  regime: TaxRegime,
): NoteLineFigures[] {
  const byId = new Map(invoiceLines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  return lines.map((input, index) => {
    const line = byId.get(input.invoiceLineId);
    if (!line) throw invalidFields({ [`lines.${index}.invoiceLineId`]: 'is not a line of this invoice' });
    if (seen.has(line.id)) throw invalidFields({ [`lines.${index}.invoiceLineId`]: 'names the same invoice line twice' });
    seen.add(line.id);
    if (input.quantity !== undefined) {
      if (dec(input.quantity).greaterThan(line.quantity)) {
        throw invalidFields({ [`lines.${index}.quantity`]: `must be at most the invoiced ${dec(line.quantity).toString()}` });
      }
      const taxable = money(dec(line.taxable).times(input.quantity).dividedBy(line.quantity));
      return taxed(line, taxable, input.quantity, regime);
    }
    const amount = input.amount ?? '0';
    if (dec(amount).greaterThan(line.taxable)) {
      throw invalidFields({ [`lines.${index}.amount`]: `must be at most the line's taxable value ${money(line.taxable)}` });
    }
    return taxed(line, money(amount), null, regime);
  });
}

/**
 * One amount including tax spread over the invoice's lines by their totals, the last line taking
 * the rounding remainder; within a line the taxable value and tax keep the line's proportion, and
 * CGST and SGST halve the tax. The lines add up to the amount exactly.
 */
export function noteLinesFromAmount(invoiceLines: InvoiceLineRow[], amount: string, regime: TaxRegime): NoteLineFigures[] {
  const lines = invoiceLines.filter((line) => dec(line.total).greaterThan(0));
  const invoiceTotal = sum(lines.map((line) => line.total));
  if (lines.length === 0 || invoiceTotal.lessThanOrEqualTo(0))
    throw invalidFields({ amount: 'cannot be spread over an invoice of zero value' });
  let left = dec(amount);
  return lines.map((line, index) => {
    const share = index === lines.length - 1 ? left : dec(money(dec(amount).times(line.total).dividedBy(invoiceTotal)));
    left = left.minus(share);
    const taxable = dec(money(share.times(line.taxable).dividedBy(line.total)));
    const tax = share.minus(taxable);
    let cgst = dec(0);
    let sgst = dec(0);
    let igst = dec(0);
    if (regime === 'intra_state') {
      cgst = dec(money(tax.dividedBy(2)));
      sgst = tax.minus(cgst);
    } else if (regime === 'inter_state') {
      igst = tax;
    }
    return {
      invoiceLineId: line.id,
      description: line.description,
      hsnCode: line.hsn_code,
      quantity: null,
      taxRate: money(line.tax_rate),
      taxable: money(taxable),
      cgst: money(cgst),
      sgst: money(sgst),
      igst: money(igst),
      tax: money(tax),
      total: money(share),
    };
  });
}
