import type { CreateOfferInput } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// A trade desk world for lots and offers: a ginner (trader) linked to a spinning mill as its
// supplier, and a stranger linked to nobody. Helpers for valid lot and offer inputs.

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** Building the world signs up 15 members (real password hashing): give `beforeAll` this long. */
export const WORLD_TIMEOUT = 240_000;

export interface DeskWorld {
  /** Sells cotton; an accepted link makes it the mill's supplier. */
  ginner: TestCompany;
  mill: TestCompany;
  /** Linked to nobody. */
  stranger: TestCompany;
}

export async function deskWorld(app: TestApp, label = 'Desk'): Promise<DeskWorld> {
  const [ginner, mill, stranger] = await Promise.all([
    createCompany(app, `${label}Gin`),
    createCompany(app, `${label}Mill`),
    createCompany(app, `${label}Stranger`),
  ]);
  const request = await mill.members.staff.caller.partners.requestLink({ supplierId: ginner.id });
  await ginner.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
  return { ginner, mill, stranger };
}

/** A tested Shankar-6 lot in Rajkot: 100 bales of 170 kg. */
export function lotInput(overrides: Record<string, unknown> = {}) {
  return {
    commodityCode: 'cotton-lint',
    varietyCode: 'shankar-6',
    bales: 100,
    netWeightKg: '17000',
    stateCode: 'GJ',
    city: 'Rajkot',
    warehouse: 'Gondal Road godown 4',
    cropYear: '2025-26',
    quality: { values: { staple_mm: '29.2', micronaire: '3.8', strength_gpt: '28.5' }, colourGrade: '31-1' },
    labName: 'Rajkot Cotton Lab',
    testedOn: '2026-11-20',
    ...overrides,
  };
}

/** A sell offer of 100 bales at ₹56,500 per candy ex-Rajkot, valid two days by the app's clock, on the whole desk. */
export function offerInput(app: TestApp, overrides: Partial<CreateOfferInput> = {}): CreateOfferInput {
  return {
    side: 'sell',
    commodity: 'cotton-lint',
    variety: 'shankar-6',
    quantity: '100',
    unit: 'bale',
    price: '56500',
    currency: 'INR',
    priceUnit: 'candy',
    quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.5', max: '4.2' } },
    deliveryStateCode: 'GJ',
    deliveryCity: 'Rajkot',
    deliveryTerm: 'ex-gin',
    paymentTerm: 'net-15',
    validUntil: new Date(app.clock.now().getTime() + 2 * DAY),
    visibility: 'desk',
    ...overrides,
  };
}

/** A negotiation the counterparty opened on the offer, written as the negotiation service writes it (round 1 by the opener). */
export async function openNegotiationRow(app: TestApp, offer: { id: string; ownerId: string }, counterpartyId: string) {
  const negotiation = await app.db
    .insertInto('negotiations')
    .values({
      offer_id: offer.id,
      owner_company_id: offer.ownerId,
      counterparty_company_id: counterpartyId,
      proposed_by_company_id: counterpartyId,
      expires_at: new Date(app.clock.now().getTime() + DAY),
      updated_at: app.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const terms = {
    price: '56000',
    priceUnit: 'candy',
    currency: 'INR',
    quantity: '50',
    unit: 'bale',
    quality: {},
    deliveryStateCode: null,
    deliveryCity: null,
    deliveryTerm: null,
    deliveryFrom: null,
    deliveryTo: null,
    paymentDays: null,
    paymentTerm: null,
    quantityTolerancePct: null,
    termsCode: null,
    commission: null,
    deliverySchedule: [],
  };
  await app.db
    .insertInto('negotiation_rounds')
    .values({ negotiation_id: negotiation.id, version: 1, company_id: counterpartyId, terms: JSON.stringify(terms) })
    .execute();
  await app.db.updateTable('trade_offers').set({ status: 'negotiating' }).where('id', '=', offer.id).execute();
  return negotiation.id;
}
