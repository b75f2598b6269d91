import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, type TestUser } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { DAY, draftTender, HOUR, openTender, type SourcingWorld, sourcingWorld, tenderInput, WORLD_TIMEOUT } from './sourcing-fixtures.ts';

let app: TestApp;
let world: SourcingWorld;
beforeAll(async () => {
  app = await setupTestApp();
  world = await sourcingWorld(app, 'Tdr');
}, WORLD_TIMEOUT);
afterAll(() => app.close());

const buyer = () => world.buyer.members.staff.caller.sourcing;

/** The events a tender emitted, oldest first, with their payloads. */
async function eventsOf(tenderId: string) {
  const rows = await app.db
    .selectFrom('domain_events')
    .select(['type', 'payload'])
    .where('entity_type', '=', 'tender')
    .where('entity_id', '=', tenderId)
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const payload = row.payload as { recipients: string[]; document?: string };
    // Invitees added in one statement share a timestamp: compare recipients as a set.
    return { type: row.type, ...payload, recipients: [...payload.recipients].sort() };
  });
}

const both = () => [world.supplierA.id, world.supplierB.id].sort();

/** The full paths of the fields a validation failure names, as the wire sends them. */
function fieldPaths(error: Error): string[] {
  const issues = (error.cause as { issues?: { path: (string | number)[] }[] }).issues ?? [];
  return issues.map((issue) => issue.path.join('.'));
}

async function tenderRows() {
  const row = await app.db
    .selectFrom('tenders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('drafting a tender', () => {
  it('creates a numbered draft with items, a catalog product and criteria; the buyer reads it back', async () => {
    const created = await draftTender(app, world, {
      items: [
        { productId: world.productId, quantity: '500', unit: 'kg', specification: [{ name: 'Count', value: '30s' }] },
        { description: 'Shankar-6 raw cotton', quantity: '10000', unit: 'kg', targetPrice: '160.50', hsnCode: '5201' },
      ],
      paymentTerms: { kind: 'net', days: 30 },
      deliveryDate: '2030-01-15',
    });
    expect(created.number).toMatch(/^RFQ-\d{4}-\d{6}$/);
    const tender = await world.buyer.members.viewer.caller.sourcing.tenders.get({ tenderId: created.id });
    if (tender.side !== 'buyer') throw new Error('expected the buyer view');
    expect(tender).toMatchObject({
      status: 'draft',
      number: created.number,
      version: 1,
      paymentTerms: { kind: 'net', days: 30 },
      deliveryDate: '2030-01-15',
      criteria: [
        { criterion: 'price', weight: 70 },
        { criterion: 'leadTime', weight: 30 },
      ],
      invitees: [],
      quotes: [],
      sealed: true,
      // A viewer reads the tender but is offered nothing it may not do.
      actions: [],
    });
    // The product's name fills the empty description and its HSN code the missing one.
    expect(tender.items[0]).toMatchObject({ lineNo: 1, productId: world.productId, description: '30s combed yarn', hsnCode: '5205' });
    expect(tender.items[0]?.specification).toEqual([{ name: 'Count', value: '30s' }]);
    expect(tender.items[1]).toMatchObject({ lineNo: 2, quantity: '10000.000', targetPrice: '160.5000' });
    const asStaff = await buyer().tenders.get({ tenderId: created.id });
    expect(asStaff.side === 'buyer' && asStaff.actions).toEqual(['edit', 'invite', 'publish', 'cancel']);
    const audit = await app.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['tender.created']);
    expect(await eventsOf(created.id)).toEqual([
      expect.objectContaining({ type: 'tender.created', recipients: [], document: created.number }),
    ]);
  });

  it('two parallel creates get distinct numbers; a retried create with its idempotency key makes one tender', async () => {
    const [a, b] = await Promise.all([draftTender(app, world), draftTender(app, world)]);
    expect(a.number).not.toBe(b.number);
    const before = await tenderRows();
    const input = { ...tenderInput(app), idempotencyKey: 'rfq-retry-0001' };
    const [first, retry] = await Promise.all([buyer().tenders.create(input), buyer().tenders.create(input)]);
    expect(retry).toEqual(first);
    expect(await tenderRows()).toBe(before + 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const stranger = await world.stranger.members.staff.caller.catalog.products.create({
      sku: 'X1',
      name: 'Stranger yarn',
      unit: 'kg',
      price: '1',
      currency: 'INR',
    });
    const before = { tenders: await tenderRows(), audit: await countRows(app, 'audit_log') };
    const create = (overrides: Parameters<typeof tenderInput>[1]) => buyer().tenders.create(tenderInput(app, overrides));
    const weights = await failure(create({ criteria: [{ criterion: 'price', weight: 60 }] }));
    expect(weights.code).toBe('BAD_REQUEST');
    expect(fieldErrors(weights).criteria).toBeDefined();
    const unit = await failure(create({ items: [{ description: 'Cotton', quantity: '1', unit: 'furlong' }] }));
    expect(fieldErrors(unit)['items.0.unit']).toEqual(['unknown unit “furlong”']);
    const hsn = await failure(create({ items: [{ description: 'Cotton', quantity: '1', unit: 'kg', hsnCode: '9999' }] }));
    expect(fieldErrors(hsn)['items.0.hsnCode']).toBeDefined();
    const quantity = await failure(create({ items: [{ description: 'Cotton', quantity: '-1', unit: 'kg' }] }));
    expect(fieldPaths(quantity)).toEqual(['items.0.quantity']);
    const noItems = await failure(create({ items: [] }));
    expect(fieldErrors(noItems).items).toBeDefined();
    // A product of a supplier the buyer is not linked with does not exist for it.
    const product = await failure(create({ items: [{ productId: stranger.id, quantity: '1', unit: 'kg' }] }));
    expect(product.code).toBe('NOT_FOUND');
    expect(product.message).toContain('items.0.productId');
    expect({ tenders: await tenderRows(), audit: await countRows(app, 'audit_log') }).toEqual(before);
  });

  it('edits a draft with its version, replacing the items; a stale version conflicts', async () => {
    const created = await draftTender(app, world);
    const edited = await buyer().tenders.update({
      ...tenderInput(app, { title: 'Revised cotton tender', items: [{ description: 'DCH-32 cotton', quantity: '300', unit: 'kg' }] }),
      tenderId: created.id,
      version: created.version,
    });
    expect(edited).toMatchObject({ id: created.id, status: 'draft', version: 2 });
    const tender = await buyer().tenders.get({ tenderId: created.id });
    expect(tender.title).toBe('Revised cotton tender');
    expect(tender.items.map((i) => i.description)).toEqual(['DCH-32 cotton']);
    const stale = await failure(buyer().tenders.update({ ...tenderInput(app), tenderId: created.id, version: 1 }));
    expect([stale.code, stale.reason]).toEqual(['CONFLICT', 'STALE_VERSION']);
  });

  it('a viewer cannot write; a stranger finds none of the buyer’s tenders', async () => {
    const created = await draftTender(app, world);
    const viewer = world.buyer.members.viewer.caller.sourcing.tenders;
    expect((await failure(viewer.create(tenderInput(app)))).code).toBe('FORBIDDEN');
    expect((await failure(viewer.publish({ tenderId: created.id }))).code).toBe('FORBIDDEN');
    expect((await failure(viewer.invite({ tenderId: created.id, supplierIds: [world.supplierA.id] }))).code).toBe('FORBIDDEN');
    const stranger = world.stranger.members.owner.caller.sourcing.tenders;
    const tenderId = created.id;
    // Thunks, called one by one: promises made up front would reject before anything awaits them.
    const calls = [
      () => stranger.get({ tenderId }),
      () => stranger.update({ ...tenderInput(app), tenderId, version: 1 }),
      () => stranger.invite({ tenderId, supplierIds: [world.supplierA.id] }),
      () => stranger.uninvite({ tenderId, supplierId: world.supplierA.id }),
      () => stranger.publish({ tenderId }),
      () => stranger.extend({ tenderId, closesAt: new Date(app.clock.now().getTime() + 9 * DAY) }),
      () => stranger.close({ tenderId }),
      () => stranger.cancel({ tenderId, reason: 'Mine now' }),
    ];
    for (const call of calls) expect((await failure(call())).code).toBe('NOT_FOUND');
    expect((await stranger.list({})).items).toEqual([]);
  });
});

describe('inviting suppliers', () => {
  it('offers linked partners, listed suppliers and own unclaimed counterparties with their email', async () => {
    const listed = world.stranger.members.owner.caller;
    await listed.partners.setDirectoryListing({ listed: true });
    const offline = await world.buyer.members.staff.caller.partners.addUnclaimed({
      name: 'Offline Ginning Works',
      country: 'IN',
      relationship: 'supplier',
      contactEmail: 'owner@offline-gin.test',
    });
    const candidates = await world.buyer.members.viewer.caller.sourcing.tenders.candidates({});
    const byId = new Map(candidates.map((c) => [c.companyId, c]));
    expect(byId.get(world.supplierA.id)).toMatchObject({ kind: 'partner', email: null });
    expect(byId.get(world.stranger.id)).toMatchObject({ kind: 'directory' });
    expect(byId.get(offline.id)).toMatchObject({ kind: 'unclaimed', email: 'owner@offline-gin.test' });
    expect(byId.has(world.buyer.id)).toBe(false);
    const searched = await buyer().tenders.candidates({ search: 'offline' });
    expect(searched.map((c) => c.companyId)).toEqual([offline.id]);
    // The directory listing of another test must not leak: put it back.
    await listed.partners.setDirectoryListing({ listed: false });
  });

  it('invites candidates once, refuses strangers and itself, and removes invitees of a draft', async () => {
    const created = await draftTender(app, world);
    const tenderId = created.id;
    await buyer().tenders.invite({ tenderId, supplierIds: [world.supplierA.id, world.supplierB.id] });
    // Inviting twice is harmless.
    await buyer().tenders.invite({ tenderId, supplierIds: [world.supplierA.id] });
    expect((await failure(buyer().tenders.invite({ tenderId, supplierIds: [world.stranger.id] }))).code).toBe('NOT_FOUND');
    const self = await failure(buyer().tenders.invite({ tenderId, supplierIds: [world.buyer.id] }));
    expect(fieldErrors(self)['supplierIds.0']).toBeDefined();
    await buyer().tenders.uninvite({ tenderId, supplierId: world.supplierB.id });
    const tender = await buyer().tenders.get({ tenderId });
    expect(tender.side === 'buyer' && tender.invitees.map((i) => [i.supplierId, i.state, i.unclaimed])).toEqual([
      [world.supplierA.id, 'invited', false],
    ]);
    expect((await failure(buyer().tenders.uninvite({ tenderId, supplierId: world.supplierB.id }))).code).toBe('NOT_FOUND');
    // An invitee does not see a draft.
    expect((await failure(world.supplierA.members.owner.caller.sourcing.tenders.get({ tenderId }))).code).toBe('NOT_FOUND');
    const events = await eventsOf(tenderId);
    expect(events.map((e) => [e.type, e.recipients])).toEqual([
      ['tender.created', []],
      ['tender.suppliers_invited', []],
      ['tender.supplier_uninvited', []],
    ]);
    // A draft cancelled before it opened stays unknown to its invitees.
    await buyer().tenders.cancel({ tenderId, reason: 'Bought spot instead' });
    expect((await eventsOf(tenderId)).at(-1)).toMatchObject({ type: 'tender.cancelled', recipients: [] });
    expect((await failure(world.supplierA.members.owner.caller.sourcing.tenders.get({ tenderId }))).code).toBe('NOT_FOUND');
    const inbox = await world.supplierA.members.owner.caller.sourcing.invitations.list({ limit: 100 });
    expect(inbox.items.map((i) => i.tenderId)).not.toContain(tenderId);
  });
});

describe('publishing and the tender’s life', () => {
  it('publishes to the invitees, who read it in their inbox and see only themselves', async () => {
    const tender = await openTender(app, world);
    const events = await eventsOf(tender.id);
    expect(events.at(-1)).toMatchObject({
      type: 'tender.published',
      recipients: both(),
      document: tender.number,
    });
    const seen = await world.supplierA.members.viewer.caller.sourcing.tenders.get({ tenderId: tender.id });
    if (seen.side !== 'supplier') throw new Error('expected the supplier view');
    expect(seen).toMatchObject({
      status: 'open',
      buyerId: world.buyer.id,
      buyerName: world.buyer.name,
      invitation: { state: 'invited', declineReason: null },
      quotes: [],
      canQuote: true,
      awards: [],
    });
    expect(JSON.stringify(seen)).not.toContain(world.supplierB.id);
    expect(JSON.stringify(seen)).not.toContain(world.supplierB.name);
    const inbox = await world.supplierA.members.viewer.caller.sourcing.invitations.list({ status: 'open' });
    expect(inbox.items[0]).toMatchObject({ tenderId: tender.id, number: tender.number, state: 'invited', hasDraft: false, itemCount: 2 });
    // Supplier C was not invited: the tender does not exist for it.
    expect((await failure(world.supplierC.members.owner.caller.sourcing.tenders.get({ tenderId: tender.id }))).code).toBe('NOT_FOUND');
    expect((await world.supplierC.members.owner.caller.sourcing.invitations.list({})).items.map((i) => i.tenderId)).not.toContain(
      tender.id,
    );
    const buyerView = await buyer().tenders.get({ tenderId: tender.id });
    expect(buyerView.side === 'buyer' && buyerView.actions).toEqual(['invite', 'extend', 'cancel']);
  });

  it('refuses to publish without invitees or with a passed deadline, and a second time', async () => {
    const bare = await draftTender(app, world);
    const none = await failure(buyer().tenders.publish({ tenderId: bare.id }));
    expect([none.code, none.reason]).toEqual(['CONFLICT', 'NO_INVITEES']);
    const late = await draftTender(app, world, { closesAt: new Date(app.clock.now().getTime() - HOUR) });
    await buyer().tenders.invite({ tenderId: late.id, supplierIds: [world.supplierA.id] });
    const passed = await failure(buyer().tenders.publish({ tenderId: late.id }));
    expect([passed.code, passed.reason]).toEqual(['CONFLICT', 'DEADLINE_NOT_LATER']);
    const open = await openTender(app, world);
    const again = await failure(buyer().tenders.publish({ tenderId: open.id }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    const edit = await failure(buyer().tenders.update({ ...tenderInput(app), tenderId: open.id, version: open.version }));
    expect([edit.code, edit.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    const uninvite = await failure(buyer().tenders.uninvite({ tenderId: open.id, supplierId: world.supplierA.id }));
    expect([uninvite.code, uninvite.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });

  it('invites a newcomer to an open tender, telling only the newcomer', async () => {
    const tender = await openTender(app, world);
    await buyer().tenders.invite({ tenderId: tender.id, supplierIds: [world.supplierA.id, world.supplierC.id] });
    expect((await eventsOf(tender.id)).at(-1)).toMatchObject({ type: 'tender.suppliers_invited', recipients: [world.supplierC.id] });
    const seen = await world.supplierC.members.owner.caller.sourcing.tenders.get({ tenderId: tender.id });
    expect(seen.side).toBe('supplier');
  });

  it('extends the deadline only later, telling every invitee; never once it passed', async () => {
    const tender = await openTender(app, world);
    const closesAt = new Date(tender.closesAt);
    const shorter = await failure(buyer().tenders.extend({ tenderId: tender.id, closesAt: new Date(closesAt.getTime() - HOUR) }));
    expect([shorter.code, shorter.reason]).toEqual(['CONFLICT', 'DEADLINE_NOT_LATER']);
    const same = await failure(buyer().tenders.extend({ tenderId: tender.id, closesAt }));
    expect(same.reason).toBe('DEADLINE_NOT_LATER');
    const later = new Date(closesAt.getTime() + DAY);
    const extended = await buyer().tenders.extend({ tenderId: tender.id, closesAt: later });
    expect(extended).toMatchObject({ status: 'open', closesAt: later.toISOString() });
    expect((await eventsOf(tender.id)).at(-1)).toMatchObject({
      type: 'tender.extended',
      recipients: both(),
    });
    const draft = await draftTender(app, world);
    const notOpen = await failure(buyer().tenders.extend({ tenderId: draft.id, closesAt: later }));
    expect([notOpen.code, notOpen.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });

  it('refuses an early close while an invitee is pending; cancels with a reason, telling the invitees', async () => {
    const tender = await openTender(app, world);
    const pending = await failure(buyer().tenders.close({ tenderId: tender.id }));
    expect([pending.code, pending.reason]).toEqual(['CONFLICT', 'INVITEES_PENDING']);
    const cancelled = await buyer().tenders.cancel({ tenderId: tender.id, reason: 'Crop estimate revised' });
    expect(cancelled.status).toBe('cancelled');
    expect((await eventsOf(tender.id)).at(-1)).toMatchObject({
      type: 'tender.cancelled',
      recipients: both(),
    });
    const seen = await world.supplierB.members.owner.caller.sourcing.tenders.get({ tenderId: tender.id });
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: 'Crop estimate revised', canQuote: false });
    const again = await failure(buyer().tenders.cancel({ tenderId: tender.id, reason: 'Twice' }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    const close = await failure(buyer().tenders.close({ tenderId: tender.id }));
    expect(close.reason).toBe('ILLEGAL_TRANSITION');
  });

  it('closes early once every invitee quoted or declined: invitee states, sealed until then', async () => {
    const tender = await openTender(app, world);
    const [item1, item2] = tender.itemIds as [string, string];
    const quoteA = world.supplierA.members.staff.caller.sourcing.quotes;
    await quoteA.saveDraft({ tenderId: tender.id, lines: [{ itemId: item1, unitPrice: '158' }] });
    const inbox = await world.supplierA.members.viewer.caller.sourcing.invitations.list({ status: 'open' });
    expect(inbox.items.find((i) => i.tenderId === tender.id)).toMatchObject({ hasDraft: true, state: 'invited' });
    const quote = await quoteA.submit({
      tenderId: tender.id,
      lines: [
        { itemId: item1, unitPrice: '158.50' },
        { itemId: item2, unitPrice: '41' },
      ],
      leadTimeDays: 10,
    });
    // One answered, one pending: no early close yet.
    expect((await failure(buyer().tenders.close({ tenderId: tender.id }))).reason).toBe('INVITEES_PENDING');
    const sealed = await buyer().tenders.get({ tenderId: tender.id });
    if (sealed.side !== 'buyer') throw new Error('expected the buyer view');
    expect(sealed.sealed).toBe(true);
    expect(sealed.quotes).toEqual([expect.objectContaining({ id: quote.id, supplierId: world.supplierA.id, revision: 1, terms: null })]);
    expect(JSON.stringify(sealed)).not.toContain('158.5');
    const states = new Map(sealed.invitees.map((i) => [i.supplierId, i]));
    expect(states.get(world.supplierA.id)).toMatchObject({ state: 'quoted', quotedAt: expect.any(String) });
    expect(states.get(world.supplierB.id)).toMatchObject({ state: 'invited', quotedAt: null });

    await world.supplierB.members.staff.caller.sourcing.invitations.decline({ tenderId: tender.id, reason: 'No stock this season' });
    expect(sealed.actions).toEqual(['invite', 'extend', 'cancel']);
    const afterDecline = await buyer().tenders.get({ tenderId: tender.id });
    expect(afterDecline.side === 'buyer' && afterDecline.actions).toEqual(['invite', 'extend', 'close', 'cancel']);
    const closed = await buyer().tenders.close({ tenderId: tender.id });
    expect(closed.status).toBe('closed');
    const open = await buyer().tenders.get({ tenderId: tender.id });
    if (open.side !== 'buyer') throw new Error('expected the buyer view');
    expect(open).toMatchObject({ closeReason: 'early', sealed: false });
    expect(open.invitees.find((i) => i.supplierId === world.supplierB.id)).toMatchObject({
      state: 'declined',
      declineReason: 'No stock this season',
    });
    expect(open.quotes[0]?.terms).toMatchObject({ currency: 'INR', leadTimeDays: 10 });
    expect(open.quotes[0]?.terms?.lines.map((l) => [l.itemId, l.unitPrice])).toEqual([
      [item1, '158.5000'],
      [item2, '41.0000'],
    ]);
    expect((await eventsOf(tender.id)).at(-1)).toMatchObject({ type: 'tender.closed', recipients: both() });
    const list = await buyer().tenders.list({ search: tender.number });
    expect(list.items[0]).toMatchObject({ status: 'closed', quoteCount: 1, invitedCount: 2 });
  });

  it('after the deadline nobody is invited or extended, and the supplier may no longer quote', async () => {
    const tender = await openTender(app, world);
    app.clock.advance(3 * DAY);
    try {
      const invite = await failure(buyer().tenders.invite({ tenderId: tender.id, supplierIds: [world.supplierC.id] }));
      expect([invite.code, invite.reason]).toEqual(['CONFLICT', 'DEADLINE_PASSED']);
      const extend = await failure(buyer().tenders.extend({ tenderId: tender.id, closesAt: new Date(app.clock.now().getTime() + DAY) }));
      expect(extend.reason).toBe('DEADLINE_PASSED');
      const seen = await world.supplierA.members.owner.caller.sourcing.tenders.get({ tenderId: tender.id });
      expect(seen.side === 'supplier' && seen.canQuote).toBe(false);
      // Past the deadline the buyer may close before the clock does: the close is the deadline's.
      await buyer().tenders.close({ tenderId: tender.id });
      const closed = await buyer().tenders.get({ tenderId: tender.id });
      expect(closed).toMatchObject({ status: 'closed', closeReason: 'deadline', sealed: false });
      expect((await eventsOf(tender.id)).at(-1)).toMatchObject({ type: 'tender.closed', recipients: both() });
    } finally {
      app.clock.advance(-3 * DAY);
    }
  });
});

describe('listing tenders', () => {
  it('lists the buyer’s tenders newest first with counts, by status and search, a page at a time', async () => {
    const open = await openTender(app, world, { title: 'Listing probe open' });
    const draft = await draftTender(app, world, { title: 'Listing probe draft' });
    const all = await world.buyer.members.viewer.caller.sourcing.tenders.list({ search: 'listing probe' });
    expect(all.items.map((t) => t.id)).toEqual([draft.id, open.id]);
    expect(all.items[1]).toMatchObject({ status: 'open', itemCount: 2, invitedCount: 2, quoteCount: 0, number: open.number });
    const byNumber = await buyer().tenders.list({ search: open.number });
    expect(byNumber.items.map((t) => t.id)).toEqual([open.id]);
    const drafts = await buyer().tenders.list({ status: 'draft', search: 'listing probe' });
    expect(drafts.items.map((t) => t.id)).toEqual([draft.id]);
    const first = await buyer().tenders.list({ limit: 1, search: 'listing probe' });
    expect(first.items.map((t) => t.id)).toEqual([draft.id]);
    const second = await buyer().tenders.list({ limit: 1, search: 'listing probe', cursor: first.nextCursor ?? undefined });
    expect(second).toEqual({ items: [expect.objectContaining({ id: open.id })], nextCursor: null });
    // A cursor from another company's list positions nothing.
    const foreign = await world.stranger.members.owner.caller.sourcing.tenders.list({ cursor: first.nextCursor ?? undefined });
    expect(foreign.items).toEqual([]);
  });

  it('the supplier inbox pages its invitations and splits open from closed', async () => {
    const inbox = world.supplierB.members.viewer.caller.sourcing.invitations;
    const all = await inbox.list({});
    const open = await inbox.list({ status: 'open' });
    const closed = await inbox.list({ status: 'closed' });
    expect(open.items.every((i) => i.status === 'open')).toBe(true);
    expect(closed.items.every((i) => i.status !== 'open' || i.closesAt <= app.clock.now().toISOString())).toBe(true);
    expect(open.items.length + closed.items.length).toBe(all.items.length);
    const first = await inbox.list({ limit: 1 });
    const second = await inbox.list({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items[0]?.tenderId).toBe(all.items[1]?.tenderId);
  });
});

describe('tender attachments', () => {
  let http: Awaited<ReturnType<TestApp['startHttp']>>;
  beforeAll(async () => {
    http = await app.startHttp();
  });
  afterAll(() => http.close());
  const cookie = (user: TestUser) => `tl_session=${user.token}`;
  async function uploaded(user: TestUser, name: string) {
    const response = await upload(http.url, cookie(user), PDF, name);
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }
  const download = (fileId: string, user: TestUser) => fetch(`${http.url}/files/${fileId}`, { headers: { cookie: cookie(user) } });

  it('attaches the buyer’s own files; invitees download them once published, nobody else', async () => {
    const spec = await uploaded(world.buyer.members.staff, 'Cotton spec.pdf');
    const foreign = await uploaded(world.stranger.members.staff, 'Not yours.pdf');
    expect((await failure(buyer().tenders.create(tenderInput(app, { attachmentFileIds: [foreign] })))).code).toBe('NOT_FOUND');
    const created = await draftTender(app, world, { attachmentFileIds: [spec] });
    const tender = await buyer().tenders.get({ tenderId: created.id });
    expect(tender.attachments).toEqual([{ fileId: spec, name: 'Cotton spec.pdf', contentType: 'application/pdf', size: PDF.length }]);
    await buyer().tenders.invite({ tenderId: created.id, supplierIds: [world.supplierA.id] });
    expect((await download(spec, world.supplierA.members.viewer)).status).toBe(404);
    await buyer().tenders.publish({ tenderId: created.id });
    expect((await download(spec, world.supplierA.members.viewer)).status).toBe(200);
    expect((await download(spec, world.supplierC.members.viewer)).status).toBe(404);
    expect((await download(spec, world.stranger.members.viewer)).status).toBe(404);
  });
});
