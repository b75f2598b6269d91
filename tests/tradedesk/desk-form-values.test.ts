import { createLotInput, createOfferInput, formatRange, formatTradePrice, offerListInput, type ParseResult } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';
import { offerFilterCount, offerListFilters, qualityParam } from '../../client/src/features/tradedesk/desk-filters.ts';
import { formatRemaining, keyQuality, keyResults, timeLeft } from '../../client/src/features/tradedesk/desk-format.ts';
import { currentCropYear, draftFromLot, emptyLotDraft, lotInput } from '../../client/src/features/tradedesk/lot-draft.ts';
import {
  DEFAULT_VALIDITY_DAYS,
  draftForLot,
  draftFromParse,
  emptyOfferDraft,
  LOW_CONFIDENCE,
  offerInput,
} from '../../client/src/features/tradedesk/offer-draft.ts';

// The trade desk's screens hold strings ('' for an empty box) and send what the server takes;
// these are the pure rules between the two, and the desk's wording of figures.

const NOW = new Date('2026-11-30T10:00:00Z');
const LOT_ID = '00000000-0000-4000-8000-000000000001';

/** A parse result with only the given offer fields and field sources. */
function parsed(
  offer: Partial<ParseResult['offer']>,
  fields: ParseResult['fields'] = [],
  unparsed: ParseResult['unparsed'] = [],
): ParseResult {
  return {
    offer: {
      side: null,
      commodity: null,
      variety: null,
      quantity: null,
      unit: null,
      price: null,
      priceUnit: null,
      currency: null,
      quality: {},
      deliveryCity: null,
      deliveryStateCode: null,
      deliveryTerm: null,
      paymentDays: null,
      validityDays: null,
      cropYear: null,
      ...offer,
    },
    fields,
    unparsed,
  };
}
const field = (name: string, value: string, text: string, confidence = 1, start = 0) => ({
  name,
  value,
  confidence,
  span: { start, end: start + text.length, text },
});

describe('the post-an-offer form values', () => {
  it('starts valid for three days in the browser time zone, visible to the whole desk', () => {
    const draft = emptyOfferDraft(NOW);
    const input = offerInput(draft);
    expect(new Date(input.validUntil as string).getTime() - NOW.getTime()).toBe(DEFAULT_VALIDITY_DAYS * 24 * 3_600_000);
    expect(input.visibility).toBe('desk');
    expect(input.currency).toBe('INR');
  });

  it('leaves empty boxes out and sends whole payment days as a number', () => {
    const input = offerInput({
      ...emptyOfferDraft(NOW),
      side: 'sell',
      commodity: 'cotton-lint',
      quantity: ' 100 ',
      price: '56500',
      paymentDays: '15',
      quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '', max: '' }, trash_pct: { min: '', max: '3' } },
    });
    expect(input).toMatchObject({ quantity: '100', price: '56500', paymentDays: 15, variety: undefined, deliveryCity: undefined });
    expect(input.quality).toEqual({ staple_mm: { min: '28.5', max: '30' }, trash_pct: { min: undefined, max: '3' } });
    const checked = createOfferInput.safeParse(input);
    expect(checked.success).toBe(true);
  });

  it('keeps a typo as typed so the schema names the field', () => {
    const input = offerInput({
      ...emptyOfferDraft(NOW),
      side: 'buy',
      commodity: 'cotton-lint',
      quantity: '100',
      price: '5x',
      paymentDays: '1.5',
    });
    const checked = createOfferInput.safeParse(input);
    expect(checked.success).toBe(false);
    const paths = checked.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('price');
    expect(paths).toContain('paymentDays');
  });

  it('an unchosen side is missing, not an empty string', () => {
    const checked = createOfferInput.safeParse(
      offerInput({ ...emptyOfferDraft(NOW), commodity: 'cotton-lint', quantity: '1', price: '1' }),
    );
    expect(checked.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['side']);
  });

  it('an offer of a lot sells its bales from its place', () => {
    const draft = draftForLot(emptyOfferDraft(NOW), {
      id: LOT_ID,
      commodityCode: 'cotton-lint',
      varietyCode: 'shankar-6',
      bales: 120,
      stateCode: 'GJ',
      city: 'Rajkot',
    });
    expect(draft).toMatchObject({
      side: 'sell',
      lotId: LOT_ID,
      quantity: '120',
      unit: 'bale',
      variety: 'shankar-6',
      deliveryCity: 'Rajkot',
    });
  });
});

describe('reading a parsed message into the form', () => {
  const message = 'Sell 100 bales S-6, 29 mm, mic 3.8, ₹56,500 per candy ex-Rajkot, 15 days, valid 2 days';
  const result = parsed(
    {
      side: 'sell',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '100.000',
      unit: 'bale',
      price: '56500.00',
      priceUnit: 'candy',
      quality: { staple_mm: { min: '29', max: '29' }, micronaire: { min: '3.8', max: null } },
      deliveryCity: 'Rajkot',
      paymentDays: 15,
      validityDays: 2,
      cropYear: '2025-26',
    },
    [
      field('side', 'sell', 'Sell'),
      field('variety', 'shankar-6', 'S-6', 0.95, 15),
      field('quality.staple_mm', '29', '29 mm', 1, 20),
      field('quality.micronaire', '3.8', 'mic 3.8', 0.5, 27),
      field('price', '56500', '₹56,500', 1, 36),
      field('validityDays', '2', 'valid 2 days', 0.9, 70),
      field('cropYear', '2025-26', '25-26', 0.4, 90),
    ],
    [{ start: 60, end: 67, text: 'hurry!!' }],
  );

  it('fills the boxes the message gave, trimmed of stored zeros, and keeps the message', () => {
    const { draft } = draftFromParse({ ...emptyOfferDraft(NOW), notes: 'call before noon' }, result, ` ${message} `, NOW);
    expect(draft).toMatchObject({
      side: 'sell',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '100',
      price: '56500',
      paymentDays: '15',
      deliveryCity: 'Rajkot',
      notes: 'call before noon',
      sourceText: message,
    });
    expect(draft.quality).toEqual({ staple_mm: { min: '29', max: '29' }, micronaire: { min: '3.8', max: '' } });
    expect(new Date(offerInput(draft).validUntil as string).getTime() - NOW.getTime()).toBe(2 * 24 * 3_600_000);
  });

  it('leaves what the message did not say as the user typed it', () => {
    const before = { ...emptyOfferDraft(NOW), price: '57000', deliveryStateCode: 'GJ' };
    const { draft } = draftFromParse(before, parsed({ side: 'buy' }), 'buy', NOW);
    expect(draft).toMatchObject({ side: 'buy', price: '57000', deliveryStateCode: 'GJ', validUntil: before.validUntil });
  });

  it('says where each box came from and how sure, the validity under its date, the crop year nowhere', () => {
    const { sources } = draftFromParse(emptyOfferDraft(NOW), result, message, NOW);
    expect(sources.variety).toEqual({ text: 'S-6', confidence: 0.95 });
    expect(sources['quality.micronaire']?.confidence).toBeLessThan(LOW_CONFIDENCE);
    expect(sources.validUntil?.text).toBe('valid 2 days');
    expect(Object.keys(sources)).not.toContain('cropYear');
  });

  it('a parsed draft posts as the server checks it', () => {
    const { draft } = draftFromParse(emptyOfferDraft(NOW), result, message, NOW);
    const checked = createOfferInput.safeParse(offerInput(draft));
    expect(checked.error?.issues ?? []).toEqual([]);
  });
});

describe('the lot form values', () => {
  it('names the crop year from the October season start', () => {
    expect(currentCropYear(new Date(2026, 10, 30))).toBe('2026-27');
    expect(currentCropYear(new Date(2026, 8, 30))).toBe('2025-26');
    expect(currentCropYear(new Date(2099, 11, 1))).toBe('2099-00');
  });

  it('sends measured values only, bales as a whole number', () => {
    const input = lotInput({
      ...emptyLotDraft(NOW),
      bales: '120',
      netWeightKg: '20400',
      stateCode: 'GJ',
      city: 'Rajkot ',
      quality: { values: { staple_mm: '29.2', micronaire: ' ', trash_pct: '2.5' }, colourGrade: '' },
    });
    expect(input).toMatchObject({ bales: 120, city: 'Rajkot', warehouse: undefined, testReportFileId: undefined });
    expect(input.quality).toEqual({ values: { staple_mm: '29.2', trash_pct: '2.5' }, colourGrade: undefined });
    expect(createLotInput.safeParse(input).error?.issues ?? []).toEqual([]);
  });

  it('a bad bale count or colour grade is named by the schema', () => {
    const input = lotInput({
      ...emptyLotDraft(NOW),
      bales: '12.5',
      netWeightKg: '2000',
      stateCode: 'GJ',
      city: 'Rajkot',
      quality: { values: {}, colourGrade: '31' },
    });
    const paths = createLotInput.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['bales', 'quality.colourGrade']);
  });

  it('a saved lot comes back into its boxes without stored zeros', () => {
    const draft = draftFromLot({
      id: LOT_ID,
      number: 'LOT-2026-000001',
      commodityCode: 'cotton-lint',
      commodityName: 'Cotton lint',
      varietyCode: null,
      varietyName: null,
      bales: 100,
      netWeightKg: '17000.000',
      stateCode: 'GJ',
      city: 'Rajkot',
      warehouse: null,
      cropYear: '2025-26',
      quality: { values: { staple_mm: '29.500' }, colourGrade: '31-1' },
      status: 'available',
      createdAt: NOW.toISOString(),
      locationId: null,
      labName: null,
      testedOn: null,
      testReport: { fileId: LOT_ID, name: 'report.pdf', contentType: 'application/pdf', size: 10 },
      notes: null,
      version: 1,
      updatedAt: NOW.toISOString(),
      offers: [],
    });
    expect(draft).toMatchObject({ netWeightKg: '17000', varietyCode: '', warehouse: '', testReportFileId: LOT_ID });
    expect(draft.quality).toEqual({ values: { staple_mm: '29.5' }, colourGrade: '31-1' });
  });
});

describe('the desk filters in the address', () => {
  const from = (params: Record<string, string>) => (name: string) => params[name] ?? '';

  it('turns the address into the list input the server takes', () => {
    const address = from({
      commodity: 'cotton-lint',
      side: 'sell',
      state: 'gj',
      priceMin: '55000',
      priceMax: '58000',
      [qualityParam('staple_mm', 'min')]: '28.5',
      [qualityParam('strength_gpt', 'min')]: '28',
      status: 'closed',
    });
    const filters = offerListFilters('desk', address);
    expect(filters).toMatchObject({
      scope: 'desk',
      commodity: 'cotton-lint',
      side: 'sell',
      stateCode: 'GJ',
      priceMin: '55000',
      priceMax: '58000',
      priceUnit: 'candy',
      quality: { staple_mm: { min: '28.5' }, strength_gpt: { min: '28' } },
      // The desk shows live offers only: a status is for my own.
      status: undefined,
    });
    expect(offerListInput.safeParse(filters).success).toBe(true);
    // Commodity, side, state, two prices and two quality ends; the status is not the desk's.
    expect(offerFilterCount('desk', address)).toBe(7);
  });

  it('leaves out half-typed numbers, unknown sides and an upside-down range rather than failing the list', () => {
    const filters = offerListFilters(
      'mine',
      from({
        side: 'swap',
        priceMin: '55.',
        state: 'Gujarat',
        status: 'expired',
        [qualityParam('micronaire', 'min')]: '4.5',
        [qualityParam('micronaire', 'max')]: '3.5',
      }),
    );
    expect(filters).toMatchObject({ side: undefined, priceMin: undefined, stateCode: undefined, quality: undefined, status: 'expired' });
    expect(offerListInput.safeParse(filters).success).toBe(true);
  });

  it('an address without filters is not filtered', () => {
    expect(offerFilterCount('desk', from({}))).toBe(0);
  });
});

describe('the desk wording of figures', () => {
  it('prices INR per unit in lakh/crore grouping', () => {
    expect(formatTradePrice('56500', 'INR', 'candy')).toBe('₹56,500.00 per candy');
    expect(formatTradePrice('12500000', 'INR', 'bale')).toBe('₹1,25,00,000.00 per bale');
  });

  it('says what is left of an offer', () => {
    expect(formatRemaining('100.000', '100.000', 'bale')).toBe('100 bales');
    expect(formatRemaining('40', '100', 'bale')).toBe('40 of 100 bales');
    expect(formatRemaining('1', '1', 'candy')).toBe('1 candy');
  });

  it('writes ranges in the trade shorthand', () => {
    expect(formatRange({ min: '28.5', max: '30' }, 'mm')).toBe('28.5–30 mm');
    expect(formatRange({ min: '28', max: null }, 'g/tex')).toBe('at least 28 g/tex');
    expect(formatRange({ min: null, max: '3' }, '%')).toBe('at most 3 %');
    expect(
      keyQuality({ micronaire: { min: '3.5', max: '4.2' }, staple_mm: { min: '29', max: '29' }, trash_pct: { min: null, max: '3' } }),
    ).toBe('29 mm · mic 3.5–4.2');
    expect(keyResults({ strength_gpt: '28.5', staple_mm: '29' })).toBe('29 mm · 28.5 g/tex');
  });

  it('counts down the validity', () => {
    expect(timeLeft('2026-12-02T14:00:00Z', NOW)).toBe('2 d 4 h left');
    expect(timeLeft('2026-11-30T15:30:00Z', NOW)).toBe('5 h left');
    expect(timeLeft('2026-11-30T10:30:00Z', NOW)).toBe('under an hour left');
    expect(timeLeft('2026-11-30T09:00:00Z', NOW)).toBe('ended');
  });
});
