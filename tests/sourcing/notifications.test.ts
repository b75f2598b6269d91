import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourcingNotificationHandler } from '../../server/src/modules/sourcing/sourcing.notifications.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, createUser, type TestCompany } from '../harness/factories.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';
import { emitTenderEvent, insertQuote, insertTender } from './notify-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

// 5 Dec 2026, 17:00 in Kolkata (a supplier in Dubai reads 15:30).
const CLOSES_AT = new Date('2026-12-05T11:30:00Z');

async function noticesOf(company: TestCompany) {
  await app.runner.drain();
  const page = await company.members.viewer.caller.notifications.list({ limit: 100 });
  return page.items.map((n) => ({ type: n.type, title: n.title, linkPath: n.linkPath }));
}

async function tenderWorld(label: string) {
  const buyer = await createCompany(app, `${label} Buyer`);
  const [a, b] = [await createCompany(app, `${label} Supplier A`), await createCompany(app, `${label} Supplier B`)];
  await app.db.updateTable('companies').set({ country: 'AE' }).where('id', '=', b.id).execute();
  const tender = await insertTender(app, buyer.id, { closesAt: CLOSES_AT, invitees: [{ companyId: a.id }, { companyId: b.id }] });
  const parties = (actor: string, recipients: string[], winners?: string[]) => ({
    buyerCompanyId: buyer.id,
    actorCompanyId: actor,
    recipients,
    winners,
  });
  return { buyer, a, b, tender, parties };
}

describe('sourcing notifications', () => {
  it('invites each supplier in words naming the buyer, the RFQ and the closing time in its own time zone', async () => {
    const { buyer, a, b, tender, parties } = await tenderWorld('Invite');
    await emitTenderEvent(app, 'tender.published', tender, parties(buyer.id, [a.id, b.id]));
    expect(await noticesOf(a)).toEqual([
      {
        type: 'tender.published',
        title: `${buyer.name} invites you to quote on ${tender.number} — closes 5 Dec, 17:00`,
        linkPath: `/quote-requests/${tender.id}`,
      },
    ]);
    expect((await noticesOf(b))[0]?.title).toBe(`${buyer.name} invites you to quote on ${tender.number} — closes 5 Dec, 15:30`);
    // The buyer acted and was not named: it is not told of its own publication.
    expect(await noticesOf(buyer)).toEqual([]);
  });

  it('tells invitees of a new deadline, an answer and a cancellation; the buyer of quotes, questions and declines, without prices', async () => {
    const { buyer, a, b, tender, parties } = await tenderWorld('Flow');
    await emitTenderEvent(app, 'tender.extended', tender, parties(buyer.id, [a.id, b.id]));
    await emitTenderEvent(app, 'clarification.asked', tender, parties(a.id, [buyer.id]));
    await emitTenderEvent(app, 'clarification.answered', tender, parties(buyer.id, [a.id, b.id]));
    await emitTenderEvent(app, 'quote.submitted', tender, parties(a.id, [buyer.id]));
    await emitTenderEvent(app, 'quote.withdrawn', tender, parties(a.id, [buyer.id]));
    await emitTenderEvent(app, 'tender.invitation_declined', tender, parties(b.id, [buyer.id]));
    await emitTenderEvent(app, 'tender.cancelled', tender, parties(buyer.id, [a.id, b.id]));
    const link = `/quote-requests/${tender.id}`;
    expect((await noticesOf(b)).reverse()).toEqual([
      { type: 'tender.extended', title: `${buyer.name} extended the deadline of ${tender.number} to 5 Dec, 15:30`, linkPath: link },
      { type: 'clarification.answered', title: `${buyer.name} answered a question on ${tender.number}`, linkPath: link },
      { type: 'tender.cancelled', title: `${buyer.name} cancelled ${tender.number}`, linkPath: link },
    ]);
    const own = `/tenders/${tender.id}`;
    expect((await noticesOf(buyer)).reverse()).toEqual([
      { type: 'clarification.asked', title: `${a.name} asked a question on ${tender.number}`, linkPath: own },
      { type: 'quote.submitted', title: `${a.name} submitted a quote on ${tender.number}`, linkPath: own },
      { type: 'quote.withdrawn', title: `${a.name} withdrew its quote on ${tender.number}`, linkPath: own },
      { type: 'tender.invitation_declined', title: `${b.name} declined to quote on ${tender.number}`, linkPath: own },
    ]);
  });

  it('counts the quotes in when the tender closes, and tells the winner and, politely, the others on award', async () => {
    const { buyer, a, b, tender, parties } = await tenderWorld('Award');
    await insertQuote(app, tender.id, a.id);
    await insertQuote(app, tender.id, b.id);
    await emitTenderEvent(app, 'tender.closed', tender, parties(buyer.id, [buyer.id, a.id, b.id]));
    expect((await noticesOf(buyer))[0]?.title).toBe(`${tender.number} closed: 2 quotes in`);
    expect((await noticesOf(a))[0]?.title).toBe(`${tender.number} closed for quotes`);

    await emitTenderEvent(app, 'tender.awarded', tender, parties(buyer.id, [a.id, b.id], [a.id]));
    expect((await noticesOf(a))[0]?.title).toBe(`${buyer.name} awarded you ${tender.number}`);
    expect((await noticesOf(b))[0]?.title).toBe(`${buyer.name} awarded ${tender.number} to another supplier. Thank you for quoting.`);
  });

  it('notifies once when the job is retried', async () => {
    const { buyer, a, tender, parties } = await tenderWorld('Retry');
    await emitTenderEvent(app, 'tender.extended', tender, parties(buyer.id, [a.id]));
    await app.runner.drain();
    const event = await app.db
      .selectFrom('domain_events')
      .select('id')
      .where('entity_id', '=', tender.id)
      .where('type', '=', 'tender.extended')
      .executeTakeFirstOrThrow();
    await sourcingNotificationHandler(app.deps).run({ eventId: event.id }, { id: 0, attempts: 2 });
    expect(await noticesOf(a)).toHaveLength(1);
  });
});

describe('through the sourcing services', () => {
  it('a published tender invites a linked supplier and an unclaimed one by email; the claimant sees it in its inbox; a quote tells the buyer without its price', async () => {
    const buyer = await createCompany(app, 'E2E Mill');
    const supplier = await createCompany(app, 'E2E Gin');
    const request = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
    const email = `owner-${buyer.id.slice(0, 8)}@amreli-ginning.example`;
    const unclaimed = await buyer.members.staff.caller.partners.addUnclaimed({
      name: 'Amreli Ginning',
      country: 'IN',
      contactEmail: email,
      relationship: 'supplier',
    });
    const staff = buyer.members.staff.caller;
    const tender = await staff.sourcing.tenders.create({
      title: 'Shankar-6 for January',
      currency: 'INR',
      closesAt: CLOSES_AT,
      items: [{ description: 'Shankar-6 raw cotton', quantity: '5000', unit: 'kg' }],
    });
    await staff.sourcing.tenders.invite({ tenderId: tender.id, supplierIds: [supplier.id, unclaimed.id] });
    await staff.sourcing.tenders.publish({ tenderId: tender.id });

    expect((await noticesOf(supplier))[0]).toEqual({
      type: 'tender.published',
      title: `${buyer.name} invites you to quote on ${tender.number} — closes 5 Dec, 17:00`,
      linkPath: `/quote-requests/${tender.id}`,
    });
    const [mail, ...more] = await app.mailFor(email);
    expect(more).toEqual([]);
    expect(mail?.text).toContain(`${tender.number}: Shankar-6 for January`);
    const claimant = await createUser(app, { email });
    await claimant.caller.companies.acceptInvite({ token: tokenFrom(mail) });
    const inbox = await claimant.caller.sourcing.invitations.list({});
    expect(inbox.items.map((row) => [row.tenderId, row.number, row.buyerName])).toEqual([[tender.id, tender.number, buyer.name]]);

    const view = await staff.sourcing.tenders.get({ tenderId: tender.id });
    await supplier.members.staff.caller.sourcing.quotes.submit({
      tenderId: tender.id,
      lines: [{ itemId: view.items[0]?.id as string, unitPrice: '163.75' }],
    });
    const buyerNotices = await noticesOf(buyer);
    expect(buyerNotices[0]).toEqual({
      type: 'quote.submitted',
      title: `${supplier.name} submitted a quote on ${tender.number}`,
      linkPath: `/tenders/${tender.id}`,
    });
    // The price as a number, not digits that may sit inside an id.
    expect(JSON.stringify(buyerNotices)).not.toMatch(/(?<![0-9a-f-])163(?![0-9a-f-])/);
  });
});

describe('unclaimed invitees', () => {
  it('are emailed the tender with a claim link; claiming it shows the request', async () => {
    const buyer = await createCompany(app, 'Claim Buyer');
    const email = `owner-${buyer.id.slice(0, 8)}@saurashtra.example`;
    const added = await buyer.members.staff.caller.partners.addUnclaimed({
      name: 'Saurashtra Cotton Traders',
      country: 'IN',
      contactEmail: email,
      relationship: 'supplier',
    });
    const tender = await insertTender(app, buyer.id, {
      title: 'Shankar-6 for December',
      closesAt: CLOSES_AT,
      invitees: [{ companyId: added.id, email }],
    });
    await emitTenderEvent(app, 'tender.published', tender, {
      buyerCompanyId: buyer.id,
      actorCompanyId: buyer.id,
      recipients: [added.id],
      actorUserId: buyer.members.staff.id,
    });
    const [mail, ...more] = await app.mailFor(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(`${buyer.name} invites Saurashtra Cotton Traders to quote on ${tender.number}`);
    expect(mail?.text).toContain(`${tender.number}: Shankar-6 for December`);
    expect(mail?.text).toContain('Quotes close 5 Dec, 17:00.');
    expect(mail?.text).toContain('http://tradeloom.test/accept-invite?token=');

    const claimant = await createUser(app, { email });
    expect(await claimant.caller.companies.acceptInvite({ token: tokenFrom(mail) })).toEqual({ companyId: added.id, role: 'owner' });
    const inbox = await claimant.caller.notifications.list({ limit: 10 });
    expect(inbox.items.map((n) => [n.title, n.linkPath])).toEqual([
      [`${buyer.name} invites you to quote on ${tender.number} — closes 5 Dec, 17:00`, `/quote-requests/${tender.id}`],
    ]);
  });

  it('are not emailed while the tender is a draft, nor when already claimed', async () => {
    const buyer = await createCompany(app, 'Draft Buyer');
    const email = `owner-${buyer.id.slice(0, 8)}@draft.example`;
    const added = await buyer.members.staff.caller.partners.addUnclaimed({
      name: 'Draft Ginners',
      country: 'IN',
      contactEmail: email,
      relationship: 'supplier',
    });
    const claimed = await createCompany(app, 'Claimed Supplier');
    const draft = await insertTender(app, buyer.id, { status: 'draft', invitees: [{ companyId: added.id }, { companyId: claimed.id }] });
    await emitTenderEvent(app, 'tender.suppliers_invited', draft, {
      buyerCompanyId: buyer.id,
      actorCompanyId: buyer.id,
      recipients: [added.id, claimed.id],
      actorUserId: buyer.members.staff.id,
    });
    expect(await app.mailFor(email)).toEqual([]);
    // A claimed company's members hear of it as of any notice (by email too, by default), with no claim link.
    const [notice] = (await claimed.members.owner.caller.notifications.list({})).items;
    const mails = await app.mailFor(claimed.members.owner.email);
    expect(mails.map((mail) => [mail.subject, mail.text.includes('/accept-invite')])).toEqual([[notice?.title, false]]);
  });
});

describe("home's waiting for you", () => {
  it('counts open requests not yet quoted or declined for a supplier, and unanswered questions for the buyer, for staff up', async () => {
    const buyer = await createCompany(app, 'Waiting Buyer');
    const supplier = await createCompany(app, 'Waiting Supplier');
    const invitees = [{ companyId: supplier.id }];
    const open = await insertTender(app, buyer.id, { invitees });
    const quoted = await insertTender(app, buyer.id, { invitees });
    await insertQuote(app, quoted.id, supplier.id);
    const declined = await insertTender(app, buyer.id, { invitees });
    await app.db.updateTable('tender_invitations').set({ status: 'declined' }).where('tender_id', '=', declined.id).execute();
    await insertTender(app, buyer.id, { invitees, closesAt: new Date(app.clock.now().getTime() - 60_000) });
    await insertTender(app, buyer.id, { invitees, status: 'draft' });
    await app.db
      .insertInto('tender_clarifications')
      .values([
        { tender_id: open.id, asked_by_company_id: supplier.id, question: 'Is moisture under 8%?' },
        { tender_id: quoted.id, asked_by_company_id: supplier.id, question: 'Ex-gin?', answer: 'Yes', answered_at: app.clock.now() },
      ])
      .execute();

    expect(await supplier.members.staff.caller.sourcing.waiting()).toEqual({ quoteRequests: 1, questions: 0 });
    expect(await buyer.members.staff.caller.sourcing.waiting()).toEqual({ quoteRequests: 0, questions: 1 });
    await expect(buyer.members.viewer.caller.sourcing.waiting()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
