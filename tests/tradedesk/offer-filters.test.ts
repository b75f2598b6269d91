import type { CreateOfferInput } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { type DeskWorld, deskWorld, lotInput, offerInput, WORLD_TIMEOUT } from './offer-fixtures.ts';

// The desk's filters, on a fresh database the file fills itself: side, commodity, variety, place,
// price bounds in any unit (converted in SQL), quality ranges that overlap, and keyset paging.

let app: TestApp;
let world: DeskWorld;
const ids: Record<string, string> = {};
beforeAll(async () => {
  app = await setupTestApp();
  world = await deskWorld(app, 'Flt');
  const post = async (name: string, overrides: Partial<CreateOfferInput>) => {
    ids[name] = (await world.ginner.members.staff.caller.tradedesk.offers.create(offerInput(app, overrides))).id;
    // Newest first by creation time: each offer a millisecond after the last.
    app.clock.advance(1);
  };
  const lot = await world.ginner.members.staff.caller.tradedesk.lots.create(lotInput());
  // ₹56,500 a candy is ₹158.88 a kg.
  await post('rajkotCandy', {});
  // ₹150 a kg is ₹53,343 a candy.
  await post('akolaKg', {
    price: '150',
    priceUnit: 'kg',
    deliveryStateCode: 'MH',
    deliveryCity: 'Akola',
    variety: 'mcu-5',
    quality: { staple_mm: { min: '26', max: '27.5' } },
  });
  // ₹16,500 a quintal is ₹165 a kg, ₹58,678 a candy; no staple range, but its lot measured 29.2 mm.
  await post('lotQuintal', { price: '16500', priceUnit: 'qtl', lotId: lot.id, quality: { micronaire: { min: '3.5' } } });
  await post('buyAnything', { side: 'buy', quality: {}, deliveryCity: 'Coimbatore', deliveryStateCode: 'TN' });
  await post('seed', { commodity: 'cotton-seed', variety: undefined, quality: { oil_pct: { min: '16' } }, deliveryCity: 'Rajkot' });
}, WORLD_TIMEOUT);
afterAll(() => app.close());

type Filters = Parameters<DeskWorld['mill']['members']['viewer']['caller']['tradedesk']['offers']['list']>[0];
async function found(filters: Filters) {
  const page = await world.mill.members.viewer.caller.tradedesk.offers.list({ limit: 100, ...filters });
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return page.items.map((offer) => byId[offer.id]).sort();
}

describe('desk filters', () => {
  it('filters by side, commodity, variety, state and city (any case)', async () => {
    expect(await found({ side: 'buy' })).toEqual(['buyAnything']);
    expect(await found({ commodity: 'cotton-seed' })).toEqual(['seed']);
    expect(await found({ variety: 'mcu-5' })).toEqual(['akolaKg']);
    expect(await found({ stateCode: 'MH' })).toEqual(['akolaKg']);
    expect(await found({ city: 'RAJKOT', commodity: 'cotton-lint' })).toEqual(['lotQuintal', 'rajkotCandy']);
  });

  it('compares prices in the filter’s unit, whatever unit each offer is priced in', async () => {
    expect(await found({ commodity: 'cotton-lint', side: 'sell', priceUnit: 'kg', priceMin: '155', priceMax: '160' })).toEqual([
      'rajkotCandy',
    ]);
    expect(await found({ commodity: 'cotton-lint', side: 'sell', priceMax: '54000' })).toEqual(['akolaKg']);
    expect(await found({ commodity: 'cotton-lint', side: 'sell', priceMin: '58000' })).toEqual(['lotQuintal']);
    // Per quintal: 15,887.6 < 16,000 ≤ 16,500.
    expect(await found({ commodity: 'cotton-lint', side: 'sell', priceUnit: 'qtl', priceMin: '15800', priceMax: '16000' })).toEqual([
      'rajkotCandy',
    ]);
  });

  it('keeps offers whose quality ranges overlap the filter, judging by the lot where no range is stated', async () => {
    const lint = { commodity: 'cotton-lint' as const };
    // 28.5–30 overlaps ≥ 28; 26–27.5 does not; the lot measured 29.2; the buy offer asks nothing of staple.
    expect(await found({ ...lint, quality: { staple_mm: { min: '28' } } })).toEqual(['buyAnything', 'lotQuintal', 'rajkotCandy']);
    expect(await found({ ...lint, quality: { staple_mm: { max: '27' } } })).toEqual(['akolaKg', 'buyAnything']);
    // Both parameters must fit: micronaire 3.5–4.2 and the lot's open-ended ≥ 3.5 overlap 4.0–4.5.
    expect(await found({ ...lint, quality: { staple_mm: { min: '29', max: '29.5' }, micronaire: { min: '4', max: '4.5' } } })).toEqual([
      'buyAnything',
      'lotQuintal',
      'rajkotCandy',
    ]);
    expect(await found({ ...lint, quality: { micronaire: { min: '4.3' } } })).toEqual(['akolaKg', 'buyAnything', 'lotQuintal']);
  });

  it('pages newest first without repeating or skipping', async () => {
    const reader = world.stranger.members.viewer.caller.tradedesk.offers;
    const first = await reader.list({ limit: 2 });
    const second = await reader.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await reader.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.nextCursor).toBeNull();
    const order = [...first.items, ...second.items, ...third.items].map((offer) => offer.id);
    expect(order).toEqual(['seed', 'buyAnything', 'lotQuintal', 'akolaKg', 'rajkotCandy'].map((name) => ids[name]));
  });

  it('names a bad filter field', async () => {
    const error = await failure(world.mill.members.viewer.caller.tradedesk.offers.list({ priceMin: '-5' }));
    expect(fieldErrors(error).priceMin).toBeDefined();
  });
});
