import { type ComparisonInput, type ComparisonQuote, compareQuotes } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// The comparison as a pure function: normalisation, landed cost, lowest per item, weighted score.

const ITEM_A = '00000000-0000-4000-8000-00000000000a';
const ITEM_B = '00000000-0000-4000-8000-00000000000b';
const items = [
  { id: ITEM_A, quantity: '1000', unit: 'kg' },
  { id: ITEM_B, quantity: '10', unit: 'nos' },
];

let lineSeq = 0;
function quote(id: string, over: Partial<ComparisonQuote>, lines: Partial<ComparisonQuote['lines'][number]>[]): ComparisonQuote {
  return {
    quoteId: id,
    supplierId: id,
    supplierName: `Supplier ${id}`,
    revision: 1,
    submittedAt: '2026-11-01T00:00:00.000Z',
    currency: 'INR',
    leadTimeDays: null,
    validUntil: null,
    paymentTerms: null,
    ...over,
    lines: lines.map((line) => ({
      id: `line-${++lineSeq}`,
      itemId: ITEM_A,
      alternativeNo: 0,
      description: null,
      unitPrice: '0',
      quantity: null,
      unit: null,
      freightPerUnit: '0',
      taxRate: null,
      ...line,
    })),
  };
}

const base: Omit<ComparisonInput, 'quotes'> = {
  currency: 'INR',
  criteria: [],
  conversions: { currencies: {}, units: [] },
  items,
};

describe('comparison', () => {
  it('computes landed cost: price + freight, GST on both, for the quantity asked or offered if less', () => {
    const { cells, suppliers } = compareQuotes({
      ...base,
      quotes: [
        quote('q1', {}, [
          { itemId: ITEM_A, unitPrice: '100', freightPerUnit: '2.5', taxRate: '5' },
          { itemId: ITEM_B, unitPrice: '999.99', quantity: '4', taxRate: '18' },
        ]),
      ],
    });
    const [a, b] = cells;
    // (100 + 2.5) × 1.05 = 107.625 per kg, × 1000 kg.
    expect(a).toMatchObject({ unitPrice: '100.0000', freightPerUnit: '2.5000', landedUnitCost: '107.6250', landedTotal: '107625.00' });
    expect(a?.quantity).toBe('1000.000');
    // 999.99 × 1.18 = 1179.9882; only 4 of 10 offered.
    expect(b).toMatchObject({ quantity: '4.000', landedUnitCost: '1179.9882', landedTotal: '4719.95' });
    expect(suppliers[0]).toMatchObject({ landedTotal: '112344.95', itemsQuoted: 2, score: null, contributions: [] });
  });

  it('normalises a foreign currency and a unit in either direction with the buyer’s conversions', () => {
    const conversions = { currencies: { USD: '83.25' }, units: [{ from: 'candy', to: 'kg', factor: '355.6222' }] };
    const { cells, missingConversions } = compareQuotes({
      ...base,
      conversions,
      quotes: [
        // 1.20 USD per kg → 99.90 INR per kg.
        quote('usd', { currency: 'USD' }, [{ itemId: ITEM_A, unitPrice: '1.20' }]),
        // 35562.22 INR per candy → 100 INR per kg; 2 candy offered → 711.2444 kg.
        quote('candy', {}, [{ itemId: ITEM_A, unitPrice: '35562.22', unit: 'candy', quantity: '2' }]),
      ],
    });
    expect(missingConversions).toEqual([]);
    expect(cells[0]).toMatchObject({
      quotedCurrency: 'USD',
      quotedUnitPrice: '1.20',
      unitPrice: '99.9000',
      landedTotal: '99900.00',
      lowest: true,
    });
    expect(cells[1]).toMatchObject({ quotedUnit: 'candy', unitPrice: '100.0000', quantity: '711.244', lowest: false });
    // A conversion entered the other way round (1 kg = factor candy) works too.
    const reversed = compareQuotes({
      ...base,
      conversions: { currencies: {}, units: [{ from: 'kg', to: 'candy', factor: '0.005' }] },
      quotes: [quote('candy', {}, [{ itemId: ITEM_A, unitPrice: '20000', unit: 'candy' }])],
    });
    expect(reversed.cells[0]?.unitPrice).toBe('100.0000');
  });

  it('lists missing conversions, leaves the affected cells empty with the reason in words, and scores nobody', () => {
    const { cells, missingConversions, suppliers } = compareQuotes({
      ...base,
      criteria: [{ criterion: 'price', weight: 100 }],
      quotes: [
        quote('usd', { currency: 'USD' }, [{ itemId: ITEM_A, unitPrice: '1.20', unit: 'candy' }]),
        quote('inr', {}, [{ itemId: ITEM_A, unitPrice: '100' }]),
      ],
    });
    expect(missingConversions).toEqual([
      { kind: 'currency', from: 'USD', to: 'INR' },
      { kind: 'unit', from: 'candy', to: 'kg' },
    ]);
    expect(cells[0]).toMatchObject({
      unitPrice: null,
      landedUnitCost: null,
      landedTotal: null,
      missing: 'USD → INR rate, candy → kg factor',
    });
    expect(cells[1]).toMatchObject({ landedTotal: '100000.00', lowest: true, missing: null });
    expect(suppliers.map((s) => s.score)).toEqual([null, null]);
    expect(suppliers[0]?.landedTotal).toBeNull();
  });

  it('marks every tie as lowest and never an alternative', () => {
    const { cells } = compareQuotes({
      ...base,
      quotes: [
        quote('a', {}, [
          { itemId: ITEM_A, unitPrice: '100' },
          { itemId: ITEM_A, alternativeNo: 1, unitPrice: '50' },
        ]),
        quote('b', {}, [{ itemId: ITEM_A, unitPrice: '100' }]),
        quote('c', {}, [{ itemId: ITEM_A, unitPrice: '100.01' }]),
      ],
    });
    expect(cells.map((c) => c.lowest)).toEqual([true, false, true, false]);
  });

  it('scores each criterion and shows how it contributed', () => {
    const { suppliers } = compareQuotes({
      ...base,
      criteria: [
        { criterion: 'quality', weight: 10 },
        { criterion: 'price', weight: 50 },
        { criterion: 'leadTime', weight: 20 },
        { criterion: 'paymentTerms', weight: 20 },
      ],
      quotes: [
        quote('a', { leadTimeDays: 10, paymentTerms: { kind: 'net', days: 30 } }, [
          { itemId: ITEM_A, unitPrice: '100' },
          { itemId: ITEM_B, alternativeNo: 1, unitPrice: '0' },
        ]),
        quote('b', { leadTimeDays: 20, paymentTerms: { kind: 'advance', days: null } }, [{ itemId: ITEM_A, unitPrice: '80' }]),
      ],
    });
    const [a, b] = suppliers;
    expect(a?.contributions).toEqual([
      { criterion: 'price', weight: 50, score: '80.00', points: '40.00' },
      { criterion: 'leadTime', weight: 20, score: '100.00', points: '20.00' },
      { criterion: 'paymentTerms', weight: 20, score: '100.00', points: '20.00' },
      { criterion: 'quality', weight: 10, score: '50.00', points: '5.00' },
    ]);
    expect(a?.score).toBe('85.00');
    expect(b?.contributions.map((c) => c.score)).toEqual(['100.00', '50.00', '0.00', '100.00']);
    expect(b?.score).toBe('70.00');
  });

  it('scores equal payment terms 100 each', () => {
    const { suppliers } = compareQuotes({
      ...base,
      criteria: [{ criterion: 'paymentTerms', weight: 100 }],
      quotes: [
        quote('a', { paymentTerms: { kind: 'against_delivery', days: null } }, [{ itemId: ITEM_A, unitPrice: '1' }]),
        quote('b', {}, [{ itemId: ITEM_A, unitPrice: '1' }]),
      ],
    });
    expect(suppliers.map((s) => s.score)).toEqual(['100.00', '100.00']);
  });
});
