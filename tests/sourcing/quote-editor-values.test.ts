import { describe, expect, it } from 'vitest';
import {
  editorInput,
  editorPath,
  emptyQuote,
  offerFor,
  type QuoteLineDraft,
  quoteEditorSchema,
  quoteFromTerms,
  quoteInput,
  quoteTotal,
} from '../../client/src/features/sourcing/quote-draft.ts';

// The supplier's quote editor keeps a row for every item (priced or not) and sends only the priced
// ones; these are the pure rules between what it shows and what the server takes.

const item = (id: string, lineNo: number, quantity: string) => ({
  id,
  lineNo,
  productId: null,
  description: `Item ${lineNo}`,
  quantity,
  unit: 'kg',
  targetPrice: null,
  hsnCode: lineNo === 1 ? '5201' : null,
  specification: [],
});
const I1 = '00000000-0000-4000-8000-000000000001';
const I2 = '00000000-0000-4000-8000-000000000002';
const T = '00000000-0000-4000-8000-0000000000ff';
/** A row with some boxes filled in. */
const with_ = (line: QuoteLineDraft | undefined, patch: Partial<QuoteLineDraft>): QuoteLineDraft => ({
  ...(line as QuoteLineDraft),
  ...patch,
});
const ITEM1 = item(I1, 1, '1000.000');
const ITEM2 = item(I2, 2, '200.000');
const tender = { currency: 'INR', items: [ITEM1, ITEM2] };

describe('the quote editor values', () => {
  it('starts with one offer per item: its whole quantity, its unit and HSN code, the tender currency', () => {
    const draft = emptyQuote(tender);
    expect(draft.currency).toBe('INR');
    expect(draft.lines.map((l) => [l.itemId, l.quantity, l.unit, l.hsnCode, l.alternativeNo])).toEqual([
      [I1, '1000', 'kg', '5201', 0],
      [I2, '200', 'kg', '', 0],
    ]);
  });

  it('sends only the priced rows and puts a server error on the row it came from', () => {
    const draft = emptyQuote(tender);
    draft.lines.push({ ...offerFor(ITEM2, 1), description: 'Carded', unitPrice: '250' });
    draft.lines[1] = with_(draft.lines[1], { unitPrice: '265' });
    const values = quoteEditorSchema.parse(editorInput(T, draft));
    const { input, rowOf } = quoteInput(values);
    expect(input.lines.map((l) => [l.itemId, l.unitPrice, l.alternativeNo])).toEqual([
      [I2, '265', undefined],
      [I2, '250', 1],
    ]);
    expect(rowOf).toEqual([1, 2]);
    expect(editorPath(rowOf)('lines.1.unitPrice')).toBe('lines.2.unitPrice');
    expect(editorPath(rowOf)('leadTimeDays')).toBe('leadTimeDays');
  });

  it('refuses a quote with no price, and an alternative without what differs or its price', () => {
    const none = quoteEditorSchema.safeParse(editorInput(T, emptyQuote(tender)));
    expect(none.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['lines', 'price at least one item']]);
    const draft = emptyQuote(tender);
    draft.lines[0] = with_(draft.lines[0], { unitPrice: '150' });
    draft.lines.push(offerFor(ITEM1, 1));
    const alternative = quoteEditorSchema.safeParse(editorInput(T, draft));
    expect(alternative.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['lines.2.description', 'lines.2.unitPrice']);
  });

  it('totals the offers as asked (price + freight, then GST) in decimals; alternatives are options, not extra goods', () => {
    const draft = emptyQuote(tender);
    draft.lines[0] = with_(draft.lines[0], { unitPrice: '152.5', freightPerUnit: '0.1', taxRate: '5' });
    draft.lines[1] = with_(draft.lines[1], { unitPrice: '265.33', quantity: '150' });
    draft.lines.push({ ...offerFor(ITEM1, 1), unitPrice: '999' });
    // 152.6 × 1000 = 152600 (+ 7630 GST); 265.33 × 150 = 39799.5
    expect(quoteTotal(draft.lines)).toEqual({ beforeTax: '192399.50', tax: '7630.00', total: '200029.50' });
    draft.lines[1] = with_(draft.lines[1], { unitPrice: 'abc' });
    expect(quoteTotal(draft.lines)).toBeNull();
  });

  it('reopens a saved quote as it was, with an empty offer for an item it did not price', () => {
    const draft = quoteFromTerms(tender, {
      currency: 'USD',
      leadTimeDays: 14,
      validUntil: '2026-12-31',
      paymentTerms: { kind: 'net', days: 30 },
      notes: null,
      attachments: [],
      lines: [
        {
          id: '00000000-0000-4000-8000-0000000000a1',
          itemId: I1,
          alternativeNo: 1,
          description: 'Staple 28 mm',
          unitPrice: '140.0000',
          quantity: null,
          unit: null,
          freightPerUnit: '0.0000',
          hsnCode: null,
          taxRate: null,
          notes: null,
        },
      ],
    });
    expect(draft).toMatchObject({ currency: 'USD', leadTimeDays: '14', paymentTerms: { kind: 'net', days: '30' } });
    expect(draft.lines.map((l) => [l.itemId, l.alternativeNo, l.unitPrice, l.quantity])).toEqual([
      [I1, 0, '', '1000'],
      [I1, 1, '140', '1000'],
      [I2, 0, '', '200'],
    ]);
  });
});
