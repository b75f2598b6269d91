import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { dealWorld, terms } from './deal-fixtures.ts';

// A proposal's quality ranges are held to the masters' allowed ranges, as an offer's are.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('proposed quality', () => {
  it('refuses ranges outside the allowed ones and unknown parameters, naming terms.quality fields', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Quality');
    const error = await failure(
      buyer.members.staff.caller.tradedesk.negotiations.open({
        offerId: offer.id,
        terms: terms({ quality: { staple_mm: { min: '29', max: '45' }, fibre_colour: { min: '1' } } }),
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    const fields = fieldErrors(error);
    expect(fields['terms.quality.staple_mm.max']?.[0]).toMatch(/between 20/);
    expect(fields['terms.quality.fibre_colour']).toBeDefined();
    expect(await app.db.selectFrom('negotiations').select('id').where('offer_id', '=', offer.id).execute()).toEqual([]);
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const counter = await failure(
      seller.members.staff.caller.tradedesk.negotiations.counter({
        negotiationId: opened.id,
        version: 1,
        terms: terms({ quality: { micronaire: { min: '1' } } }),
      }),
    );
    expect(fieldErrors(counter)['terms.quality.micronaire.min']).toBeDefined();
  });
});
