import type { ComparisonCell, TenderComparison } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';
import {
  awardInput,
  checkAward,
  defaultAward,
  type ItemAward,
  ordersPreview,
  remainingOf,
  withOffer,
} from '../../client/src/features/tenders/award-plan.ts';

// The award screen's arithmetic: default to the lowest, what is left of a split, the checks it
// makes before asking the server, and the orders it previews (one per winning supplier).

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [ITEM1, ITEM2, QA, QB] = [id(1), id(2), id(3), id(4)];

let lineIds = 100;
function cell(quoteId: string, itemId: string, landedUnitCost: string, extra: Partial<ComparisonCell> = {}): ComparisonCell {
  return {
    quoteId,
    itemId,
    quoteLineId: id(lineIds++),
    alternativeNo: 0,
    description: null,
    quotedUnitPrice: landedUnitCost,
    quotedCurrency: 'INR',
    quotedUnit: 'kg',
    quantity: null,
    unitPrice: landedUnitCost,
    freightPerUnit: '0.0000',
    taxRate: '0',
    landedUnitCost,
    landedTotal: null,
    lowest: false,
    missing: null,
    ...extra,
  };
}

const item = (itemId: string, lineNo: number, quantity: string) => ({
  id: itemId,
  lineNo,
  productId: null,
  description: `Item ${lineNo}`,
  quantity,
  unit: 'kg',
  targetPrice: null,
  hsnCode: null,
  specification: [],
});

const supplier = (quoteId: string, name: string) => ({
  quoteId,
  supplierId: quoteId,
  supplierName: name,
  revision: 1,
  submittedAt: '2026-11-30T10:00:00.000Z',
  currency: 'INR',
  leadTimeDays: null,
  validUntil: null,
  paymentTerms: null,
  landedTotal: null,
  itemsQuoted: 2,
  score: null,
  contributions: [],
});

const comparison: TenderComparison = {
  tenderId: id(9),
  number: 'RFQ-1',
  currency: 'INR',
  criteria: [],
  conversions: { currencies: {}, units: [] },
  items: [item(ITEM1, 1, '500.000'), item(ITEM2, 2, '200.000')],
  suppliers: [supplier(QA, 'Coimbatore'), supplier(QB, 'Erode')],
  cells: [
    cell(QA, ITEM1, '168.0000', { lowest: true }),
    cell(QB, ITEM1, '180.6000'),
    cell(QA, ITEM2, '304.5000', { lowest: true }),
    cell(QB, ITEM2, '315.0000', { quantity: '150.000' }),
  ],
  missingConversions: [],
};

describe('award plan', () => {
  it('starts with each whole item to its lowest landed offer', () => {
    const awards = defaultAward(comparison);
    expect(awards.map((award) => award.shares)).toEqual([[{ offer: `${QA}:0`, quantity: '500' }], [{ offer: `${QA}:0`, quantity: '200' }]]);
    expect(checkAward(comparison, awards)).toEqual({});
  });

  it('splits an item: what remains, a moved share fits the offer, a reason is asked when not the lowest', () => {
    const [first, second] = defaultAward(comparison) as [ItemAward, ItemAward];
    const erode = withOffer(comparison, ITEM2, second.shares[0] ?? { offer: '', quantity: '' }, `${QB}:0`);
    expect(erode).toEqual({ offer: `${QB}:0`, quantity: '150' });
    expect(remainingOf('200.000', [erode])).toBe('50');
    const split: ItemAward = { ...second, shares: [erode, { offer: `${QA}:0`, quantity: '50' }] };
    expect(checkAward(comparison, [first, split])).toEqual({ 'items.1.reason': 'Say why: this is not the lowest landed offer.' });

    const reasoned = { ...split, reason: 'Faster delivery' };
    expect(checkAward(comparison, [first, reasoned])).toEqual({});
    const input = awardInput(comparison.tenderId, [first, reasoned], '', 'key-12345678');
    expect(input.awards).toEqual([
      { itemId: ITEM1, quoteId: QA, alternativeNo: 0, quantity: '500', reason: undefined },
      { itemId: ITEM2, quoteId: QB, alternativeNo: 0, quantity: '150', reason: 'Faster delivery' },
      { itemId: ITEM2, quoteId: QA, alternativeNo: 0, quantity: '50', reason: 'Faster delivery' },
    ]);
    expect(ordersPreview(comparison, [first, reasoned]).map((order) => [order.supplierName, order.total])).toEqual([
      ['Coimbatore', '99225.00'],
      ['Erode', '47250.00'],
    ]);
  });

  it('refuses more than asked or offered, and an empty award, with the path the screen shows it at', () => {
    const [first, second] = defaultAward(comparison) as [ItemAward, ItemAward];
    const over = {
      ...first,
      shares: [
        { offer: `${QA}:0`, quantity: '400' },
        { offer: `${QB}:0`, quantity: '200' },
      ],
    };
    expect(checkAward(comparison, [over, second])['items.0']).toBe('More than the 500 kg asked: lower a quantity.');
    const tooMuch = { ...second, shares: [{ offer: `${QB}:0`, quantity: '200' }], reason: 'Faster' };
    expect(checkAward(comparison, [first, tooMuch])).toEqual({ 'awards.1.quantity': 'This supplier offered only 150 kg.' });
    expect(
      checkAward(comparison, [
        { ...first, shares: [] },
        { ...second, shares: [] },
      ]),
    ).toEqual({ awards: 'Award at least one item.' });
  });
});
