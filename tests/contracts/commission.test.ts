import { commissionAmounts, dec } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// Brokerage on a contract: per bale counts bales, per candy counts candies, percent takes the value.

describe('commissionAmounts', () => {
  it('charges per bale on the quantity in bales, split as agreed', () => {
    expect(
      commissionAmounts({ basis: 'per_bale', rate: '25', sellerSharePct: '50' }, { quantity: '100', unit: 'bale', value: '0' }),
    ).toEqual({ amount: '2500.00', sellerAmount: '1250.00', buyerAmount: '1250.00' });
  });

  it('converts candies to bales for a per-bale rate (1 candy = 355.6222 / 170 bales)', () => {
    // 10 candies = 20.918952… bales × ₹30 = ₹627.5686 → ₹627.57
    const result = commissionAmounts(
      { basis: 'per_bale', rate: '30', sellerSharePct: '100' },
      { quantity: '10', unit: 'candy', value: '0' },
    );
    expect(result).toEqual({ amount: '627.57', sellerAmount: '627.57', buyerAmount: '0.00' });
  });

  it('charges per candy on the quantity in candies', () => {
    // 100 bales = 17000 kg = 47.80350… candies × ₹100 = ₹4,780.35
    const result = commissionAmounts(
      { basis: 'per_candy', rate: '100', sellerSharePct: '0' },
      { quantity: '100', unit: 'bale', value: '0' },
    );
    expect(result).toEqual({ amount: '4780.35', sellerAmount: '0.00', buyerAmount: '4780.35' });
  });

  it('takes a percentage of the value', () => {
    const result = commissionAmounts(
      { basis: 'percent', rate: '0.5', sellerSharePct: '60' },
      { quantity: '1', unit: 'kg', value: '2700837.50' },
    );
    // 0.5 % of ₹27,00,837.50 = ₹13,504.1875 → ₹13,504.19; seller 60 % = ₹8,102.514 → ₹8,102.51
    expect(result).toEqual({ amount: '13504.19', sellerAmount: '8102.51', buyerAmount: '5401.68' });
  });

  it('rounds each part to paise and the parts always add up to the whole', () => {
    for (const share of ['0', '33.33', '50', '66.67', '99.99', '100']) {
      const result = commissionAmounts(
        { basis: 'percent', rate: '1.2345', sellerSharePct: share },
        { quantity: '1', unit: 'kg', value: '98765.43' },
      );
      expect(dec(result.sellerAmount).plus(result.buyerAmount).toFixed(2)).toBe(result.amount);
      expect(result.sellerAmount).toMatch(/^\d+\.\d{2}$/);
    }
  });
});
