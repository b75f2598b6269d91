import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { type LiveStream, openLiveStream } from '../harness/live.ts';
import { type DeskWorld, deskWorld, offerInput, WORLD_TIMEOUT } from './offer-fixtures.ts';

// Live desk screens over real HTTP: every company's desk hears `desk.changed` for the commodity when
// an offer is posted or ends, without learning a partners-only offer's id; the owner's own screens
// hear the offer itself; a stream without `tradedesk:read` hears none of it.

let app: TestApp;
let world: DeskWorld;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
const streams: LiveStream[] = [];
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  world = await deskWorld(app, 'Live');
}, WORLD_TIMEOUT);
afterAll(async () => {
  for (const stream of streams) stream.close();
  await http.close();
  await app.close();
});

async function listen(headers: Record<string, string>) {
  const stream = await openLiveStream(http.url, headers);
  streams.push(stream);
  return stream;
}
const asMember = (token: string) => listen({ cookie: `tl_session=${token}` });
const deskChanged = (m: { type: string; entityType: string; entityId: string }) =>
  m.type === 'desk.changed' && m.entityType === 'desk' && m.entityId === 'cotton-lint';

describe('live desk updates', () => {
  it('refreshes every company’s desk on a partners-only offer without handing its id to anyone but the owner', async () => {
    const ownerTab = await asMember(world.ginner.members.viewer.token);
    const strangerTab = await asMember(world.stranger.members.viewer.token);
    const partnerTab = await asMember(world.mill.members.viewer.token);

    const offer = await world.ginner.members.staff.caller.tradedesk.offers.create(offerInput(app, { visibility: 'partners' }));
    await ownerTab.waitFor((m) => m.type === 'trade_offer.created' && m.entityId === offer.id);
    await ownerTab.waitFor(deskChanged);
    await strangerTab.waitFor(deskChanged);
    await partnerTab.waitFor(deskChanged);
    expect(JSON.stringify(strangerTab.messages)).not.toContain(offer.id);
    expect(JSON.stringify(partnerTab.messages)).not.toContain(offer.id);

    // Withdrawing refreshes the desks again.
    const before = strangerTab.messages.length;
    await world.ginner.members.staff.caller.tradedesk.offers.withdraw({ offerId: offer.id, version: offer.version });
    await strangerTab.waitFor(() => strangerTab.messages.length > before);
    expect(strangerTab.messages.slice(before)).toEqual([{ type: 'desk.changed', entityType: 'desk', entityId: 'cotton-lint' }]);
  });

  it('an API key without tradedesk:read hears no desk change; one with it does', async () => {
    const admin = world.stranger.members.admin.caller;
    const { key: narrow } = await admin.apiKeys.create({ name: 'status board', scopes: ['company:read'] });
    const { key: desk } = await admin.apiKeys.create({ name: 'desk feed', scopes: ['company:read', 'tradedesk:read'] });
    const narrowTab = await listen({ authorization: `Bearer ${narrow}` });
    const deskTab = await listen({ authorization: `Bearer ${desk}` });
    await world.ginner.members.staff.caller.tradedesk.offers.create(offerInput(app));
    await deskTab.waitFor(deskChanged);
    // Both streams were handed the message at once; give the narrow one time to (not) write it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(narrowTab.messages).toEqual([]);
  });
});
