import { createClient, errorReason, type TradeloomOutputs } from '@tradeloom/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// The trade desk driven by two programs over HTTP, each with its company's API key: the trader's
// reads a WhatsApp message into an offer and posts it, the mill's finds it among the matches of its
// own buy offer and bids, the trader's counters, a stale accept is refused, the mill accepts the
// current version, and each reads the one contract under its own number.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const DAY = 86_400_000;
const MESSAGE = 'Sell 100 bales Shankar-6, 29 mm, mic 3.8, 28 gpt, ₹56,500 per candy ex-Rajkot, 15 days';

async function link(buyer: TestCompany, supplier: TestCompany) {
  const request = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
}

type Parsed = TradeloomOutputs['tradedesk']['parse']['offer'];
/** The parser's ranges as an offer states them: an open end is left out, not sent as null. */
function rangesOf(quality: Parsed['quality']) {
  return Object.fromEntries(
    Object.entries(quality).map(([code, range]) => [code, { min: range.min ?? undefined, max: range.max ?? undefined }]),
  );
}

it('a trader key posts a parsed message, a mill key matches and bids, and the deal becomes one contract with two numbers', async () => {
  const trader = await createCompany(app, 'SdkTrader');
  const mill = await createCompany(app, 'SdkMill');
  await link(mill, trader);
  const scopes = ['tradedesk:read', 'tradedesk:write', 'contracts:read'] as const;
  const traderKey = await trader.members.admin.caller.apiKeys.create({ name: 'desk bot', scopes: [...scopes] });
  const millKey = await mill.members.admin.caller.apiKeys.create({ name: 'erp', scopes: [...scopes] });
  const selling = createClient({ url: http.url, apiKey: traderKey.key });
  const buying = createClient({ url: http.url, apiKey: millKey.key });

  // Parse: each field with the words it came from.
  const parsed = await selling.tradedesk.parse.query({ text: MESSAGE });
  expect(parsed.offer).toMatchObject({ side: 'sell', quantity: '100', unit: 'bale', price: '56500', priceUnit: 'candy' });
  expect(parsed.offer.variety).toBe('shankar-6');
  const priceField = parsed.fields.find((field) => field.name === 'price');
  expect(priceField?.span.text).toContain('56,500');
  expect(MESSAGE.slice(priceField?.span.start, priceField?.span.end)).toBe(priceField?.span.text);

  // Post what was read, as the user confirmed it.
  const { side, quantity, unit, price, priceUnit, variety, quality } = parsed.offer;
  if (!side || !quantity || !unit || !price || !priceUnit) throw new Error('the parser missed a required field');
  const validUntil = new Date(app.clock.now().getTime() + 3 * DAY).toISOString();
  const offer = await selling.tradedesk.offers.create.mutate({
    side,
    commodity: parsed.offer.commodity ?? 'cotton-lint',
    variety: variety ?? undefined,
    quantity,
    unit,
    price,
    currency: 'INR',
    priceUnit,
    quality: rangesOf(quality),
    deliveryCity: parsed.offer.deliveryCity ?? undefined,
    deliveryStateCode: parsed.offer.deliveryStateCode ?? undefined,
    paymentDays: parsed.offer.paymentDays ?? undefined,
    validUntil,
    visibility: 'partners',
    sourceText: MESSAGE,
    idempotencyKey: 'sdk-offer-000001',
  });
  expect(offer.number).toMatch(/^OF-\d{4}-\d{6}$/);
  // A retried post with the same key is the same offer.
  const again = await selling.tradedesk.offers.create.mutate({
    side,
    commodity: parsed.offer.commodity ?? 'cotton-lint',
    variety: variety ?? undefined,
    quantity,
    unit,
    price,
    currency: 'INR',
    priceUnit,
    quality: rangesOf(quality),
    deliveryCity: parsed.offer.deliveryCity ?? undefined,
    deliveryStateCode: parsed.offer.deliveryStateCode ?? undefined,
    paymentDays: parsed.offer.paymentDays ?? undefined,
    validUntil,
    visibility: 'partners',
    sourceText: MESSAGE,
    idempotencyKey: 'sdk-offer-000001',
  });
  expect(again.id).toBe(offer.id);

  // The mill's own buy offer finds the trader's among its matches, with each factor's part.
  const wanted = await buying.tradedesk.offers.create.mutate({
    side: 'buy',
    commodity: 'cotton-lint',
    variety: 'shankar-6',
    quantity: '200',
    unit: 'bale',
    price: '57000',
    priceUnit: 'candy',
    quality: { staple_mm: { min: '28.5' }, micronaire: { min: '3.6', max: '4.2' } },
    validUntil,
    visibility: 'desk',
  });
  const matches = await buying.tradedesk.matches.query({ offerId: wanted.id });
  const match = matches.find((row) => row.offerId === offer.id);
  expect(match).toBeDefined();
  expect(match?.factors.map((factor) => factor.name).sort()).toEqual(['delivery', 'location', 'price', 'quality', 'quantity', 'standing']);
  expect(match?.factors.reduce((sum, factor) => sum + factor.weight, 0)).toBe(100);
  expect(match?.score).toBe(Math.round(match?.factors.reduce((sum, factor) => sum + factor.contribution, 0) ?? -1));
  // The mill never sees the trader's source text or notes.
  const seen = await buying.tradedesk.offers.get.query({ offerId: offer.id });
  expect(seen).toMatchObject({ mine: false, sourceText: null, canNegotiate: true });

  // Negotiate: the mill bids on 40 bales, the trader counters on price.
  const terms = { price: '56000', priceUnit: 'candy', quantity: '40', unit: 'bale', quantityTolerancePct: '2' } as const;
  const opened = await buying.tradedesk.negotiations.open.mutate({ offerId: offer.id, terms, message: 'For the December mixing.' });
  expect(opened.version).toBe(1);
  const notMyTurn = await buying.tradedesk.negotiations.accept
    .mutate({ negotiationId: opened.id, version: 1 })
    .catch((error: unknown) => error);
  expect(errorReason(notMyTurn)).toBe('NOT_YOUR_TURN');
  const countered = await selling.tradedesk.negotiations.counter.mutate({
    negotiationId: opened.id,
    version: opened.version,
    terms: { ...terms, price: '56300' },
  });
  expect(countered.version).toBe(2);
  const view = await buying.tradedesk.negotiations.get.query({ negotiationId: opened.id });
  expect(view).toMatchObject({ yourTurn: true, currentVersion: 2 });
  expect(
    view.rounds
      .at(-1)
      ?.changes.map((change) => change.field)
      .join(' '),
  ).toMatch(/price/i);
  expect(view.allowedActions).toEqual(expect.arrayContaining(['accept', 'counter', 'reject']));

  // Accepting the version the mill first saw is a conflict; the current one makes the contract.
  const stale = await buying.tradedesk.negotiations.accept
    .mutate({ negotiationId: opened.id, version: 1 })
    .catch((error: unknown) => error);
  expect(errorReason(stale)).toBe('STALE_VERSION');
  const { contractId } = await buying.tradedesk.negotiations.accept.mutate({ negotiationId: opened.id, version: 2 });

  // One contract, each side under its own number, with the accepted terms.
  const sale = await selling.contracts.get.query({ contractId });
  const purchase = await buying.contracts.get.query({ contractId });
  expect(sale).toMatchObject({ role: 'seller', number: expect.stringMatching(/^SC-/), counterparty: { id: mill.id } });
  expect(purchase).toMatchObject({ role: 'buyer', number: expect.stringMatching(/^PC-/), counterparty: { id: trader.id } });
  expect(sale.counterpartyNumber).toBe(purchase.number);
  expect(purchase.counterpartyNumber).toBe(sale.number);
  expect(purchase).toMatchObject({ quantity: '40.000', unit: 'bale', price: '56300.00', priceUnit: 'candy', acceptedVersion: 2 });
  expect(purchase.quantityMin).toBe('39.200');
  expect(purchase.quantityMax).toBe('40.800');
  expect((await selling.contracts.list.query({ role: 'sales' })).items.map((row) => row.id)).toEqual([contractId]);
  expect((await buying.contracts.list.query({ role: 'purchases' })).items.map((row) => row.id)).toEqual([contractId]);
  expect((await buying.contracts.list.query({ role: 'sales' })).items).toEqual([]);

  // A part deal: 60 bales stay on the desk.
  const rest = await selling.tradedesk.offers.get.query({ offerId: offer.id });
  expect(rest.remainingQuantity).toBe('60.000');
  expect(rest.status).toBe('open');
}, 120_000);
