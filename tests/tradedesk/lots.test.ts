import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import type { TestUser } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { type DeskWorld, deskWorld, lotInput, offerInput, WORLD_TIMEOUT } from './offer-fixtures.ts';

// Tested lots: numbering, master data and the allowed quality ranges, the test report file, the
// lock a live offer puts on a lot, archiving, reads and paging.

let app: TestApp;
let world: DeskWorld;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  world = await deskWorld(app, 'Lot');
}, WORLD_TIMEOUT);
afterAll(async () => {
  await http.close();
  await app.close();
});

const ginner = () => world.ginner.members.staff.caller.tradedesk;

async function lotCount() {
  const row = await app.db
    .selectFrom('lots')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function uploaded(user: TestUser, name: string) {
  const response = await upload(http.url, `tl_session=${user.token}`, PDF, name);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('adding a lot', () => {
  it('numbers lots per company, distinct when created at once, and reads them back whole', async () => {
    const [a, b] = await Promise.all([
      ginner().lots.create(lotInput()),
      ginner().lots.create(lotInput({ bales: 50, netWeightKg: '8500' })),
    ]);
    expect([a.number, b.number].every((n) => /^LOT-\d{4}-\d{6}$/.test(n))).toBe(true);
    expect(a.number).not.toBe(b.number);
    const lot = await world.ginner.members.viewer.caller.tradedesk.lots.get({ lotId: a.id });
    expect(lot).toMatchObject({
      number: a.number,
      commodityCode: 'cotton-lint',
      commodityName: expect.any(String),
      varietyCode: 'shankar-6',
      varietyName: 'Shankar-6',
      status: 'available',
      quality: { values: { staple_mm: '29.2', micronaire: '3.8', strength_gpt: '28.5' }, colourGrade: '31-1' },
      labName: 'Rajkot Cotton Lab',
      testedOn: '2026-11-20',
      testReport: null,
      offers: [],
      version: 1,
    });
  });

  it('names the quality value outside its allowed range and writes nothing', async () => {
    const before = await lotCount();
    // The platform allows staple lengths of 20–40 mm.
    const error = await failure(ginner().lots.create(lotInput({ quality: { values: { staple_mm: '45', micronaire: '3.8' } } })));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error)).toEqual({ 'quality.values.staple_mm': ['must be between 20.000 and 40.000 mm'] });
    const unknown = await failure(ginner().lots.create(lotInput({ quality: { values: { oil_pct: '18' } } })));
    expect(fieldErrors(unknown)['quality.values.oil_pct']).toBeDefined();
    expect(await lotCount()).toBe(before);
  });

  it('checks the commodity and the variety against the masters', async () => {
    const commodity = await failure(
      ginner().lots.create(lotInput({ commodityCode: 'moon-dust', varietyCode: undefined, quality: { values: {} } })),
    );
    expect(fieldErrors(commodity).commodityCode).toBeDefined();
    const variety = await failure(ginner().lots.create(lotInput({ varietyCode: 'no-such-variety' })));
    expect(fieldErrors(variety).varietyCode).toBeDefined();
  });

  it('keeps the company’s own test report; another company’s file is not found', async () => {
    const report = await uploaded(world.ginner.members.staff, 'HVI report.pdf');
    const lot = await ginner().lots.create(lotInput({ testReportFileId: report }));
    expect((await ginner().lots.get({ lotId: lot.id })).testReport).toMatchObject({ fileId: report, name: 'HVI report.pdf' });
    const foreign = await uploaded(world.mill.members.staff, 'Not yours.pdf');
    expect((await failure(ginner().lots.create(lotInput({ testReportFileId: foreign })))).code).toBe('NOT_FOUND');
  });

  it('refuses a viewer', async () => {
    expect((await failure(world.ginner.members.viewer.caller.tradedesk.lots.create(lotInput()))).code).toBe('FORBIDDEN');
  });
});

describe('editing and archiving a lot', () => {
  it('edits an available lot whole with its version; a stale version conflicts', async () => {
    const lot = await ginner().lots.create(lotInput());
    const edited = await ginner().lots.update({
      lotId: lot.id,
      version: 1,
      ...lotInput({ bales: 80, netWeightKg: '13600', warehouse: undefined }),
    });
    expect(edited).toEqual({ id: lot.id, status: 'available', version: 2 });
    const read = await ginner().lots.get({ lotId: lot.id });
    expect(read).toMatchObject({ bales: 80, netWeightKg: '13600.000', warehouse: null });
    const stale = await failure(ginner().lots.update({ lotId: lot.id, version: 1, ...lotInput() }));
    expect([stale.code, stale.reason]).toEqual(['CONFLICT', 'STALE_VERSION']);
  });

  it('fixes a lot while an offer stands on it; withdrawing the offer frees it to edit and archive', async () => {
    const lot = await ginner().lots.create(lotInput());
    const offer = await ginner().offers.create(offerInput(app, { lotId: lot.id }));
    const offered = await ginner().lots.get({ lotId: lot.id });
    expect(offered.status).toBe('offered');
    const archive = await failure(ginner().lots.archive({ lotId: lot.id, version: offered.version }));
    expect([archive.code, archive.reason]).toEqual(['CONFLICT', 'LOT_NOT_AVAILABLE']);

    await ginner().offers.withdraw({ offerId: offer.id, version: offer.version });
    const freed = await ginner().lots.get({ lotId: lot.id });
    expect(freed.status).toBe('available');
    const archived = await ginner().lots.archive({ lotId: lot.id, version: freed.version });
    expect(archived.status).toBe('archived');
    const again = await failure(ginner().lots.archive({ lotId: lot.id, version: archived.version }));
    expect(again.reason).toBe('LOT_NOT_AVAILABLE');
  });

  it('hides another company’s lot as not found, for reading and changing', async () => {
    const lot = await ginner().lots.create(lotInput());
    const mill = world.mill.members.staff.caller.tradedesk;
    expect((await failure(mill.lots.get({ lotId: lot.id }))).code).toBe('NOT_FOUND');
    expect((await failure(mill.lots.update({ lotId: lot.id, version: 1, ...lotInput() }))).code).toBe('NOT_FOUND');
    expect((await failure(mill.lots.archive({ lotId: lot.id, version: 1 }))).code).toBe('NOT_FOUND');
  });
});

describe('listing lots', () => {
  it('pages the company’s own lots newest first, filters by status and finds by number', async () => {
    const stranger = world.stranger.members.staff.caller.tradedesk;
    const made = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(await stranger.lots.create(lotInput({ city: `Amreli ${i}` })));
      // Newest first by creation time: each lot a millisecond after the last.
      app.clock.advance(1);
    }
    const first = await stranger.lots.list({ limit: 2 });
    const second = await stranger.lots.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await stranger.lots.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    const ids = [...first.items, ...second.items, ...third.items].map((lot) => lot.id);
    expect(ids).toEqual(made.map((lot) => lot.id).reverse());
    expect(third.nextCursor).toBeNull();

    const target = made[2] as { id: string; number: string };
    expect((await stranger.lots.list({ q: target.number })).items.map((lot) => lot.id)).toEqual([target.id]);
    await stranger.lots.archive({ lotId: target.id, version: 1 });
    expect((await stranger.lots.list({})).items.map((lot) => lot.id)).not.toContain(target.id);
    expect((await stranger.lots.list({ status: 'archived' })).items.map((lot) => lot.id)).toEqual([target.id]);
    // Another company's lots never appear.
    expect((await world.mill.members.viewer.caller.tradedesk.lots.list({})).items.map((lot) => lot.id)).not.toContain(target.id);
  });

  it('refuses a cursor it did not issue', async () => {
    const error = await failure(ginner().lots.list({ cursor: 'bm90LWEtY3Vyc29y' }));
    expect(fieldErrors(error).cursor).toBeDefined();
  });
});
