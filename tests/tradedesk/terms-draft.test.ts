import { type NegotiationTerms, negotiationTermsInput, type OfferSummary } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';
import { formatPoints, scoreColor } from '../../client/src/features/tradedesk/match-score.ts';
import {
  changeLabel,
  describeRange,
  draftFromOffer,
  draftFromTerms,
  quantityBeyondRemaining,
  type TermsDraft,
  termsChanges,
  termsFormInput,
  termsFormSchema,
} from '../../client/src/features/tradedesk/terms-draft.ts';

// The terms form's arithmetic: what a proposal starts from, what it sends, what a counter shows
// as changed, and the check against the quantity the offer has left.

const offer = {
  price: '56500.00',
  priceUnit: 'candy',
  currency: 'INR',
  quantity: '200.000',
  remainingQuantity: '150.000',
  unit: 'bale',
  quality: { staple_mm: { min: '28.500', max: '30.000' }, micronaire: { min: null, max: '4.200' } },
  deliveryStateCode: 'GJ',
  deliveryCity: 'Rajkot',
  deliveryTerm: 'ex-gin',
  deliveryFrom: '2026-12-10',
  deliveryTo: '2026-12-31',
  paymentDays: 15,
  paymentTerm: null,
} as unknown as OfferSummary;

const terms: NegotiationTerms = {
  price: '56000.00',
  priceUnit: 'candy',
  currency: 'INR',
  quantity: '100.000',
  unit: 'bale',
  quality: { staple_mm: { min: '29.000', max: null } },
  deliveryStateCode: 'GJ',
  deliveryCity: 'Rajkot',
  deliveryTerm: null,
  deliveryFrom: null,
  deliveryTo: null,
  paymentDays: 30,
  paymentTerm: null,
  quantityTolerancePct: '5.00',
  termsCode: 'cci-standard',
  commission: { brokerName: 'Shah Brokers', brokerCompanyId: null, basis: 'per_bale', rate: '25.0000', sellerSharePct: '50.00' },
  deliverySchedule: [{ dueFrom: '2026-12-10', dueTo: '2026-12-20', quantity: '100.000' }],
};

const values = (draft: TermsDraft, message = '') => ({ terms: draft, message });

describe('a proposal on an offer', () => {
  it('starts from the offer for the quantity still open, decimals as typed', () => {
    const draft = draftFromOffer(offer);
    expect(draft).toMatchObject({
      price: '56500',
      quantity: '150',
      unit: 'bale',
      priceUnit: 'candy',
      paymentDays: '15',
      deliveryCity: 'Rajkot',
    });
    expect(draft.quality).toEqual({ staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '', max: '4.2' } });
    expect(draft.commission.mode).toBe('none');
  });

  it('sends what the server schema takes, empty boxes left out', () => {
    const draft = draftFromOffer(offer);
    draft.quality.trash_pct = { min: '', max: '' };
    const input = termsFormInput(values(draft, '  '));
    const parsed = termsFormSchema.parse(input);
    expect(parsed.message).toBeUndefined();
    expect(parsed.terms.quality).toEqual({ staple_mm: { min: '28.5', max: '30' }, micronaire: { max: '4.2' } });
    expect(parsed.terms.paymentDays).toBe(15);
    expect(parsed.terms.paymentTerm).toBeUndefined();
    expect(parsed.terms.commission).toBeUndefined();
    expect(parsed.terms.deliverySchedule).toBeUndefined();
  });

  it('sends a named broker whole and a saved structure by its id', () => {
    const draft = draftFromOffer(offer);
    draft.commission = { mode: 'named', structureId: '', brokerName: ' Shah ', basis: 'percent', rate: '0.5', sellerSharePct: '100' };
    expect(termsFormInput(values(draft)).terms.commission).toEqual({
      brokerName: 'Shah',
      basis: 'percent',
      rate: '0.5',
      sellerSharePct: '100',
    });
    draft.commission.mode = 'structure';
    draft.commission.structureId = '00000000-0000-4000-8000-000000000001';
    expect(termsFormInput(values(draft)).terms.commission).toEqual({ structureId: '00000000-0000-4000-8000-000000000001' });
  });

  it('leaves a typed word where a number belongs for the schema to name', () => {
    const draft = draftFromOffer(offer);
    draft.paymentDays = 'fifteen';
    draft.price = 'abc';
    const result = termsFormSchema.safeParse(termsFormInput(values(draft)));
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['terms.paymentDays', 'terms.price']));
  });
});

describe('the quantity against what the offer has left', () => {
  it('accepts up to the remaining quantity and refuses more, in words', () => {
    expect(quantityBeyondRemaining({ quantity: '150', unit: 'bale' }, offer)).toBeUndefined();
    expect(quantityBeyondRemaining({ quantity: '150.5', unit: 'bale' }, offer)).toBe('must not be more than the 150 bales still open');
  });

  it('compares in the offer’s unit: 150 bales are 25,500 kg', () => {
    expect(quantityBeyondRemaining({ quantity: '25500', unit: 'kg' }, offer)).toBeUndefined();
    expect(quantityBeyondRemaining({ quantity: '25600', unit: 'kg' }, offer)).toMatch(/150 bales/);
  });

  it('leaves an unreadable quantity to the schema', () => {
    expect(quantityBeyondRemaining({ quantity: 'lots', unit: 'bale' }, offer)).toBeUndefined();
  });
});

describe('a counter against the version on the table', () => {
  it('starts from the version and round-trips through the server schema unchanged', () => {
    const draft = draftFromTerms(terms);
    const parsed = negotiationTermsInput.parse(termsFormInput(values(draft)).terms);
    expect(parsed).toMatchObject({
      price: '56000',
      quantity: '100',
      paymentDays: 30,
      quantityTolerancePct: '5',
      termsCode: 'cci-standard',
      commission: { brokerName: 'Shah Brokers', basis: 'per_bale', rate: '25', sellerSharePct: '50' },
      deliverySchedule: [{ dueFrom: '2026-12-10', dueTo: '2026-12-20', quantity: '100' }],
    });
    expect(termsChanges(draft, draftFromTerms(terms))).toEqual([]);
  });

  it('lists each changed term with before and after, and nothing else', () => {
    const current = draftFromTerms(terms);
    const next = draftFromTerms(terms);
    next.price = '56250';
    next.quality.staple_mm = { min: '29', max: '30' };
    next.quality.micronaire = { min: '3.5', max: '4.2' };
    const names = { parameter: (code: string) => ({ staple_mm: 'Staple length (mm)', micronaire: 'Micronaire' })[code] ?? code };
    const changes = termsChanges(current, next, names);
    expect(changes.map((change) => change.field)).toEqual(['price', 'quality.staple_mm', 'quality.micronaire']);
    expect(changes[0]).toEqual({ field: 'price', label: 'Price', before: '₹56,000.00 per candy', after: '₹56,250.00 per candy' });
    expect(changes[1]).toMatchObject({ label: 'Staple length (mm)', before: 'at least 29', after: '29–30' });
    expect(changes[2]).toMatchObject({ label: 'Micronaire', before: '—', after: '3.5–4.2' });
  });

  it('does not count 56000 and 56000.00 as a change', () => {
    const next = draftFromTerms(terms);
    next.price = '56000.00';
    expect(termsChanges(draftFromTerms(terms), next)).toEqual([]);
  });

  it('words a removed broker and a lakh-sized price in Indian grouping', () => {
    const next = draftFromTerms(terms);
    next.commission.mode = 'none';
    next.price = '150000';
    const changes = termsChanges(draftFromTerms(terms), next);
    expect(changes.find((c) => c.field === 'commission')).toMatchObject({
      before: 'Shah Brokers, ₹25.00 per bale, seller pays 50 %',
      after: 'none',
    });
    expect(changes.find((c) => c.field === 'price')?.after).toBe('₹1,50,000.00 per candy');
  });
});

describe('wording', () => {
  it('says a range as the trade does', () => {
    expect(describeRange({ min: '28.500', max: '30.000' })).toBe('28.5–30');
    expect(describeRange({ min: '3.5', max: null })).toBe('at least 3.5');
    expect(describeRange({ min: null, max: '4.2' })).toBe('at most 4.2');
    expect(describeRange({ min: '29', max: '29.0' })).toBe('29');
  });

  it('names the fields a round changed', () => {
    expect(changeLabel('price')).toBe('Price');
    expect(changeLabel('quality.staple_mm', { parameter: () => 'Staple length (mm)' })).toBe('Staple length (mm)');
    expect(changeLabel('paymentDays')).toBe('Payment days');
  });

  it('colours and rounds match scores', () => {
    expect([scoreColor(90), scoreColor(60), scoreColor(20)]).toEqual(['green', 'yellow', 'red']);
    expect([formatPoints(22.5), formatPoints(30), formatPoints(7.04)]).toEqual(['22.5', '30', '7']);
  });
});
