import { describeTerms, type NegotiationTerms, negotiationTermsInput, type OfferSummary, termsChanges } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';
import { formatPoints, scoreColor } from '../../client/src/features/tradedesk/match-score.ts';
import {
  draftFromOffer,
  draftFromTerms,
  proposedTerms,
  quantityBeyondRemaining,
  type TermsDraft,
  termsFormInput,
  termsFormSchema,
  withTermName,
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

const structureId = '00000000-0000-4000-8000-000000000009';
const structure = {
  id: structureId,
  name: 'Shah standard',
  brokerCompanyId: null,
  brokerName: 'Shah Brokers',
  basis: 'per_bale' as const,
  rate: '25.0000',
  sellerSharePct: '50.00',
  active: true,
  version: 1,
};

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
    expect(termsChanges(terms, proposedTerms(draft))).toEqual([]);
  });

  it('previews each changed term as the round history will word it, and nothing else', () => {
    const next = draftFromTerms(terms);
    next.price = '56250';
    next.quality.staple_mm = { min: '29', max: '30' };
    next.quality.micronaire = { min: '3.5', max: '4.2' };
    const changes = termsChanges(terms, proposedTerms(next));
    expect(changes).toEqual([
      { field: 'Price', before: '₹56,000.00 per candy', after: '₹56,250.00 per candy' },
      { field: 'Staple length', before: 'at least 29 mm', after: '29–30 mm' },
      { field: 'Micronaire', before: null, after: '3.5–4.2' },
    ]);
  });

  it('does not count 56000 and 56000.00 as a change', () => {
    const next = draftFromTerms(terms);
    next.price = '56000.00';
    expect(termsChanges(terms, proposedTerms(next))).toEqual([]);
  });

  it('reads a saved commission structure as its broker and rate', () => {
    const next = draftFromTerms(terms);
    next.commission = { ...next.commission, mode: 'structure', structureId };
    expect(proposedTerms(next, [structure]).commission).toEqual({
      brokerName: 'Shah Brokers',
      brokerCompanyId: null,
      basis: 'per_bale',
      rate: '25.0000',
      sellerSharePct: '50.00',
    });
    expect(termsChanges(terms, proposedTerms(next, [structure]))).toEqual([]);
  });

  it('words a removed broker and a lakh-sized price in Indian grouping', () => {
    const next = draftFromTerms(terms);
    next.commission.mode = 'none';
    next.price = '150000';
    const changes = termsChanges(terms, proposedTerms(next));
    expect(changes.find((c) => c.field === 'Brokerage')).toMatchObject({ after: null });
    expect(changes.find((c) => c.field === 'Price')?.after).toBe('₹1,50,000.00 per candy');
  });
});

describe('wording', () => {
  it('describes a whole proposal in the order a counter compares it, unstated terms left out', () => {
    const lines = describeTerms(terms);
    expect(lines.slice(0, 3)).toEqual([
      { field: 'Price', value: '₹56,000.00 per candy' },
      { field: 'Quantity', value: '100 bales' },
      { field: 'Staple length', value: 'at least 29 mm' },
    ]);
    expect(lines.map((line) => line.field)).not.toContain('Delivery term');
    expect(lines.find((line) => line.field === 'Terms of sale')?.value).toBe('cci-standard');
  });

  it('names master codes on the terms that carry them, and only there', () => {
    const name = (code: string) => (code === 'cci-standard' ? 'CCI standard terms' : code);
    expect(withTermName('Terms of sale', 'cci-standard', name)).toBe('CCI standard terms');
    expect(withTermName('Delivery place', 'cci-standard', name)).toBe('cci-standard');
    expect(withTermName('Payment term', null, name)).toBeNull();
  });

  it('colours and rounds match scores', () => {
    expect([scoreColor(90), scoreColor(60), scoreColor(20)]).toEqual(['green', 'yellow', 'red']);
    expect([formatPoints(22.5), formatPoints(30), formatPoints(7.04)]).toEqual(['22.5', '30', '7']);
  });
});
