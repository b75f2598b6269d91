import {
  MATCH_FACTORS,
  MATCH_NOTIFY_THRESHOLD,
  MATCH_WEIGHTS,
  type MatchableOffer,
  type MatchContext,
  type MatchFactorName,
  scoreMatch,
} from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// Scoring is pure: each case builds the two offers it compares and reads one factor's score and words.

const LIMITS: MatchContext['limits'] = {
  staple_mm: { name: 'Staple length', unit: 'mm', min: '20', max: '40' },
  micronaire: { name: 'Micronaire', unit: '', min: '2.5', max: '6' },
  trash_pct: { name: 'Trash', unit: '%', min: '0', max: '10' },
};
const VERIFIED: MatchContext = { limits: LIMITS, standing: { verified: true, deals: 5 } };

function offer(side: 'buy' | 'sell', fields: Partial<MatchableOffer> = {}): MatchableOffer {
  return {
    side,
    remainingQuantity: '100',
    unit: 'bale',
    price: '56500',
    currency: 'INR',
    priceUnit: 'candy',
    quality: {},
    lotValues: null,
    deliveryStateCode: 'GJ',
    deliveryCity: 'Rajkot',
    deliveryFrom: '2026-12-10',
    deliveryTo: '2026-12-25',
    ...fields,
  };
}

function factor(result: ReturnType<typeof scoreMatch>, name: MatchFactorName) {
  const found = result.factors.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} factor`);
  return found;
}

describe('match weights', () => {
  it('add up to 100 over the six factors, in the order the outputs name them', () => {
    expect(Object.keys(MATCH_WEIGHTS)).toEqual([...MATCH_FACTORS]);
    expect(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(MATCH_WEIGHTS).toEqual({ quality: 35, price: 25, quantity: 15, location: 10, delivery: 10, standing: 5 });
    expect(MATCH_NOTIFY_THRESHOLD).toBe(70);
  });

  it('scores a perfect fit 100, each factor contributing its whole weight', () => {
    const result = scoreMatch(
      offer('buy', { quality: { staple_mm: { min: '28.5', max: '30' } } }),
      offer('sell', { lotValues: { staple_mm: '29' } }),
      VERIFIED,
    );
    expect(result.score).toBe(100);
    for (const f of result.factors) expect(f.contribution).toBe(f.weight);
  });

  it('sums weight × score / 100 and rounds', () => {
    const result = scoreMatch(offer('buy', { price: '55000' }), offer('sell', { deliveryCity: 'Gondal' }), {
      limits: LIMITS,
      standing: { verified: false, deals: 0 },
    });
    const sum = result.factors.reduce((total, f) => total + (f.weight * f.score) / 100, 0);
    expect(result.score).toBe(Math.round(sum));
    expect(result.score).toBeLessThan(100);
  });
});

describe('quality', () => {
  it('reads each parameter inside or how far outside, in words', () => {
    const buyer = offer('buy', { quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.5', max: '4.2' } } });
    const seller = offer('sell', { lotValues: { staple_mm: '29.000', micronaire: '4.400' } });
    const quality = factor(scoreMatch(buyer, seller, VERIFIED), 'quality');
    expect(quality.detail).toBe('staple 29 mm inside 28.5–30; mic 4.4 above 4.2 by 0.2');
    // mic off by 0.2 of an allowed range of 3.5: 0.2 / (3.5 × 0.2) → 71; the average with 100 → 86.
    expect(quality.score).toBe(86);
  });

  it('weighs the same miss by the parameter’s allowed range: 0.2 mm of staple costs less than 0.2 of mic', () => {
    const staple = factor(
      scoreMatch(offer('buy', { quality: { staple_mm: { min: '29' } } }), offer('sell', { lotValues: { staple_mm: '28.8' } }), VERIFIED),
      'quality',
    );
    const mic = factor(
      scoreMatch(offer('buy', { quality: { micronaire: { min: '3.8' } } }), offer('sell', { lotValues: { micronaire: '3.6' } }), VERIFIED),
      'quality',
    );
    expect(staple.detail).toBe('staple 28.8 mm below 29 by 0.2');
    expect(staple.score).toBe(95);
    expect(mic.score).toBe(71);
  });

  it('falls to 0 far outside, and compares a seller’s stated range when it has no lot', () => {
    const far = factor(
      scoreMatch(offer('buy', { quality: { trash_pct: { max: '3' } } }), offer('sell', { lotValues: { trash_pct: '6' } }), VERIFIED),
      'quality',
    );
    expect(far.score).toBe(0);
    const ranged = factor(
      scoreMatch(
        offer('sell', { quality: { staple_mm: { min: '28', max: '29' } } }),
        offer('buy', { quality: { staple_mm: { min: '28.5', max: '30' } } }),
        VERIFIED,
      ),
      'quality',
    );
    expect(ranged.detail).toBe('staple 28–29 mm below 28.5 by 0.5');
    expect(ranged.score).toBe(88);
  });

  it('says what the seller does not state, and scores full when the buyer asks for nothing', () => {
    const unstated = factor(scoreMatch(offer('buy', { quality: { micronaire: { max: '4.2' } } }), offer('sell'), VERIFIED), 'quality');
    expect(unstated).toMatchObject({ score: 50, detail: 'mic not stated by the seller' });
    const none = factor(scoreMatch(offer('sell', { lotValues: { staple_mm: '29' } }), offer('buy'), VERIFIED), 'quality');
    expect(none).toMatchObject({ score: 100, detail: 'the buyer asks for no quality' });
  });
});

describe('price', () => {
  it('is full when the buyer bids at or above the seller, compared in one price unit', () => {
    // ₹160 per kg is ₹56,899.55 per candy: above the seller's ₹56,500.
    const price = factor(scoreMatch(offer('sell'), offer('buy', { price: '160', priceUnit: 'kg' }), VERIFIED), 'price');
    expect(price.score).toBe(100);
    expect(price.detail).toBe('buyer’s ₹56,899.55 per candy is above seller’s ₹56,500.00 per candy');
  });

  it('falls off with the gap in percent', () => {
    const price = factor(scoreMatch(offer('buy', { price: '54805' }), offer('sell'), VERIFIED), 'price');
    // 3% below → 100 − 3 × 10
    expect(price).toMatchObject({ score: 70, detail: 'buyer’s ₹54,805.00 per candy is 3% below seller’s ₹56,500.00 per candy' });
    expect(factor(scoreMatch(offer('buy', { price: '45000' }), offer('sell'), VERIFIED), 'price').score).toBe(0);
  });

  it('gives 0 with the reason when the currencies differ', () => {
    const price = factor(scoreMatch(offer('buy'), offer('sell', { currency: 'USD', price: '700' }), VERIFIED), 'price');
    expect(price).toMatchObject({ score: 0, detail: 'prices in INR and USD cannot be compared' });
  });
});

describe('quantity', () => {
  it('is the share of this offer’s remaining quantity the other covers, across units', () => {
    // 20 candies ≈ 41.8 bales of 100.
    const quantity = factor(scoreMatch(offer('buy'), offer('sell', { remainingQuantity: '20', unit: 'candy' }), VERIFIED), 'quantity');
    expect(quantity).toMatchObject({ score: 42, detail: 'covers 41.8 of 100 bales open (42%)' });
    const all = factor(scoreMatch(offer('buy'), offer('sell', { remainingQuantity: '250' }), VERIFIED), 'quantity');
    expect(all).toMatchObject({ score: 100, detail: 'covers all 100 bales open' });
  });
});

describe('location', () => {
  it('scores the same city over the same state over freight elsewhere', () => {
    const city = factor(scoreMatch(offer('buy'), offer('sell'), VERIFIED), 'location');
    expect(city).toMatchObject({ score: 100, detail: 'same city: Rajkot (GJ)' });
    const state = factor(scoreMatch(offer('buy'), offer('sell', { deliveryCity: 'Gondal' }), VERIFIED), 'location');
    expect(state).toMatchObject({ score: 70, detail: 'same state: Gondal (GJ) to Rajkot (GJ)' });
    const far = factor(
      scoreMatch(offer('buy', { deliveryStateCode: 'TN', deliveryCity: 'Coimbatore' }), offer('sell'), VERIFIED),
      'location',
    );
    expect(far).toMatchObject({ score: 30, detail: 'freight from Rajkot (GJ) to Coimbatore (TN)' });
  });

  it('takes a sell offer’s place from its lot when it names none', () => {
    const seller = offer('sell', { deliveryStateCode: null, deliveryCity: null, lotStateCode: 'GJ', lotCity: 'Rajkot' });
    expect(factor(scoreMatch(offer('buy'), seller, VERIFIED), 'location').score).toBe(100);
    const unknown = factor(scoreMatch(offer('buy'), offer('sell', { deliveryStateCode: null, deliveryCity: null }), VERIFIED), 'location');
    expect(unknown).toMatchObject({ score: 50, detail: 'place not stated by both' });
  });
});

describe('delivery', () => {
  it('is full when the periods overlap and falls off with the days apart', () => {
    const overlap = factor(
      scoreMatch(offer('buy'), offer('sell', { deliveryFrom: '2026-12-20', deliveryTo: '2027-01-05' }), VERIFIED),
      'delivery',
    );
    expect(overlap).toMatchObject({ score: 100, detail: 'delivery periods overlap by 6 days' });
    const apart = factor(
      scoreMatch(offer('buy'), offer('sell', { deliveryFrom: '2027-01-09', deliveryTo: '2027-01-20' }), VERIFIED),
      'delivery',
    );
    expect(apart).toMatchObject({ score: 50, detail: 'delivery periods 15 days apart' });
    const unknown = factor(scoreMatch(offer('buy'), offer('sell', { deliveryFrom: null, deliveryTo: null }), VERIFIED), 'delivery');
    expect(unknown.detail).toBe('delivery period not stated by both');
  });
});

describe('standing', () => {
  it('counts KYC verification and past deals of the counterparty', () => {
    const none = factor(scoreMatch(offer('buy'), offer('sell'), { limits: LIMITS, standing: { verified: false, deals: 0 } }), 'standing');
    expect(none).toMatchObject({ score: 0, detail: 'not verified, no past deals' });
    const some = factor(scoreMatch(offer('buy'), offer('sell'), { limits: LIMITS, standing: { verified: true, deals: 2 } }), 'standing');
    expect(some).toMatchObject({ score: 76, detail: 'verified, 2 past deals', contribution: 3.8 });
    const one = factor(scoreMatch(offer('buy'), offer('sell'), { limits: LIMITS, standing: { verified: false, deals: 1 } }), 'standing');
    expect(one.detail).toBe('not verified, 1 past deal');
  });
});
