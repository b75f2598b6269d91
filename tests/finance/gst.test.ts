import { describe, expect, it } from 'vitest';
import { computeInvoiceGst, gstLine } from '../../server/src/modules/finance/gst.ts';
import { dueDateFor } from '../../server/src/modules/finance/invoices.service.ts';

const gujarat = { country: 'IN', stateCode: '24' };
const gujaratToo = { country: 'IN', stateCode: '24' };
const maharashtra = { country: 'IN', stateCode: '27' };
const yarn = { quantity: '1000', unitPrice: '265.50', taxRate: '5' };

describe('GST on an invoice', () => {
  it('splits the rate into CGST and SGST when supplier and buyer are registered in one state', () => {
    const gst = computeInvoiceGst({ supplier: gujarat, buyer: gujaratToo, lines: [yarn] });
    expect(gst).toMatchObject({
      regime: 'intra_state',
      placeOfSupply: '24',
      taxable: '265500.00',
      cgst: '6637.50',
      sgst: '6637.50',
      igst: '0.00',
      tax: '13275.00',
      total: '278775.00',
    });
  });

  it('charges IGST across states, with the buyer’s state as the place of supply', () => {
    const gst = computeInvoiceGst({ supplier: gujarat, buyer: maharashtra, lines: [yarn] });
    expect(gst).toMatchObject({
      regime: 'inter_state',
      placeOfSupply: '27',
      cgst: '0.00',
      sgst: '0.00',
      igst: '13275.00',
      total: '278775.00',
    });
  });

  it('taxes each line at its own HSN rate', () => {
    const gst = computeInvoiceGst({
      supplier: gujarat,
      buyer: gujaratToo,
      lines: [
        { quantity: '100', unitPrice: '250', taxRate: '5' }, // yarn 5205
        { quantity: '10', unitPrice: '1000', taxRate: '12' }, // made-ups 6302
        { quantity: '2', unitPrice: '500', taxRate: '18', discountPercent: '10' }, // machine parts 8448
      ],
    });
    expect(gst.lines.map((line) => [line.taxable, line.cgst, line.sgst, line.total])).toEqual([
      ['25000.00', '625.00', '625.00', '26250.00'],
      ['10000.00', '600.00', '600.00', '11200.00'],
      ['900.00', '81.00', '81.00', '1062.00'],
    ]);
    expect(gst).toMatchObject({
      subtotal: '36000.00',
      discount: '100.00',
      taxable: '35900.00',
      cgst: '1306.00',
      sgst: '1306.00',
      total: '38512.00',
    });
  });

  it('rounds each line half-up to paise, and totals the rounded lines', () => {
    // 0.10 at 5 % is 0.005: half-up gives 0.01 per line (banker's rounding would give 0.00), and the
    // invoice's IGST is the two rounded lines (0.02), not 5 % of the summed 0.20 (0.01).
    const gst = computeInvoiceGst({
      supplier: gujarat,
      buyer: maharashtra,
      lines: [
        { quantity: '1', unitPrice: '0.10', taxRate: '5' },
        { quantity: '1', unitPrice: '0.10', taxRate: '5' },
      ],
    });
    expect(gst.lines.map((line) => line.igst)).toEqual(['0.01', '0.01']);
    expect(gst.igst).toBe('0.02');
    // Within a state each half rounds on its own: 10.10 at 5 % → 0.2525 → 0.25 CGST and 0.25 SGST.
    expect(gstLine({ quantity: '1', unitPrice: '10.10', taxRate: '5' }, 'intra_state')).toMatchObject({
      cgst: '0.25',
      sgst: '0.25',
      tax: '0.50',
    });
    // Fractional quantities and four-place prices: 12.345 kg × 101.0050 = 1246.906725 → 1246.91.
    expect(gstLine({ quantity: '12.345', unitPrice: '101.0050', taxRate: '12' }, 'inter_state')).toMatchObject({
      taxable: '1246.91',
      igst: '149.63',
    });
  });

  it('shows the tax but leaves it out of the total under reverse charge', () => {
    const gst = computeInvoiceGst({ supplier: gujarat, buyer: maharashtra, lines: [yarn], reverseCharge: true });
    expect(gst).toMatchObject({ reverseCharge: true, igst: '13275.00', tax: '13275.00', total: '265500.00' });
  });

  it('deducts TDS on the taxable value without changing the total, and adds TCS on the value with GST', () => {
    const tds = computeInvoiceGst({ supplier: gujarat, buyer: gujaratToo, lines: [yarn], tdsPercent: '0.1' });
    expect(tds).toMatchObject({ tdsPercent: '0.10', tdsAmount: '265.50', tcsAmount: '0.00', total: '278775.00' });
    const tcs = computeInvoiceGst({ supplier: gujarat, buyer: gujaratToo, lines: [yarn], tcsPercent: '0.1' });
    expect(tcs).toMatchObject({ tcsPercent: '0.10', tcsAmount: '278.78', total: '279053.78' });
  });

  it('charges a single tax outside India, with no place of supply', () => {
    const gst = computeInvoiceGst({ supplier: gujarat, buyer: { country: 'BD', stateCode: null }, lines: [yarn] });
    expect(gst).toMatchObject({ regime: 'single', placeOfSupply: null, cgst: '0.00', igst: '0.00', tax: '13275.00' });
  });

  it('treats a party without a known state as another state (IGST)', () => {
    expect(computeInvoiceGst({ supplier: gujarat, buyer: { country: 'IN', stateCode: null }, lines: [yarn] }).regime).toBe('inter_state');
  });
});

describe('an invoice’s due date', () => {
  it('is the invoice date plus the credit days on net terms, else the invoice date', () => {
    expect(dueDateFor({ kind: 'net', days: 30 }, '2027-03-15')).toBe('2027-04-14');
    expect(dueDateFor({ kind: 'advance', days: null }, '2027-03-15')).toBe('2027-03-15');
    expect(dueDateFor({ kind: null, days: null }, '2027-03-15')).toBe('2027-03-15');
  });
});
