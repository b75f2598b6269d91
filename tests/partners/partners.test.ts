import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { countRows, createCompany, createUser } from '../harness/factories.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';

// One lifetime for every emailed invitation (companies owns invitations).
const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('partner links', () => {
  it('a buyer requests, the supplier accepts; both see the link and each is notified', async () => {
    const buyer = await createCompany(app, 'Buyer');
    const supplier = await createCompany(app, 'Supplier', { isSupplier: true });
    const link = await buyer.members.staff.caller.partners.requestLink({
      supplierId: supplier.id,
      message: 'We buy 30s combed yarn monthly.',
    });
    expect(link).toMatchObject({ status: 'pending', supplierId: supplier.id });

    const incoming = (await supplier.members.viewer.caller.partners.list({ view: 'incoming' })).items;
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({
      id: link.id,
      partnerId: buyer.id,
      partnerRole: 'buyer',
      message: 'We buy 30s combed yarn monthly.',
      actions: ['accept', 'deny', 'block'],
    });

    await app.runner.drain();
    const supplierInbox = await supplier.members.viewer.caller.notifications.list({});
    expect(supplierInbox.unread).toBe(1);
    expect(supplierInbox.items[0]?.title).toBe(`${buyer.name} asked to link with you as a buyer`);

    await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
    await app.runner.drain();
    const buyerInbox = await buyer.members.owner.caller.notifications.list({});
    expect(buyerInbox.items[0]?.title).toBe(`${supplier.name} accepted your link request`);
    const linked = (await buyer.members.viewer.caller.partners.list({ view: 'linked' })).items;
    expect(linked[0]).toMatchObject({ partnerId: supplier.id, partnerRole: 'supplier', status: 'accepted', actions: ['block', 'unlink'] });

    // Another company cannot read or mark them.
    const outsider = await createCompany(app, 'Nosy');
    const theirIds = supplierInbox.items.map((n) => n.id);
    expect(await outsider.members.owner.caller.notifications.markRead({ ids: theirIds })).toEqual({ marked: 0 });
    expect((await outsider.members.owner.caller.notifications.list({})).items).toHaveLength(0);
    expect((await supplier.members.viewer.caller.notifications.list({ unreadOnly: true })).items).toHaveLength(1);

    await supplier.members.viewer.caller.notifications.markRead({});
    expect((await supplier.members.viewer.caller.notifications.list({ unreadOnly: true })).items).toHaveLength(0);
  });

  it('staff cannot decide; a buyer cannot accept its own request; deciding twice is a CONFLICT', async () => {
    const buyer = await createCompany(app, 'B2');
    const supplier = await createCompany(app, 'S2');
    const link = await buyer.members.manager.caller.partners.requestLink({ supplierId: supplier.id });
    expect((await failure(supplier.members.staff.caller.partners.decide({ linkId: link.id, decision: 'accept' }))).code).toBe('FORBIDDEN');
    expect((await failure(buyer.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' }))).reason).toBe(
      'WRONG_SIDE',
    );
    await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'deny' });
    const again = await failure(supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    // After a denial the buyer may ask again.
    expect((await buyer.members.manager.caller.partners.requestLink({ supplierId: supplier.id })).status).toBe('pending');
  });

  it('a blocked buyer cannot ask again until the supplier unblocks', async () => {
    const buyer = await createCompany(app, 'B3');
    const supplier = await createCompany(app, 'S3');
    const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'block' });
    expect((await failure(buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id }))).reason).toBe('LINK_BLOCKED');
    expect((await failure(buyer.members.manager.caller.partners.unblock({ linkId: link.id }))).reason).toBe('WRONG_SIDE');
    await supplier.members.manager.caller.partners.unblock({ linkId: link.id });
    expect((await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id })).status).toBe('pending');
  });

  it('either side can unlink an accepted link; a repeated request while pending is refused', async () => {
    const buyer = await createCompany(app, 'B4');
    const supplier = await createCompany(app, 'S4');
    const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    expect((await failure(buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id }))).reason).toBe('LINK_EXISTS');
    await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
    await buyer.members.manager.caller.partners.unlink({ linkId: link.id });
    expect((await buyer.members.viewer.caller.partners.list({ view: 'linked' })).items).toHaveLength(0);
  });

  it('cannot link to a company that does not sell, to itself, or to an unknown id', async () => {
    const buyer = await createCompany(app, 'B5');
    const notSupplier = await createCompany(app, 'NS', { isSupplier: false });
    expect((await failure(buyer.members.staff.caller.partners.requestLink({ supplierId: notSupplier.id }))).reason).toBe('NOT_SUPPLIER');
    expect((await failure(buyer.members.staff.caller.partners.requestLink({ supplierId: buyer.id }))).code).toBe('BAD_REQUEST');
    expect(
      (await failure(buyer.members.staff.caller.partners.requestLink({ supplierId: '00000000-0000-4000-8000-000000000000' }))).code,
    ).toBe('NOT_FOUND');
  });

  it("a third company cannot see or act on another pair's link", async () => {
    const buyer = await createCompany(app, 'B6');
    const supplier = await createCompany(app, 'S6');
    const outsider = await createCompany(app, 'O6');
    const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    const before = await countRows(app, 'audit_log');
    for (const attempt of [
      () => outsider.members.owner.caller.partners.decide({ linkId: link.id, decision: 'accept' }),
      () => outsider.members.owner.caller.partners.cancel({ linkId: link.id }),
      () => outsider.members.owner.caller.partners.block({ linkId: link.id }),
    ]) {
      expect((await failure(attempt())).code).toBe('NOT_FOUND');
    }
    expect(await countRows(app, 'audit_log')).toBe(before);
    expect((await outsider.members.owner.caller.partners.list({})).items).toHaveLength(0);
  });
});

describe('directory', () => {
  it('finds listed companies by name and city, shows my link, and hides opted-out and unclaimed ones', async () => {
    const me = await createCompany(app, 'Dir');
    const listed = await createCompany(app, 'Surat Silk');
    await listed.members.admin.caller.companies.branches.create({ name: 'Ring Road', city: 'Surat', state: 'Gujarat', country: 'IN' });
    const hidden = await createCompany(app, 'Surat Hidden');
    await hidden.members.admin.caller.partners.setDirectoryListing({ listed: false });
    const unclaimed = await me.members.staff.caller.partners.addUnclaimed({
      name: 'Surat Unclaimed Traders',
      country: 'IN',
      relationship: 'supplier',
    });

    const byName = await me.members.viewer.caller.partners.directory({ search: 'surat' });
    const ids = byName.items.map((c) => c.id);
    expect(ids).toContain(listed.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(unclaimed.id);
    expect(ids).not.toContain(me.id);

    const byCity = await me.members.viewer.caller.partners.directory({ location: 'surat' });
    expect(byCity.items.map((c) => c.id)).toEqual([listed.id]);
    expect(byCity.items[0]?.cities).toBe('Surat');

    await me.members.staff.caller.partners.requestLink({ supplierId: listed.id });
    const again = await me.members.viewer.caller.partners.directory({ search: listed.name });
    expect(again.items[0]?.linkAsBuyer).toBe('pending');
  });

  it('pages with a keyset cursor, each company once, over the companies it created', async () => {
    const me = await createCompany(app, 'Pager');
    // A prefix no other test uses: other rows in the directory cannot join these pages.
    const prefix = `Pg${randomUUID().slice(0, 8)}`;
    const listed = await Promise.all(Array.from({ length: 5 }, () => createCompany(app, prefix)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await me.members.viewer.caller.partners.directory({ search: prefix, limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(listed.map((company) => company.id)));
    expect((await failure(me.members.viewer.caller.partners.directory({ cursor: 'garbage' }))).code).toBe('BAD_REQUEST');
  });
});

describe('unclaimed counterparties', () => {
  it('are visible only to the company that added them and can be claimed by their contact', async () => {
    const mill = await createCompany(app, 'Mill');
    const other = await createCompany(app, 'Other');
    const added = await mill.members.staff.caller.partners.addUnclaimed({
      name: 'Amreli Ginners',
      country: 'IN',
      taxId: '24AABCS4821K1ZF',
      contactEmail: 'owner@amreli.example',
      relationship: 'supplier',
    });
    const linked = (await mill.members.viewer.caller.partners.list({ view: 'linked' })).items;
    expect(linked.find((l) => l.partnerId === added.id)).toMatchObject({
      partnerClaimed: false,
      partnerRole: 'supplier',
      status: 'accepted',
    });
    expect((await failure(other.members.staff.caller.partners.requestLink({ supplierId: added.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.members.manager.caller.partners.inviteToClaim({ companyId: added.id }))).code).toBe('NOT_FOUND');

    await mill.members.manager.caller.partners.inviteToClaim({ companyId: added.id });
    const [mail] = await app.mailFor('owner@amreli.example');
    expect(mail?.subject).toContain('Amreli Ginners');
    const claimant = await createUser(app, { email: 'owner@amreli.example' });
    const accepted = await claimant.caller.companies.acceptInvite({ token: tokenFrom(mail) });
    expect(accepted).toEqual({ companyId: added.id, role: 'owner' });

    // The claimant owns it and sees the link with its history; it is now a real company.
    const theirs = (await claimant.caller.partners.list({ view: 'linked' })).items;
    expect(theirs[0]).toMatchObject({ partnerId: mill.id, partnerRole: 'buyer' });
    expect((await failure(mill.members.manager.caller.partners.inviteToClaim({ companyId: added.id }))).reason).toBe('ALREADY_CLAIMED');
    const found = await other.members.viewer.caller.partners.directory({ search: 'Amreli' });
    expect(found.items.map((c) => c.id)).toContain(added.id);
  });

  it('keep the contact email they were added with private to the company that added them', async () => {
    const mill = await createCompany(app, 'ContactMill');
    const later = await createCompany(app, 'ContactLater');
    const added = await mill.members.staff.caller.partners.addUnclaimed({
      name: 'Rajkot Spinners',
      country: 'IN',
      contactEmail: 'owner@rajkot.example',
      relationship: 'supplier',
    });
    await mill.members.manager.caller.partners.inviteToClaim({ companyId: added.id });
    const [mail] = await app.mailFor('owner@rajkot.example');
    const claimant = await createUser(app, { email: 'owner@rajkot.example' });
    await claimant.caller.companies.acceptInvite({ token: tokenFrom(mail) });
    const request = await later.members.staff.caller.partners.requestLink({ supplierId: added.id });
    await claimant.caller.partners.decide({ linkId: request.id, decision: 'accept' });

    const seenByMill = (await mill.members.viewer.caller.partners.list({ view: 'linked' })).items;
    expect(seenByMill.find((l) => l.partnerId === added.id)?.partnerContactEmail).toBe('owner@rajkot.example');
    const seenByLater = (await later.members.viewer.caller.partners.list({ view: 'linked' })).items;
    expect(seenByLater.find((l) => l.partnerId === added.id)).toMatchObject({ partnerClaimed: true, partnerContactEmail: null });
  });

  it('validates the GSTIN of an Indian counterparty', async () => {
    const mill = await createCompany(app, 'GstCheck');
    const error = await failure(
      mill.members.staff.caller.partners.addUnclaimed({ name: 'Bad', country: 'IN', taxId: '24AABCS4821K1ZA', relationship: 'buyer' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('pages its links with a keyset cursor, newest first, each link once', async () => {
    const mill = await createCompany(app, 'Paged');
    const added: string[] = [];
    for (let i = 0; i < 23; i++) {
      const partner = await mill.members.staff.caller.partners.addUnclaimed({
        name: `Paged partner ${i}`,
        country: 'IN',
        relationship: 'buyer',
      });
      added.push(partner.name);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await mill.members.viewer.caller.partners.list({ view: 'linked', limit: 10, cursor });
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((link) => link.partnerName));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...added].reverse());
  });

  it('refuses a forged page cursor with 400', async () => {
    const mill = await createCompany(app, 'Forged');
    const error = await failure(mill.members.viewer.caller.partners.list({ cursor: 'not-a-cursor' }));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('a claim invitation lasts exactly as long as a member invitation', async () => {
    const mill = await createCompany(app, 'Week');
    const added = await mill.members.staff.caller.partners.addUnclaimed({
      name: 'Week Ginners',
      country: 'IN',
      contactEmail: 'owner@week-ginners.example',
      relationship: 'supplier',
    });
    const invitedAt = app.clock.now().getTime();
    const member = await mill.members.admin.caller.companies.invite({ email: 'weekly@example.test', role: 'viewer' });
    if (member.kind !== 'invitation') throw new Error('expected an invitation');
    const lifetime = new Date(member.expiresAt).getTime() - invitedAt;
    expect(lifetime).toBeGreaterThanOrEqual(INVITATION_TTL_MS);
    expect(lifetime).toBeLessThan(INVITATION_TTL_MS + 60_000);

    await mill.members.manager.caller.partners.inviteToClaim({ companyId: added.id });
    const [mail] = await app.mailFor('owner@week-ginners.example');
    app.clock.advance(INVITATION_TTL_MS + 1);
    const claimant = await createUser(app, { email: 'owner@week-ginners.example' });
    expect((await failure(claimant.caller.companies.acceptInvite({ token: tokenFrom(mail) }))).reason).toBe('INVITATION_CLOSED');
  });
});
