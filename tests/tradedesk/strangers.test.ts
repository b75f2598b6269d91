import type { ApiKeyScope } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { callProcedure, EXAMPLE_INPUTS, procedureInventory } from '../security/inventory.ts';
import { tableFingerprints } from '../security/row-counts.ts';

// Who reaches a trade-desk record: a lot, a partners-only offer and a company's own masters belong
// to their company; the offer also reaches its owner's linked partners; a negotiation and the
// contract it made reach their two parties only. Everyone else meets NOT_FOUND for the real ids,
// with every credential, and no refused call writes a row anywhere.

let app: TestApp;
/** Owns the lot, the partners-only offer and its own masters; sells on the negotiation. */
let seller: TestCompany;
/** Linked to the seller; negotiated and holds the contract. */
let buyer: TestCompany;
/** Linked to the seller too, so it sees the offer, but not the buyer's negotiation. */
let otherPartner: TestCompany;
/** No link to anyone. */
let stranger: TestCompany;

interface RealIds {
  lotId: string;
  offerId: string;
  deskOfferId: string;
  negotiationId: string;
  contractId: string;
  variety: { id: string; version: number };
  parameter: { id: string; version: number };
  location: { id: string; version: number };
  term: { id: string; version: number };
  commission: { id: string; version: number };
}
let ids: RealIds;
let secrets: string[];

const DAY = 86_400_000;
const inDays = (days: number) => new Date(app.clock.now().getTime() + days * DAY).toISOString();

async function link(buyerCompany: TestCompany, supplier: TestCompany) {
  const request = await buyerCompany.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
}

const sellOffer = (overrides: Record<string, unknown> = {}) => ({
  side: 'sell' as const,
  commodity: 'cotton-lint',
  variety: 'shankar-6',
  quantity: '100',
  unit: 'bale' as const,
  price: '56500',
  priceUnit: 'candy' as const,
  quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.6', max: '4.2' } },
  deliveryStateCode: 'GJ',
  deliveryCity: 'Rajkot',
  validUntil: inDays(5),
  visibility: 'partners' as const,
  notes: 'STRANGER-CANARY seller notes',
  ...overrides,
});

beforeAll(async () => {
  app = await setupTestApp();
  seller = await createCompany(app, 'DeskSeller');
  buyer = await createCompany(app, 'DeskBuyer');
  otherPartner = await createCompany(app, 'DeskOther');
  stranger = await createCompany(app, 'DeskStranger');
  await link(buyer, seller);
  await link(otherPartner, seller);

  const admin = seller.members.admin.caller;
  const staff = seller.members.staff.caller;
  const variety = await admin.masters.saveVariety({ commodityCode: 'cotton-lint', code: 'stranger-s6', name: 'Stranger S-6 select' });
  const parameter = await admin.masters.saveQualityParameter({
    commodityCode: 'cotton-lint',
    code: 'stranger_neps',
    name: 'Neps',
    minAllowed: '0',
    maxAllowed: '500',
  });
  const location = await admin.masters.saveLocation({ kind: 'warehouse', code: 'STRANGER-GODOWN', name: 'Canary godown', stateCode: 'GJ' });
  const term = await admin.masters.saveTerm({ kind: 'payment', code: 'stranger-net-45', name: '45 days', paymentDays: 45 });
  const commission = await admin.masters.saveCommissionStructure({
    name: 'Canary brokerage',
    brokerName: 'Canary Brokers',
    basis: 'per_bale',
    rate: '25',
    sellerSharePct: '50',
  });

  const lot = await staff.tradedesk.lots.create({
    commodityCode: 'cotton-lint',
    varietyCode: 'shankar-6',
    bales: 100,
    netWeightKg: '17000',
    stateCode: 'GJ',
    city: 'Rajkot',
    cropYear: '2025-26',
    quality: { values: { staple_mm: '29', micronaire: '3.9' } },
    notes: 'STRANGER-CANARY lot notes',
  });
  // The partners-only offer: one deal on part of it, so it stays open with a contract behind it.
  const offer = await staff.tradedesk.offers.create(sellOffer({ lotId: lot.id }));
  const deskOffer = await staff.tradedesk.offers.create(
    sellOffer({ visibility: 'desk', variety: 'mcu-5', price: '61200', notes: 'desk offer notes' }),
  );
  const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({
    offerId: offer.id,
    terms: { price: '56000', priceUnit: 'candy', quantity: '40', unit: 'bale' },
  });
  const accepted = await staff.tradedesk.negotiations.accept({ negotiationId: opened.id, version: opened.version });
  // A second negotiation on the same offer, still running, is what the id procedures aim at.
  const running = await buyer.members.staff.caller.tradedesk.negotiations.open({
    offerId: offer.id,
    terms: { price: '56100', priceUnit: 'candy', quantity: '20', unit: 'bale' },
  });
  ids = {
    lotId: lot.id,
    offerId: offer.id,
    deskOfferId: deskOffer.id,
    negotiationId: running.id,
    contractId: accepted.contractId,
    variety,
    parameter,
    location,
    term,
    commission,
  };
  const contract = await buyer.members.viewer.caller.contracts.get({ contractId: accepted.contractId });
  secrets = [
    offer.id,
    offer.number,
    lot.id,
    lot.number,
    running.id,
    opened.id,
    accepted.contractId,
    contract.number,
    contract.counterpartyNumber,
    'STRANGER-CANARY',
    'Canary',
    'stranger-s6',
  ];
}, 600_000);
afterAll(() => app.close());

const desk = procedureInventory().filter((p) => /^(tradedesk|contracts|masters)\./.test(p.path));
// Procedures that name no record of another company: what they answer must not mention one.
// (`create`s make the caller's own record; platform masters are operators' and refused by role.)
const UNADDRESSED = [
  'contracts.list',
  'masters.commissionStructures',
  'masters.commodities',
  'masters.gstRateOn',
  'masters.gstRates',
  'masters.importLocations',
  'masters.locations',
  'masters.terms',
  'tradedesk.lots.create',
  'tradedesk.lots.list',
  'tradedesk.negotiations.list',
  'tradedesk.offers.create',
  'tradedesk.offers.list',
  'tradedesk.parse',
];
const addressed = desk.map((p) => p.path).filter((path) => !UNADDRESSED.includes(path) && !path.startsWith('masters.platform.'));
const NEGOTIATION_PROCEDURES = addressed.filter(
  (path) => path.startsWith('tradedesk.negotiations.') && path !== 'tradedesk.negotiations.open',
);
const MASTER_ROWS: Record<string, keyof RealIds> = {
  'masters.saveVariety': 'variety',
  'masters.saveQualityParameter': 'parameter',
  'masters.saveLocation': 'location',
  'masters.saveTerm': 'term',
  'masters.saveCommissionStructure': 'commission',
};

/** The example input with the ids it names replaced by the seller's real records. */
function withRealIds(path: string, input: unknown): unknown {
  const row = MASTER_ROWS[path];
  if (row) return { ...(input as object), ...(ids[row] as object) };
  if (!input || typeof input !== 'object') return input;
  const real = ids as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, typeof real[key] === 'string' ? real[key] : value]));
}

async function outcome(promise: Promise<unknown>): Promise<{ code: string; reason?: string } | { ok: unknown }> {
  try {
    return { ok: await promise };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason };
  }
}

/** Calls `path` with the real ids and proves the call changed no row anywhere. */
async function refusedWithoutWriting(caller: unknown, path: string, input = withRealIds(path, EXAMPLE_INPUTS[path]?.())) {
  // An API key stamps its last use once a minute: let that happen before the snapshot.
  await outcome(callProcedure(caller, 'companies.current', undefined));
  const before = await tableFingerprints(app);
  const result = await outcome(callProcedure(caller, path, input));
  expect(await tableFingerprints(app)).toEqual(before);
  return result;
}

let strangerKey: Caller | undefined;
async function keyCaller(company: TestCompany, scopes: ApiKeyScope[]): Promise<Caller> {
  const { key } = await company.members.owner.caller.apiKeys.create({ name: `Key ${scopes.join(' ')}`, scopes });
  return app.caller({ apiKey: key });
}

const strangers = {
  'a stranger company': () => stranger.members.owner.caller,
  "a stranger's API key with every trade-desk scope": async () => {
    strangerKey ??= await keyCaller(stranger, ['tradedesk:read', 'tradedesk:write', 'contracts:read', 'settings:write']);
    return strangerKey;
  },
};

describe('the walk covers every trade desk, contracts and masters procedure', () => {
  it('each one is either addressed by id or listed as naming no record', () => {
    expect(desk.length).toBeGreaterThanOrEqual(30);
    expect(UNADDRESSED.filter((path) => !desk.some((p) => p.path === path))).toEqual([]);
    expect(addressed).toEqual(expect.arrayContaining(['tradedesk.offers.get', 'tradedesk.negotiations.accept', 'contracts.get']));
    expect(Object.keys(MASTER_ROWS).filter((path) => !addressed.includes(path))).toEqual([]);
  });

  it('the ids are real: the owner and the parties reach every record', async () => {
    expect((await seller.members.viewer.caller.tradedesk.lots.get({ lotId: ids.lotId })).id).toBe(ids.lotId);
    expect((await buyer.members.viewer.caller.tradedesk.offers.get({ offerId: ids.offerId })).visibility).toBe('partners');
    expect((await seller.members.viewer.caller.tradedesk.negotiations.get({ negotiationId: ids.negotiationId })).status).toBe('open');
    expect((await buyer.members.viewer.caller.tradedesk.negotiations.get({ negotiationId: ids.negotiationId })).myRole).toBe(
      'counterparty',
    );
    expect((await seller.members.viewer.caller.contracts.get({ contractId: ids.contractId })).role).toBe('seller');
  });
});

describe.each(Object.entries(strangers))('%s', (_who, makeCaller) => {
  it.each(addressed)('%s on the seller’s record is NOT_FOUND and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(await makeCaller(), path);
    expect([path, result]).toEqual([path, { code: 'NOT_FOUND', reason: undefined }]);
  });

  it('lists, matches and masters never mention the seller’s records', async () => {
    const caller = await makeCaller();
    const seen = JSON.stringify([
      await caller.tradedesk.offers.list({ scope: 'desk' }),
      await caller.tradedesk.offers.list({ scope: 'desk', commodity: 'cotton-lint', side: 'sell' }),
      await caller.tradedesk.offers.list({ scope: 'mine' }),
      await caller.tradedesk.lots.list({}),
      await caller.tradedesk.negotiations.list({}),
      await caller.contracts.list({}),
      await caller.masters.commodities({}),
      await caller.masters.locations({}),
      await caller.masters.terms({}),
      await caller.masters.commissionStructures({}),
    ]);
    for (const secret of secrets) expect(seen).not.toContain(secret);
  });
});

describe('a partners-only offer never reaches a stranger', () => {
  it('is missing from its desk list while the desk offer of the same seller is there', async () => {
    const page = await stranger.members.viewer.caller.tradedesk.offers.list({ scope: 'desk', limit: 100 });
    const found = page.items.map((offer) => offer.id);
    expect(found).toContain(ids.deskOfferId);
    expect(found).not.toContain(ids.offerId);
  });

  it('is listed for a linked partner, which proves the list could show it', async () => {
    const page = await otherPartner.members.viewer.caller.tradedesk.offers.list({ scope: 'desk', limit: 100 });
    expect(page.items.map((offer) => offer.id)).toEqual(expect.arrayContaining([ids.offerId, ids.deskOfferId]));
  });

  it('never appears among the matches of a stranger’s own buy offer, though it fits', async () => {
    const caller = stranger.members.staff.caller;
    const mine = await caller.tradedesk.offers.create({
      ...sellOffer({ notes: undefined }),
      side: 'buy',
      price: '57000',
      visibility: 'desk',
    });
    const matches = await caller.tradedesk.matches({ offerId: mine.id, limit: 50 });
    const matched = matches.map((match) => match.offerId);
    expect(matched).toContain(ids.deskOfferId);
    expect(matched).not.toContain(ids.offerId);
    expect(JSON.stringify(matches)).not.toContain('STRANGER-CANARY');
    // A linked partner's buy offer does meet it.
    const partnerBuy = await otherPartner.members.staff.caller.tradedesk.offers.create({
      ...sellOffer({ notes: undefined }),
      side: 'buy',
      price: '57000',
      visibility: 'partners',
    });
    const partnerMatches = await otherPartner.members.staff.caller.tradedesk.matches({ offerId: partnerBuy.id, limit: 50 });
    expect(partnerMatches.map((match) => match.offerId)).toContain(ids.offerId);
  });

  it('cannot be negotiated on by a stranger, and the refusal writes nothing', async () => {
    const result = await refusedWithoutWriting(stranger.members.staff.caller, 'tradedesk.negotiations.open', {
      offerId: ids.offerId,
      terms: { price: '56000', priceUnit: 'candy', quantity: '10', unit: 'bale' },
    });
    expect(result).toEqual({ code: 'NOT_FOUND', reason: undefined });
  });

  it('shows another company neither the owner’s notes nor the lot’s', async () => {
    const view = await otherPartner.members.viewer.caller.tradedesk.offers.get({ offerId: ids.offerId });
    expect(view.notes).toBeNull();
    expect(view.sourceText).toBeNull();
    expect(JSON.stringify(view)).not.toContain('STRANGER-CANARY');
  });
});

describe('a negotiation is seen by its two parties only', () => {
  it.each(NEGOTIATION_PROCEDURES)('%s by a linked partner of the seller that is not a party is NOT_FOUND', async (path) => {
    const result = await refusedWithoutWriting(otherPartner.members.owner.caller, path);
    expect([path, result]).toEqual([path, { code: 'NOT_FOUND', reason: undefined }]);
  });

  it('the other partner reads the offer without the buyer’s negotiations, and lists none of them', async () => {
    const caller = otherPartner.members.viewer.caller;
    const view = await caller.tradedesk.offers.get({ offerId: ids.offerId });
    expect(view.negotiations).toEqual([]);
    const seen = JSON.stringify([
      await caller.tradedesk.negotiations.list({}),
      await caller.tradedesk.negotiations.list({ offerId: ids.offerId }),
    ]);
    expect(seen).not.toContain(ids.negotiationId);
    const contract = await outcome(caller.contracts.get({ contractId: ids.contractId }));
    expect(contract).toEqual({ code: 'NOT_FOUND', reason: undefined });
  });

  it('the seller sees every negotiation on its offer, the buyer its own', async () => {
    const owner = await seller.members.viewer.caller.tradedesk.offers.get({ offerId: ids.offerId });
    expect(owner.negotiations.map((n) => n.id)).toContain(ids.negotiationId);
    const party = await buyer.members.viewer.caller.tradedesk.offers.get({ offerId: ids.offerId });
    expect(party.negotiations.map((n) => n.id)).toContain(ids.negotiationId);
  });
});

describe('the buyer, a party to the deal, still cannot touch the seller’s own records', () => {
  const SELLER_ONLY = ['tradedesk.lots.get', 'tradedesk.lots.update', 'tradedesk.lots.archive', ...Object.keys(MASTER_ROWS)];
  it.each(SELLER_ONLY)('%s is NOT_FOUND and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(buyer.members.owner.caller, path);
    expect([path, result]).toEqual([path, { code: 'NOT_FOUND', reason: undefined }]);
  });

  // An offer the caller may see exists for it, so withdrawing it is the wrong side's move, not a
  // missing record; an offer it may not see stays NOT_FOUND (above).
  it('withdrawing the offer it negotiates on is the wrong side and writes nothing', async () => {
    const result = await refusedWithoutWriting(buyer.members.owner.caller, 'tradedesk.offers.withdraw', {
      offerId: ids.offerId,
      version: 1,
    });
    expect(result).toEqual({ code: 'CONFLICT', reason: 'WRONG_SIDE' });
  });

  it('a stranger withdrawing the desk offer it can see is the wrong side and writes nothing', async () => {
    const result = await refusedWithoutWriting(stranger.members.owner.caller, 'tradedesk.offers.withdraw', {
      offerId: ids.deskOfferId,
      version: 1,
    });
    expect(result).toEqual({ code: 'CONFLICT', reason: 'WRONG_SIDE' });
  });
});

describe('a viewer and a read-only key change nothing on their own company’s records', () => {
  const mutations = desk.filter((p) => p.type === 'mutation' && !p.path.startsWith('masters.platform.')).map((p) => p.path);
  let readOnly: Caller;
  beforeAll(async () => {
    readOnly = await keyCaller(seller, ['tradedesk:read', 'contracts:read']);
  });

  it.each(mutations)('%s as the seller’s viewer is FORBIDDEN and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(seller.members.viewer.caller, path);
    expect([path, result]).toEqual([path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }]);
  });

  it.each(mutations)('%s with a read-only key of the seller is FORBIDDEN and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(readOnly, path);
    expect([path, result]).toEqual([path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }]);
  });
});
