import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { type DeskWorld, deskWorld, offerInput, openNegotiationRow, WORLD_TIMEOUT } from './offer-fixtures.ts';

// Who sees an offer: everyone sees desk offers while live; partners-only offers only the owner's
// linked partners; a company that negotiated on an offer keeps seeing it; the owner sees its own
// in any status. The owner's notes, message and others' negotiations stay with their owners.

let app: TestApp;
let world: DeskWorld;
beforeAll(async () => {
  app = await setupTestApp();
  world = await deskWorld(app, 'Vis');
}, WORLD_TIMEOUT);
afterAll(() => app.close());

const ginner = () => world.ginner.members.staff.caller.tradedesk;
const mill = () => world.mill.members.viewer.caller.tradedesk;
const stranger = () => world.stranger.members.viewer.caller.tradedesk;
const deskIds = async (reader: ReturnType<typeof mill>) => (await reader.offers.list({ scope: 'desk', limit: 100 })).items.map((o) => o.id);

describe('offer visibility', () => {
  it('shows a partners-only offer to a linked partner, never to a stranger, in the list or by id', async () => {
    const offer = await ginner().offers.create(offerInput(app, { visibility: 'partners' }));
    expect(await deskIds(mill())).toContain(offer.id);
    expect((await mill().offers.get({ offerId: offer.id })).visibility).toBe('partners');
    expect(await deskIds(stranger())).not.toContain(offer.id);
    expect((await failure(stranger().offers.get({ offerId: offer.id }))).code).toBe('NOT_FOUND');
    // Nor can a stranger reach it through a page cursor that names it.
    const cursor = Buffer.from(JSON.stringify([offer.id])).toString('base64url');
    expect((await stranger().offers.list({ cursor })).items).toEqual([]);
  });

  it('shows a desk offer to every company while it is live', async () => {
    const offer = await ginner().offers.create(offerInput(app));
    expect(await deskIds(stranger())).toContain(offer.id);
    const seen = await stranger().offers.get({ offerId: offer.id });
    expect(seen).toMatchObject({ id: offer.id, mine: false, company: { id: world.ginner.id, verified: false }, canWithdraw: false });
    // The offer's own state allows negotiating; the screen hides the button from a viewer by permission.
    expect(seen.canNegotiate).toBe(true);
    await ginner().offers.withdraw({ offerId: offer.id, version: offer.version });
    expect(await deskIds(stranger())).not.toContain(offer.id);
    expect((await failure(stranger().offers.get({ offerId: offer.id }))).code).toBe('NOT_FOUND');
  });

  it('keeps the owner’s notes and message to the owner', async () => {
    const offer = await ginner().offers.create(offerInput(app, { notes: 'floor 56,000', sourceText: 'Sell 100 bales S-6' }));
    expect(await ginner().offers.get({ offerId: offer.id })).toMatchObject({
      notes: 'floor 56,000',
      sourceText: 'Sell 100 bales S-6',
      mine: true,
    });
    expect(await mill().offers.get({ offerId: offer.id })).toMatchObject({ notes: null, sourceText: null, mine: false });
  });

  it('lists every negotiation to the owner and only its own to a counterparty; a party keeps seeing the offer after it ends', async () => {
    const offer = await ginner().offers.create(offerInput(app, { visibility: 'partners' }));
    const ours = await openNegotiationRow(app, { id: offer.id, ownerId: world.ginner.id }, world.mill.id);
    // A negotiation from a company that could see the offer when it opened (e.g. before a link ended).
    const theirs = await openNegotiationRow(app, { id: offer.id, ownerId: world.ginner.id }, world.stranger.id);
    const owner = await ginner().offers.get({ offerId: offer.id });
    expect(owner.negotiations.map((n) => n.id).sort()).toEqual([ours, theirs].sort());
    expect(owner.openNegotiations).toBe(2);
    const partner = await mill().offers.get({ offerId: offer.id });
    expect(partner.negotiations).toEqual([
      expect.objectContaining({
        id: ours,
        myRole: 'counterparty',
        counterparty: expect.objectContaining({ id: world.ginner.id }),
        yourTurn: false,
      }),
    ]);
    // It already negotiates: it may not open a second one.
    expect(partner.canNegotiate).toBe(false);

    const { version } = await ginner().offers.get({ offerId: offer.id });
    await ginner().offers.withdraw({ offerId: offer.id, version });
    expect((await stranger().offers.get({ offerId: offer.id })).status).toBe('withdrawn');
    expect(await deskIds(stranger())).not.toContain(offer.id);
  });

  it('lists the caller’s own offers in any status under mine, and never on its own desk', async () => {
    const live = await ginner().offers.create(offerInput(app));
    const gone = await ginner().offers.create(offerInput(app));
    await ginner().offers.withdraw({ offerId: gone.id, version: gone.version });
    const mine = (await ginner().offers.list({ scope: 'mine', limit: 100 })).items;
    expect(mine.map((o) => o.id)).toEqual(expect.arrayContaining([live.id, gone.id]));
    expect(mine.every((o) => o.mine)).toBe(true);
    expect((await ginner().offers.list({ scope: 'mine', status: 'withdrawn', limit: 100 })).items.map((o) => o.id)).toContain(gone.id);
    expect(await deskIds(ginner())).not.toContain(live.id);
  });
});
