import { randomUUID } from 'node:crypto';
import type { NegotiationTermsInput } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// Offers to negotiate on, put on the desk as rows (the offers service has its own tests), and the
// terms a counterparty proposes. Every world makes its own companies.

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export interface TestOffer {
  id: string;
  number: string;
}

export interface OfferRowOptions {
  side?: 'buy' | 'sell';
  quantity?: string;
  unit?: 'bale' | 'candy' | 'qtl' | 'kg';
  price?: string;
  priceUnit?: 'bale' | 'candy' | 'qtl' | 'kg';
  visibility?: 'partners' | 'desk';
  validForMs?: number;
  lotId?: string;
  status?: 'open' | 'withdrawn';
}

/** A live offer of `owner`'s on the desk: 100 bales of cotton lint at ₹56,500 per candy, valid a week. */
export async function insertOffer(app: TestApp, owner: TestCompany, options: OfferRowOptions = {}): Promise<TestOffer> {
  const quantity = options.quantity ?? '100';
  const row = await app.db
    .insertInto('trade_offers')
    .values({
      company_id: owner.id,
      number: `OF-T-${randomUUID().slice(0, 8)}`,
      side: options.side ?? 'sell',
      commodity_code: 'cotton-lint',
      variety_code: 'shankar-6',
      lot_id: options.lotId ?? null,
      quantity,
      remaining_quantity: quantity,
      unit: options.unit ?? 'bale',
      price: options.price ?? '56500',
      currency: 'INR',
      price_unit: options.priceUnit ?? 'candy',
      quality: JSON.stringify({ staple_mm: { min: '28.5', max: '30' } }),
      delivery_state_code: 'GJ',
      delivery_city: 'Rajkot',
      valid_until: new Date(app.clock.now().getTime() + (options.validForMs ?? 7 * DAY)),
      visibility: options.visibility ?? 'desk',
      status: options.status ?? 'open',
      updated_at: app.clock.now(),
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  return row;
}

/** A tested lot of `owner`'s, for a sell offer. */
export async function insertLot(app: TestApp, owner: TestCompany): Promise<{ id: string }> {
  return app.db
    .insertInto('lots')
    .values({
      company_id: owner.id,
      number: `LOT-T-${randomUUID().slice(0, 8)}`,
      commodity_code: 'cotton-lint',
      bales: 100,
      net_weight_kg: '17000',
      state_code: 'GJ',
      city: 'Rajkot',
      crop_year: '2025-26',
      quality: JSON.stringify({ staple_mm: '29.2', micronaire: '3.9' }),
      status: 'offered',
      updated_at: app.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Terms for `quantity` bales at `price` per candy, delivered in December. */
export function terms(overrides: Partial<NegotiationTermsInput> = {}): NegotiationTermsInput {
  return {
    price: '56000',
    priceUnit: 'candy',
    quantity: '100',
    unit: 'bale',
    quality: { staple_mm: { min: '29', max: '30' } },
    deliveryStateCode: 'GJ',
    deliveryCity: 'Rajkot',
    deliveryFrom: '2026-12-10',
    deliveryTo: '2026-12-31',
    paymentDays: 15,
    ...overrides,
  };
}

/** A seller with a sell offer on the desk and a buyer (a stranger to it: no link needed for `desk`). */
export async function dealWorld(app: TestApp, label: string, options: OfferRowOptions = {}) {
  // One after the other: sign-ins read the harness's last cookie.
  const seller = await createCompany(app, `${label}Seller`);
  const buyer = await createCompany(app, `${label}Buyer`);
  const offer = await insertOffer(app, seller, options);
  return { seller, buyer, offer };
}

export const offerRow = (app: TestApp, offerId: string) =>
  app.db.selectFrom('trade_offers').select(['status', 'remaining_quantity', 'version']).where('id', '=', offerId).executeTakeFirstOrThrow();

export const negotiationRow = (app: TestApp, id: string) =>
  app.db.selectFrom('negotiations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
