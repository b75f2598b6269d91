import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tradeloom/db';
import type { DomainEventName } from '@tradeloom/shared';
import { emitEvent } from '../../server/src/modules/events/events.service.ts';
import type { TestApp } from '../harness/app.ts';

// Offers, lots, negotiations and contracts written straight to the trade desk's tables for the
// matching and notification tests, with events emitted through `emitEvent` in a transaction as the
// services do. Each test builds its own companies, so rows of other tests never interfere.

let sequence = 0;
const nextNumber = (prefix: string) => {
  sequence += 1;
  return `${prefix}-2026-${String(700000 + sequence).padStart(6, '0')}`;
};

export interface OfferRow {
  id: string;
  number: string;
  companyId: string;
}

export interface OfferFields {
  side: 'buy' | 'sell';
  quantity?: string;
  unit?: 'bale' | 'candy' | 'qtl' | 'kg';
  price?: string;
  currency?: string;
  priceUnit?: 'bale' | 'candy' | 'qtl' | 'kg';
  quality?: Record<string, { min?: string; max?: string }>;
  lotId?: string;
  deliveryStateCode?: string | null;
  deliveryCity?: string | null;
  deliveryFrom?: string | null;
  deliveryTo?: string | null;
  visibility?: 'desk' | 'partners';
  status?: 'open' | 'negotiating' | 'closed' | 'withdrawn' | 'expired';
  commodityCode?: string;
  /** Seconds ago it was posted: lists and caps order by it. */
  ageSeconds?: number;
}

/** A cotton offer of `companyId`: 100 bales at ₹56,500 per candy, delivered at Rajkot in mid December, unless told otherwise. */
export async function insertOffer(app: TestApp, companyId: string, fields: OfferFields): Promise<OfferRow> {
  const number = nextNumber('OF');
  const quantity = fields.quantity ?? '100';
  const createdAt = new Date(app.clock.now().getTime() - (fields.ageSeconds ?? 0) * 1000);
  const row = await app.db
    .insertInto('trade_offers')
    .values({
      company_id: companyId,
      number,
      side: fields.side,
      commodity_code: fields.commodityCode ?? 'cotton-lint',
      lot_id: fields.lotId ?? null,
      quantity,
      remaining_quantity: quantity,
      unit: fields.unit ?? 'bale',
      price: fields.price ?? '56500',
      currency: fields.currency ?? 'INR',
      price_unit: fields.priceUnit ?? 'candy',
      quality: JSON.stringify(fields.quality ?? {}),
      delivery_state_code: fields.deliveryStateCode === undefined ? 'GJ' : fields.deliveryStateCode,
      delivery_city: fields.deliveryCity === undefined ? 'Rajkot' : fields.deliveryCity,
      delivery_from: fields.deliveryFrom === undefined ? '2026-12-10' : fields.deliveryFrom,
      delivery_to: fields.deliveryTo === undefined ? '2026-12-25' : fields.deliveryTo,
      valid_until: new Date(app.clock.now().getTime() + 7 * 86_400_000),
      visibility: fields.visibility ?? 'desk',
      status: fields.status ?? 'open',
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number, companyId };
}

/** A tested lot of `companyId` with HVI values, e.g. `{ staple_mm: '29', micronaire: '3.8' }`. */
export async function insertLot(
  app: TestApp,
  companyId: string,
  values: Record<string, string>,
  place = { stateCode: 'GJ', city: 'Gondal' },
) {
  const row = await app.db
    .insertInto('lots')
    .values({
      company_id: companyId,
      number: nextNumber('LOT'),
      commodity_code: 'cotton-lint',
      bales: 100,
      net_weight_kg: '17000',
      state_code: place.stateCode,
      city: place.city,
      crop_year: '2025-26',
      quality: JSON.stringify({ ...values, colour_grade: '31-1' }),
      status: 'offered',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An accepted partner link, `buyerId` buying from `supplierId`. */
export async function linkPartners(app: TestApp, buyerId: string, supplierId: string): Promise<void> {
  await app.db
    .insertInto('partner_links')
    .values({
      buyer_company_id: buyerId,
      supplier_company_id: supplierId,
      status: 'accepted',
      message: null,
      blocked_by: null,
      decided_by: null,
      decided_at: app.clock.now(),
    })
    .execute();
}

export async function setVerified(app: TestApp, companyId: string): Promise<void> {
  await app.db.updateTable('companies').set({ verification_status: 'verified' }).where('id', '=', companyId).execute();
}

/** A negotiation on `offer` opened by `counterpartyId`, at `version`. */
export async function insertNegotiation(app: TestApp, offer: OfferRow, counterpartyId: string, version = 1): Promise<string> {
  const row = await app.db
    .insertInto('negotiations')
    .values({
      offer_id: offer.id,
      owner_company_id: offer.companyId,
      counterparty_company_id: counterpartyId,
      current_version: version,
      proposed_by_company_id: counterpartyId,
      expires_at: new Date(app.clock.now().getTime() + 48 * 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A contract from a deal on `offer`: `sellerId` sells to `buyerId`. */
export async function insertContract(
  app: TestApp,
  offer: OfferRow,
  negotiationId: string,
  parties: { sellerId: string; buyerId: string },
  status: 'active' | 'cancelled' = 'active',
) {
  const sellerNumber = nextNumber('SC');
  const buyerNumber = nextNumber('PC');
  const row = await app.db
    .insertInto('contracts')
    .values({
      seller_company_id: parties.sellerId,
      buyer_company_id: parties.buyerId,
      seller_number: sellerNumber,
      buyer_number: buyerNumber,
      negotiation_id: negotiationId,
      offer_id: offer.id,
      accepted_version: 1,
      commodity_code: 'cotton-lint',
      quantity: '100',
      unit: 'bale',
      price: '56500',
      currency: 'INR',
      price_unit: 'candy',
      value: '2701000.00',
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, sellerNumber, buyerNumber };
}

/** Emits a trade desk event as the services do: `recipients` are the companies to tell. */
export async function emitTradeEvent(
  app: TestApp,
  type: DomainEventName,
  entity: { type: 'trade_offer' | 'negotiation' | 'contract'; id: string },
  payload: { actorCompanyId: string; recipients: string[]; document?: string; version?: number; score?: number; matchedOfferId?: string },
): Promise<void> {
  await inTransaction(app.db, (trx) =>
    emitEvent(trx, null, { requestId: randomUUID(), ip: null, userAgent: null }, {
      type,
      companyId: payload.actorCompanyId,
      entityType: entity.type,
      entityId: entity.id,
      audience: payload.recipients,
      payload,
    } as never),
  );
}
