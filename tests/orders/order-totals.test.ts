import { computeLine, computeOrderTotals, money, taxRegime } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

describe('GST regime', () => {
  it('splits into CGST + SGST inside one state, IGST across states, one tax line abroad', () => {
    expect(taxRegime({ country: 'IN', stateCode: '24' }, { country: 'IN', stateCode: '24' })).toBe('intra_state');
    expect(taxRegime({ country: 'IN', stateCode: '24' }, { country: 'IN', stateCode: '27' })).toBe('inter_state');
    expect(taxRegime({ country: 'IN', stateCode: null }, { country: 'IN', stateCode: null })).toBe('inter_state');
    expect(taxRegime({ country: 'IN', stateCode: '24' }, { country: 'BD', stateCode: null })).toBe('single');
  });
});

describe('order totals (decimal, never floats)', () => {
  it('intra-state: 5% GST becomes 2.5% CGST + 2.5% SGST', () => {
    const line = computeLine({ quantity: '1000', unitPrice: '265.50', taxRate: '5' }, 'intra_state');
    expect(line).toEqual({
      gross: '265500.00',
      discount: '0.00',
      taxable: '265500.00',
      taxRate: '5.00',
      cgst: '6637.50',
      sgst: '6637.50',
      igst: '0.00',
      tax: '13275.00',
      total: '278775.00',
    });
  });

  it('inter-state: IGST at the full rate, after a line discount', () => {
    const line = computeLine({ quantity: '3000', unitPrice: '62.40', discountPercent: '2.5', taxRate: '5' }, 'inter_state');
    expect(line).toMatchObject({
      gross: '187200.00',
      discount: '4680.00',
      taxable: '182520.00',
      igst: '9126.00',
      cgst: '0.00',
      tax: '9126.00',
      total: '191646.00',
    });
  });

  it('rounds half-up per line and per tax, with no float drift (0.1 + 0.2 stays 0.30)', () => {
    expect(money('0.005')).toBe('0.01');
    expect(money('2.675')).toBe('2.68'); // 2.675 as a float rounds to 2.67
    const line = computeLine({ quantity: '3', unitPrice: '0.1', taxRate: '0' }, 'single');
    expect(line.total).toBe('0.30');
    // 12% on 10.05: CGST = SGST = 6% of 10.05 = 0.603 → 0.60 each, so the tax is 1.20 (not 1.21).
    const odd = computeLine({ quantity: '1', unitPrice: '10.05', taxRate: '12' }, 'intra_state');
    expect([odd.cgst, odd.sgst, odd.tax, odd.total]).toEqual(['0.60', '0.60', '1.20', '11.25']);
  });

  it('sums lines into order totals', () => {
    const totals = computeOrderTotals(
      [
        { quantity: '10', unitPrice: '61500', taxRate: '5' },
        { quantity: '2.5', unitPrice: '3150.40', discountPercent: '10', taxRate: '5' },
      ],
      'intra_state',
    );
    expect(totals).toMatchObject({
      subtotal: '622876.00',
      discount: '787.60',
      taxable: '622088.40',
      cgst: '15552.21',
      sgst: '15552.21',
      tax: '31104.42',
      total: '653192.82',
    });
    expect(totals.lines).toHaveLength(2);
  });

  it('handles large quantities exactly', () => {
    const line = computeLine({ quantity: '123456789.123', unitPrice: '98765.4321', taxRate: '18' }, 'inter_state');
    // Reference: Python's decimal, (Decimal('123456789.123') * Decimal('98765.4321')).quantize(0.01, HALF_UP).
    expect(line.gross).toBe('12193263123411.68');
  });
});
