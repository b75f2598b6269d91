import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { acceptedOrderWorld } from './finance-fixtures.ts';
import { invoiceFigures, issuedInvoice, noteCount } from './issued-invoice.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

const quality = { reason: 'quality' as const, description: 'Micronaire 5.4 on re-test, contract says 4.5 max' };

describe('disputes', () => {
  it('open → respond → resolve into a credit note: the invoice is flagged while open, cleared after, and the other side is told', async () => {
    const world = await acceptedOrderWorld(app, 'DspFlow', { interState: true });
    const invoice = await issuedInvoice(world);
    const buyer = world.buyer.members.staff.caller;
    const supplier = world.supplier.members.staff.caller;
    const opened = await buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '10500.00', ...quality });
    expect(opened.number).toMatch(/^DSP-\d{4}-000001$/);
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ disputed_amount: '10500.00', credited_amount: '0.00' });
    const seen = await supplier.finance.disputes.get({ disputeId: opened.id });
    expect(seen).toMatchObject({
      status: 'open',
      side: 'supplier',
      raisedByUs: false,
      amount: '10500.00',
      currency: 'INR',
      reason: 'quality',
      description: quality.description,
      invoiceNumber: invoice.number,
      actions: ['respond', 'resolve'],
    });
    expect((await buyer.finance.disputes.get({ disputeId: opened.id })).actions).toEqual(['withdraw']);

    // The side that raised it does not answer itself.
    const self = await failure(buyer.finance.disputes.respond({ disputeId: opened.id, response: 'me too' }));
    expect([self.code, self.reason]).toEqual(['CONFLICT', 'WRONG_SIDE']);
    await supplier.finance.disputes.respond({ disputeId: opened.id, response: 'Our lab says 4.4; we will credit the difference' });
    const again = await failure(supplier.finance.disputes.respond({ disputeId: opened.id, response: 'twice' }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    // The buyer does not resolve.
    const byBuyer = await failure(buyer.finance.disputes.resolve({ disputeId: opened.id, outcome: 'credit_note' }));
    expect(byBuyer.code).toBe('CONFLICT');

    const resolved = await supplier.finance.disputes.resolve({ disputeId: opened.id, outcome: 'credit_note' });
    expect(resolved.status).toBe('resolved');
    expect(resolved.note?.number).toMatch(/^CN-/);
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ disputed_amount: '0.00', credited_amount: '10500.00' });
    const note = await buyer.finance.notes.get({ noteId: resolved.note?.id ?? '' });
    expect(note).toMatchObject({
      kind: 'credit',
      reason: 'dispute',
      disputeId: opened.id,
      taxable: '10000.00',
      igst: '500.00',
      total: '10500.00',
    });
    expect(await buyer.finance.disputes.get({ disputeId: opened.id })).toMatchObject({
      status: 'resolved',
      resolution: 'credit_note',
      response: 'Our lab says 4.4; we will credit the difference',
      note: { id: resolved.note?.id, number: resolved.note?.number, kind: 'credit', total: '10500.00' },
      actions: [],
    });
    const twice = await failure(supplier.finance.disputes.resolve({ disputeId: opened.id, outcome: 'no_change' }));
    expect([twice.code, twice.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    expect(await noteCount(app, invoice.id)).toBe(1);

    await app.runner.drain();
    const titles = await app.db
      .selectFrom('notifications')
      .select(['company_id', 'type', 'title', 'link_path'])
      .where('entity_id', 'in', [opened.id, resolved.note?.id ?? opened.id])
      .execute();
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ company_id: world.supplier.id, type: 'dispute.opened', link_path: `/disputes/${opened.id}` }),
        expect.objectContaining({ company_id: world.buyer.id, type: 'dispute.responded' }),
        expect.objectContaining({ company_id: world.buyer.id, type: 'dispute.resolved' }),
        expect.objectContaining({ company_id: world.buyer.id, type: 'note.issued', link_path: `/notes/${resolved.note?.id}` }),
      ]),
    );
    const openedNotice = titles.find((row) => row.type === 'dispute.opened');
    expect(openedNotice?.title).toContain(opened.number);
    expect(titles.some((row) => row.company_id === world.buyer.id && row.type === 'dispute.opened')).toBe(false);
  });

  it('is withdrawn only by the side that raised it, which clears the disputed amount; a withdrawn dispute takes no further step', async () => {
    const world = await acceptedOrderWorld(app, 'DspWithdraw');
    const invoice = await issuedInvoice(world);
    const buyer = world.buyer.members.manager.caller;
    const supplier = world.supplier.members.manager.caller;
    const first = await buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '5000.00', ...quality });
    const second = await supplier.finance.disputes.open({
      invoiceId: invoice.id,
      amount: '1000.00',
      reason: 'price',
      description: 'Rate was 266.50',
    });
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ disputed_amount: '6000.00' });
    const notTheirs = await failure(supplier.finance.disputes.withdraw({ disputeId: first.id }));
    expect([notTheirs.code, notTheirs.reason]).toEqual(['CONFLICT', 'WRONG_SIDE']);
    expect((await buyer.finance.disputes.withdraw({ disputeId: first.id })).status).toBe('withdrawn');
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ disputed_amount: '1000.00' });
    for (const step of [
      () => buyer.finance.disputes.withdraw({ disputeId: first.id }),
      () => supplier.finance.disputes.respond({ disputeId: first.id, response: 'late' }),
      () => supplier.finance.disputes.resolve({ disputeId: first.id, outcome: 'no_change' }),
    ]) {
      const refused = await failure(step());
      expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    }
    // The supplier raised the second; it resolves it without change, and the flag goes.
    await supplier.finance.disputes.resolve({ disputeId: second.id, outcome: 'no_change' });
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ disputed_amount: '0.00', credited_amount: '0.00' });
  });

  it('is for at most what is owed and not already disputed, naming the field, and writes nothing', async () => {
    const world = await acceptedOrderWorld(app, 'DspCap');
    const invoice = await issuedInvoice(world);
    const buyer = world.buyer.members.staff.caller;
    const over = await failure(buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '278775.01', ...quality }));
    expect(over.code).toBe('BAD_REQUEST');
    expect(fieldErrors(over).amount?.[0]).toMatch(/at most the 278775.00 still owed/);
    await buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '278000.00', ...quality });
    const past = await failure(buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '775.01', ...quality }));
    expect(fieldErrors(past).amount?.[0]).toMatch(/at most the 775.00/);
    const empty = await failure(
      buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '10.00', reason: 'quality', description: ' ' }),
    );
    expect(fieldErrors(empty).description).toBeDefined();
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ disputed_amount: '278000.00' });
  });

  it('another company gets NOT_FOUND, a viewer FORBIDDEN, and lists page by status', async () => {
    const world = await acceptedOrderWorld(app, 'DspWho');
    const invoice = await issuedInvoice(world);
    const stranger = world.stranger.members.owner.caller;
    const open = await failure(stranger.finance.disputes.open({ invoiceId: invoice.id, amount: '10.00', ...quality }));
    expect(open.code).toBe('NOT_FOUND');
    const viewer = await failure(
      world.buyer.members.viewer.caller.finance.disputes.open({ invoiceId: invoice.id, amount: '10.00', ...quality }),
    );
    expect(viewer.code).toBe('FORBIDDEN');
    const buyer = world.buyer.members.staff.caller;
    const a = await buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '10.00', ...quality });
    app.clock.advance(1000);
    const b = await buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '20.00', ...quality });
    app.clock.advance(1000);
    const c = await buyer.finance.disputes.open({ invoiceId: invoice.id, amount: '30.00', ...quality });
    await buyer.finance.disputes.withdraw({ disputeId: b.id });
    for (const call of [
      () => stranger.finance.disputes.get({ disputeId: a.id }),
      () => stranger.finance.disputes.respond({ disputeId: a.id, response: 'x' }),
      () => stranger.finance.disputes.resolve({ disputeId: a.id, outcome: 'no_change' }),
      () => stranger.finance.disputes.withdraw({ disputeId: a.id }),
      () => stranger.finance.disputes.list({ invoiceId: invoice.id }),
    ]) {
      expect((await failure(call())).code).toBe('NOT_FOUND');
    }
    expect((await stranger.finance.disputes.list({})).items).toEqual([]);
    const viewerCaller = world.supplier.members.viewer.caller;
    const page1 = await viewerCaller.finance.disputes.list({ status: 'open', limit: 1 });
    expect(page1.items.map((d) => d.id)).toEqual([c.id]);
    const page2 = await viewerCaller.finance.disputes.list({ status: 'open', limit: 1, cursor: page1.nextCursor ?? undefined });
    expect(page2.items.map((d) => d.id)).toEqual([a.id]);
    expect(page2.nextCursor).toBeNull();
    const withdrawn = await viewerCaller.finance.disputes.list({ status: 'withdrawn', invoiceId: invoice.id });
    expect(withdrawn.items.map((d) => [d.id, d.status, d.raisedByUs])).toEqual([[b.id, 'withdrawn', false]]);
    expect((await failure(viewerCaller.finance.disputes.respond({ disputeId: a.id, response: 'x' }))).code).toBe('FORBIDDEN');
  });
});
