import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseProcedure, createCallerFactory, router } from '../../server/src/trpc/init.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { type PartyRecords, partyRecords } from './party-records.ts';
import { rowCounts } from './row-counts.ts';

// Each of these once answered 500: every one must be a 400 naming the field, with
// nothing written.

let app: TestApp;
let co: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  co = await createCompany(app, 'Hostile');
});
afterAll(() => app.close());

/** Runs `call`, expects BAD_REQUEST naming `field` (top-level) and the issue at `path`, and no write. */
async function refusedWithoutWrite(call: () => Promise<unknown>, field: string, path = field) {
  const before = await rowCounts(app);
  const error = await failure(call());
  expect(error.code).toBe('BAD_REQUEST');
  expect(Object.keys(fieldErrors(error))).toContain(field);
  const issues = (error.cause as unknown as { issues: { path: PropertyKey[] }[] }).issues;
  expect(issues.map((issue) => issue.path.join('.'))).toContain(path);
  expect(await rowCounts(app)).toEqual(before);
  return error;
}

const NUL = 'a\u0000b';

describe('NUL bytes (PostgreSQL text cannot hold them)', () => {
  it('refuses a NUL in a profile name, naming the field and leaving the name alone', async () => {
    const owner = co.members.owner;
    await refusedWithoutWrite(() => owner.caller.auth.updateProfile({ name: NUL }), 'name');
    const user = await app.db.selectFrom('users').select('name').where('id', '=', owner.id).executeTakeFirstOrThrow();
    expect(user.name).not.toContain('\u0000');
  });

  it('refuses a NUL in every search box', async () => {
    const caller = co.members.owner.caller;
    await refusedWithoutWrite(() => caller.catalog.products.list({ search: NUL }), 'search');
    await refusedWithoutWrite(() => caller.catalog.browse({ supplierId: co.id, search: NUL }), 'search');
    await refusedWithoutWrite(() => caller.partners.directory({ search: NUL }), 'search');
    await refusedWithoutWrite(() => caller.partners.list({ search: NUL }), 'search');
    await refusedWithoutWrite(() => caller.orders.list({ side: 'purchase', search: NUL }), 'search');
    await refusedWithoutWrite(() => caller.audit.list({ action: NUL }), 'action');
  });

  it('refuses a NUL inside the catalog import CSV and in nested fields', async () => {
    const caller = co.members.owner.caller;
    await refusedWithoutWrite(() => caller.catalog.import({ csv: `sku,name,unit,price\nN-1,Ya${NUL},kg,1`, dryRun: false }), 'csv');
    await refusedWithoutWrite(
      () => caller.production.workOrders.create({ description: 'Run', quantity: '1', unit: 'kg', operations: [{ name: NUL }] }),
      'operations.0.name',
    );
  });

  it('refuses a lone UTF-16 surrogate, which PostgreSQL cannot store either', async () => {
    await refusedWithoutWrite(() => co.members.owner.caller.auth.updateProfile({ name: 'a\uD800b' }), 'name');
  });

  it('refuses a NUL in a JSON key, which no schema would look at', async () => {
    const input = { name: 'Keyed Co', country: 'IN', [`evil${NUL}`]: 1 };
    await refusedWithoutWrite(() => co.members.owner.caller.companies.create(input), 'evila\\u0000b');
  });
});

describe('numbers beyond their column', () => {
  it('refuses quantities, prices and rates that overflow numeric columns or break a CHECK', async () => {
    const { buyer, supplier } = await tradingPair(app, 'Overflow');
    const line = { description: 'Yarn', quantity: '1', unit: 'kg', unitPrice: '1' };
    const order = (patch: Record<string, string>) =>
      buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [{ ...line, ...patch }] });
    await refusedWithoutWrite(() => order({ quantity: '99999999999999', unitPrice: '99999999999999' }), 'lines', 'lines.0.unitPrice');
    await refusedWithoutWrite(() => order({ quantity: '9999999999999999' }), 'lines', 'lines.0.quantity');
    await refusedWithoutWrite(() => order({ taxRate: '1000' }), 'lines', 'lines.0.taxRate');
    await refusedWithoutWrite(() => order({ taxRate: '100.01' }), 'lines', 'lines.0.taxRate');
    await refusedWithoutWrite(() => order({ quantity: '0.000' }), 'lines', 'lines.0.quantity');
    const product = { sku: 'OV-1', name: 'Yarn', unit: 'kg', currency: 'INR' };
    await refusedWithoutWrite(
      () => supplier.members.staff.caller.catalog.products.create({ ...product, price: '999999999999999' }),
      'price',
    );
    await refusedWithoutWrite(() => supplier.members.staff.caller.catalog.products.create({ ...product, price: '1.00001' }), 'price');
  });

  it('refuses a row version past its int4 column', async () => {
    await refusedWithoutWrite(
      () => co.members.owner.caller.companies.update({ companyId: co.id, version: 2 ** 31, name: 'Renamed' }),
      'version',
    );
  });

  it('refuses a work order operation planned for zero', async () => {
    const run = { description: 'Run', quantity: '10', unit: 'kg' };
    await refusedWithoutWrite(
      () => co.members.owner.caller.production.workOrders.create({ ...run, operations: [{ name: 'Spin', plannedQuantity: '0' }] }),
      'operations',
      'operations.0.plannedQuantity',
    );
  });
});

describe('dates outside any sensible range', () => {
  it('refuses order dates in year 1, before the epoch of JavaScript dates, in 1900 and in 9999', async () => {
    const { buyer, supplier } = await tradingPair(app, 'Dates');
    const line = { description: 'Yarn', quantity: '1', unit: 'kg', unitPrice: '1' };
    for (const orderDate of ['0001-01-01', '-271821-04-20', '1900-06-01', '9999-12-31']) {
      await refusedWithoutWrite(
        () => buyer.members.staff.caller.orders.create({ supplierId: supplier.id, orderDate, lines: [line] }),
        'orderDate',
      );
    }
  });

  it('refuses a certificate valid from year 1, an audit filter at the end of time, and a 200-year financial year', async () => {
    const caller = co.members.owner.caller;
    const certificate = { standard: 'GOTS' as const, number: 'C-1', issuer: 'Control Union', validTo: '2027-01-01' };
    await refusedWithoutWrite(() => caller.kyc.certifications.add({ ...certificate, validFrom: '0001-01-01' }), 'validFrom');
    await refusedWithoutWrite(() => caller.audit.list({ from: '-271821-04-20' as unknown as Date }), 'from');
    await refusedWithoutWrite(
      () => caller.settings.financialYears.create({ label: 'FY long', startsOn: '2030-04-01', endsOn: '2230-03-31' }),
      'endsOn',
    );
    // Twelve months, and a transitional year up to eighteen, still pass.
    await caller.settings.financialYears.create({ label: 'FY 2040', startsOn: '2040-04-01', endsOn: '2041-03-31' });
    await caller.settings.financialYears.create({ label: 'FY long 42', startsOn: '2042-01-01', endsOn: '2043-06-30' });
  });

  it('refuses a work order due before it starts, on create and on update', async () => {
    const caller = co.members.owner.caller;
    const run = { description: 'Run', quantity: '10', unit: 'kg', operations: [{ name: 'Spin' }] };
    await refusedWithoutWrite(
      () => caller.production.workOrders.create({ ...run, plannedStart: '2030-05-10', dueDate: '2030-05-01' }),
      'dueDate',
    );
    const created = await caller.production.workOrders.create({ ...run, plannedStart: '2030-05-10', dueDate: '2030-05-20' });
    await refusedWithoutWrite(
      () => caller.production.workOrders.update({ workOrderId: created.id, version: created.version, dueDate: '2030-05-01' }),
      'dueDate',
    );
  });
});

describe('forged cursors and tokens', () => {
  const forged = [
    Buffer.from(JSON.stringify(['name', "1' or 1=1"])).toString('base64url'),
    Buffer.from(JSON.stringify([{ nested: true }, 1])).toString('base64url'),
    Buffer.from(JSON.stringify(['a\u0000', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
    'x'.repeat(5000),
    'not base64 at all!',
  ];

  it('refuses a forged keyset cursor on every paged list, naming cursor', async () => {
    const caller = co.members.owner.caller;
    const { buyer, supplier } = await tradingPair(app, 'Cursor');
    for (const cursor of forged) {
      await refusedWithoutWrite(() => caller.catalog.products.list({ cursor }), 'cursor');
      await refusedWithoutWrite(() => buyer.members.viewer.caller.catalog.browse({ supplierId: supplier.id, cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.partners.directory({ cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.orders.list({ side: 'sales', cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.production.workOrders.list({ cursor }), 'cursor');
    }
    for (const cursor of ['99999999999999999999', '0', '-1']) {
      await refusedWithoutWrite(() => caller.audit.list({ cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.notifications.list({ cursor }), 'cursor');
    }
  });

  it('refuses invitation and email tokens that are not token-shaped before the database', async () => {
    const caller = co.members.owner.caller;
    const notAnId = `${'-'.repeat(36)}.bbbbbbbbbbbb`;
    await refusedWithoutWrite(() => app.caller().companies.previewInvite({ token: notAnId }), 'token');
    await refusedWithoutWrite(() => caller.companies.acceptInvite({ token: notAnId }), 'token');
    await refusedWithoutWrite(() => caller.companies.acceptInvite({ token: 'z'.repeat(199) }), 'token');
    await refusedWithoutWrite(() => app.caller().auth.verifyEmail({ token: 'aaaaaaaaaaaa.bb bb' }), 'token');
    await refusedWithoutWrite(() => app.caller().auth.resetPassword({ token: 'no-dot-here', password: 'a long passphrase' }), 'token');
    await refusedWithoutWrite(() => caller.auth.revokeSession({ sessionId: 'bad id!' }), 'sessionId');
  });
});

describe('database data errors that slip past validation', () => {
  // A procedure with no schema, as a future one might be: the database's refusal is still a 400.
  const probe = router({
    cast: baseProcedure.query(({ ctx }) => sql`select 'not a uuid'::uuid`.execute(ctx.deps.db)),
    overflow: baseProcedure.query(({ ctx }) => sql`select 99999999999999999999::numeric(18,2)`.execute(ctx.deps.db)),
    bug: baseProcedure.query(() => {
      throw new Error('a real bug');
    }),
  });

  it('answers BAD_REQUEST without SQL for invalid text and numeric overflow, and still 500 for a bug', async () => {
    const probeCaller = createCallerFactory(probe)({
      deps: app.deps,
      request: { requestId: 'probe', ip: '203.0.113.7', userAgent: 'vitest' },
      credentials: { sessionToken: null, apiKey: null },
      cookies: { set: () => {}, clear: () => {} },
    });
    for (const call of [() => probeCaller.cast(), () => probeCaller.overflow()]) {
      const error = await failure(call());
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).not.toMatch(/select|uuid|numeric/i);
    }
    expect((await failure(probeCaller.bug())).code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('the trade desk’s numbers, ranges and cursors', () => {
  const offer = {
    side: 'sell' as const,
    commodity: 'cotton-lint',
    quantity: '100',
    unit: 'bale' as const,
    price: '56500',
    priceUnit: 'candy' as const,
    validUntil: '2090-01-01T10:00:00Z',
    visibility: 'desk' as const,
  };
  const lot = { commodityCode: 'cotton-lint', bales: 10, netWeightKg: '1700', stateCode: 'GJ', city: 'Rajkot', cropYear: '2025-26' };

  it('refuses offer quantities and prices beyond numeric(14,3) and numeric(14,2), and a negative or zero one', async () => {
    const create = (patch: Record<string, unknown>) => co.members.staff.caller.tradedesk.offers.create({ ...offer, ...patch });
    await refusedWithoutWrite(() => create({ quantity: '99999999999999' }), 'quantity');
    await refusedWithoutWrite(() => create({ quantity: '0.000' }), 'quantity');
    await refusedWithoutWrite(() => create({ price: '-56500' }), 'price');
    await refusedWithoutWrite(() => create({ price: '56500.001' }), 'price');
    await refusedWithoutWrite(() => create({ validUntil: '9999-12-31T00:00:00Z' }), 'validUntil');
    await refusedWithoutWrite(() => create({ deliveryFrom: '2090-02-01', deliveryTo: '2090-01-01' }), 'deliveryTo');
  });

  it('refuses quality beyond its column, an upside-down range and a parameter code that is not one', async () => {
    const create = (quality: unknown) => co.members.staff.caller.tradedesk.offers.create({ ...offer, quality } as never);
    await refusedWithoutWrite(() => create({ staple_mm: { min: '123456.5' } }), 'quality', 'quality.staple_mm.min');
    await refusedWithoutWrite(() => create({ staple_mm: { min: '30', max: '28' } }), 'quality', 'quality.staple_mm.max');
    await refusedWithoutWrite(() => create({ staple_mm: {} }), 'quality', 'quality.staple_mm');
    await refusedWithoutWrite(() => create({ "staple'; drop": { min: '28' } }), 'quality', "quality.staple'; drop");
    const lotCreate = (patch: Record<string, unknown>) => co.members.staff.caller.tradedesk.lots.create({ ...lot, ...patch } as never);
    await refusedWithoutWrite(() => lotCreate({ quality: { values: { micronaire: '99999999' } } }), 'quality', 'quality.values.micronaire');
    await refusedWithoutWrite(() => lotCreate({ netWeightKg: '999999999999999' }), 'netWeightKg');
    await refusedWithoutWrite(() => lotCreate({ bales: 2 ** 31 }), 'bales');
    await refusedWithoutWrite(() => lotCreate({ cropYear: '2025-27' }), 'cropYear');
  });

  it('refuses negotiation terms beyond their columns before looking for the offer', async () => {
    const open = (terms: Record<string, unknown>) =>
      co.members.staff.caller.tradedesk.negotiations.open({
        offerId: '00000000-0000-4000-8000-000000000000',
        terms: { price: '56000', priceUnit: 'candy', quantity: '10', unit: 'bale', ...terms } as never,
      });
    await refusedWithoutWrite(() => open({ quantityTolerancePct: '20.01' }), 'terms', 'terms.quantityTolerancePct');
    await refusedWithoutWrite(
      () => open({ commission: { brokerName: 'B', basis: 'per_bale', rate: '1e308', sellerSharePct: '50' } }),
      'terms',
      'terms.commission.rate',
    );
    await refusedWithoutWrite(
      () => open({ deliverySchedule: [{ dueFrom: '2090-02-01', dueTo: '2090-01-01', quantity: '10' }] }),
      'terms',
      'terms.deliverySchedule.0.dueTo',
    );
    await refusedWithoutWrite(() => open({ paymentDays: 2 ** 31 }), 'terms', 'terms.paymentDays');
  });

  it('refuses a forged cursor on every trade desk, contracts and masters list', async () => {
    const caller = co.members.owner.caller;
    for (const cursor of [Buffer.from(JSON.stringify(['x', "1' or 1=1"])).toString('base64url'), 'x'.repeat(5000), 'not base64 at all!']) {
      await refusedWithoutWrite(() => caller.tradedesk.offers.list({ cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.tradedesk.lots.list({ cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.tradedesk.negotiations.list({ cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.contracts.list({ cursor }), 'cursor');
      await refusedWithoutWrite(() => caller.masters.locations({ cursor }), 'cursor');
    }
  });
});

describe('message bodies and complaint descriptions', () => {
  // Markup is kept as the text the person typed (the screens draw it as text); what the
  // database cannot hold, or the limits refuse, is a 400 naming the field with nothing written.
  const MARKUP = '<script>alert(1)</script><img src=x onerror=alert(2)> <a href="javascript:alert(3)">pay</a> {{7*7}}';

  let pair: PartyRecords;
  beforeAll(async () => {
    pair = await partyRecords(app, 'HostileText');
  });

  it('refuses a NUL, a lone surrogate, an empty and an oversized body or description', async () => {
    const buyer = pair.buyer.members.staff.caller;
    const send = (body: string) => buyer.messaging.messages.send({ conversationId: pair.ids.conversationId, body });
    const file = (description: string) =>
      buyer.support.complaints.file({ about: { type: 'order', id: pair.ids.orderId }, category: 'quality', description });
    const start = (body: string) => buyer.messaging.conversations.start({ partnerCompanyId: pair.supplier.id, body });
    for (const bad of [NUL, 'a\uD800b', '   ', 'x'.repeat(4001)]) {
      await refusedWithoutWrite(() => send(bad), 'body');
      await refusedWithoutWrite(() => start(bad), 'body');
      await refusedWithoutWrite(() => file(bad), 'description');
      await refusedWithoutWrite(() => buyer.messaging.messages.edit({ messageId: pair.ids.messageId, body: bad }), 'body');
      await refusedWithoutWrite(() => buyer.support.complaints.addNote({ complaintId: pair.ids.complaintId, body: bad }), 'body');
    }
    await refusedWithoutWrite(() => buyer.messaging.conversations.search({ q: NUL }), 'q');
    await refusedWithoutWrite(() => buyer.support.complaints.list({ q: NUL }), 'q');
  });

  it('refuses a claimed amount beyond numeric(18,2), negative or with three decimals', async () => {
    const file = (amountClaimed: string) =>
      pair.buyer.members.staff.caller.support.complaints.file({
        about: { type: 'order', id: pair.ids.orderId },
        category: 'quality',
        description: 'Short staple',
        amountClaimed,
      });
    for (const amount of ['99999999999999999999', '-1', '1.001', '1e308']) await refusedWithoutWrite(() => file(amount), 'amountClaimed');
  });

  it('keeps markup as plain text: the other party reads exactly what was typed', async () => {
    const sent = await pair.buyer.members.staff.caller.messaging.messages.send({ conversationId: pair.ids.conversationId, body: MARKUP });
    const filed = await pair.buyer.members.staff.caller.support.complaints.file({
      about: { type: 'order', id: pair.ids.orderId },
      category: 'other',
      description: MARKUP,
    });
    const supplier = pair.supplier.members.viewer.caller;
    const [newest] = (await supplier.messaging.messages.list({ conversationId: pair.ids.conversationId })).items;
    expect(newest).toMatchObject({ id: sent.id, body: MARKUP });
    expect((await supplier.support.complaints.get({ complaintId: filed.id })).description).toBe(MARKUP);
  });
});
