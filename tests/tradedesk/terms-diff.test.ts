import { type NegotiationTerms, termsChanges } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// The diff a counter-offer shows: labels in words, values as a trader reads them.

const base: NegotiationTerms = {
  price: '56500.00',
  priceUnit: 'candy',
  currency: 'INR',
  quantity: '100.000',
  unit: 'bale',
  quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.5', max: '4.2' } },
  deliveryStateCode: 'GJ',
  deliveryCity: 'Rajkot',
  deliveryTerm: 'ex-gin',
  deliveryFrom: '2026-12-10',
  deliveryTo: '2026-12-25',
  paymentDays: 15,
  paymentTerm: 'net-15',
  quantityTolerancePct: null,
  termsCode: null,
  commission: null,
  deliverySchedule: [],
};

describe('termsChanges', () => {
  it('finds nothing between a round and itself, nor between notations of one number', () => {
    expect(termsChanges(base, base)).toEqual([]);
    expect(termsChanges(base, { ...base, price: '56500', quantity: '100' })).toEqual([]);
  });

  it('words a price and a quantity change with currency grouping and units', () => {
    const after = { ...base, price: '56000.00', quantity: '150000' };
    expect(termsChanges(base, after)).toEqual([
      { field: 'Price', before: '₹56,500.00 per candy', after: '₹56,000.00 per candy' },
      { field: 'Quantity', before: '100 bales', after: '1,50,000 bales' },
    ]);
  });

  it('compares quality parameter by parameter, naming added and dropped ranges', () => {
    const after = {
      ...base,
      quality: { staple_mm: { min: '29', max: '30' }, strength_gpt: { min: '28', max: null } },
    };
    expect(termsChanges(base, after)).toEqual([
      { field: 'Staple length', before: '28.5–30 mm', after: '29–30 mm' },
      { field: 'Micronaire', before: '3.5–4.2', after: null },
      { field: 'Strength', before: null, after: 'at least 28 g/tex' },
    ]);
  });

  it('words delivery, payment, tolerance, terms, schedule and brokerage', () => {
    const after: NegotiationTerms = {
      ...base,
      deliveryCity: 'Gondal',
      deliveryFrom: '2027-01-01',
      deliveryTo: '2027-01-31',
      paymentDays: 0,
      quantityTolerancePct: '5',
      termsCode: 'cci-standard',
      deliverySchedule: [
        { dueFrom: '2027-01-01', dueTo: '2027-01-15', quantity: '60' },
        { dueFrom: '2027-01-16', dueTo: '2027-01-31', quantity: '40' },
      ],
      commission: { brokerName: 'Patel Brokers', brokerCompanyId: null, basis: 'per_bale', rate: '25', sellerSharePct: '50' },
    };
    expect(termsChanges(base, after)).toEqual([
      { field: 'Quantity tolerance', before: null, after: '± 5 %' },
      { field: 'Delivery place', before: 'Rajkot, GJ', after: 'Gondal, GJ' },
      { field: 'Delivery period', before: '10 Dec 2026 – 25 Dec 2026', after: '1 Jan 2027 – 31 Jan 2027' },
      { field: 'Delivery schedule', before: null, after: '60 bales 1 Jan 2027 – 15 Jan 2027; 40 bales 16 Jan 2027 – 31 Jan 2027' },
      { field: 'Payment', before: '15 days', after: 'on delivery or advance' },
      { field: 'Terms of sale', before: null, after: 'cci-standard' },
      { field: 'Brokerage', before: null, after: 'Patel Brokers: ₹25.00 per bale, seller pays 50 %' },
    ]);
  });

  it('words a percentage brokerage as a percentage', () => {
    const after: NegotiationTerms = {
      ...base,
      commission: { brokerName: 'Shah & Co', brokerCompanyId: null, basis: 'percent', rate: '0.5', sellerSharePct: '100' },
    };
    expect(termsChanges(base, after)).toEqual([{ field: 'Brokerage', before: null, after: 'Shah & Co: 0.5 %, seller pays 100 %' }]);
  });
});
