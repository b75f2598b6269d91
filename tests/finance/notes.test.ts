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

// The world's invoice: 1000 kg of yarn at ₹265.50 (HSN 5205, 5 %): taxable ₹2,65,500.00, tax
// ₹13,275.00, total ₹2,78,775.00.

describe('credit and debit notes', () => {
  it('a credit note for returned goods reduces what is owed, split CGST + SGST within a state, and both parties see it', async () => {
    const world = await acceptedOrderWorld(app, 'NoteIntra');
    const invoice = await issuedInvoice(world);
    expect(invoice.total).toBe('278775.00');
    const supplier = world.supplier.members.staff.caller;
    const line = invoice.lines[0];
    if (!line) throw new Error('the invoice has a line');
    const created = await supplier.finance.notes.create({
      invoiceId: invoice.id,
      kind: 'credit',
      reason: 'return',
      description: '100 kg returned',
      lines: [{ invoiceLineId: line.id, quantity: '100' }],
    });
    expect(created.number).toMatch(/^CN-\d{4}-\d{2}\/000001$/);
    const note = await world.buyer.members.viewer.caller.finance.notes.get({ noteId: created.id });
    expect(note).toMatchObject({
      kind: 'credit',
      side: 'buyer',
      taxRegime: 'intra_state',
      taxable: '26550.00',
      cgst: '663.75',
      sgst: '663.75',
      igst: '0.00',
      tax: '1327.50',
      total: '27877.50',
      invoiceNumber: invoice.number,
    });
    expect(note.lines).toEqual([
      expect.objectContaining({ invoiceLineId: line.id, quantity: '100.000', taxRate: '5.00', taxable: '26550.00', total: '27877.50' }),
    ]);
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ credited_amount: '27877.50', status: 'issued' });
    const buyerList = await world.buyer.members.staff.caller.finance.notes.list({ invoiceId: invoice.id });
    expect(buyerList.items.map((n) => n.number)).toEqual([created.number]);
    expect(buyerList.invoice).toMatchObject({ side: 'buyer', status: 'issued', creditable: '250897.50', disputable: '250897.50' });
    const second = await supplier.finance.notes.create({ invoiceId: invoice.id, kind: 'credit', reason: 'other', amount: '1050.00' });
    expect(second.number).toMatch(/\/000002$/);
  });

  it('splits a note across states as IGST, and an amount including tax keeps the invoice line’s rate', async () => {
    const world = await acceptedOrderWorld(app, 'NoteInter', { interState: true });
    const invoice = await issuedInvoice(world);
    const supplier = world.supplier.members.manager.caller;
    const credit = await supplier.finance.notes.create({
      invoiceId: invoice.id,
      kind: 'credit',
      reason: 'price_difference',
      amount: '10500.00',
    });
    expect(await supplier.finance.notes.get({ noteId: credit.id })).toMatchObject({
      taxRegime: 'inter_state',
      taxable: '10000.00',
      cgst: '0.00',
      sgst: '0.00',
      igst: '500.00',
      total: '10500.00',
    });
    const debit = await supplier.finance.notes.create({
      invoiceId: invoice.id,
      kind: 'debit',
      reason: 'price_difference',
      lines: [{ invoiceLineId: invoice.lines[0]?.id ?? '', amount: '2000.00' }],
    });
    expect(debit.number).toMatch(/^DN-\d{4}-\d{2}\/000001$/);
    expect(await supplier.finance.notes.get({ noteId: debit.id })).toMatchObject({ taxable: '2000.00', igst: '100.00', total: '2100.00' });
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ credited_amount: '10500.00', debited_amount: '2100.00' });
  });

  it('never takes the invoice below zero, naming the field, and writes nothing', async () => {
    const world = await acceptedOrderWorld(app, 'NoteCap');
    const invoice = await issuedInvoice(world);
    const supplier = world.supplier.members.staff.caller;
    const over = await failure(
      supplier.finance.notes.create({ invoiceId: invoice.id, kind: 'credit', reason: 'other', amount: '278775.01' }),
    );
    expect(over.code).toBe('BAD_REQUEST');
    expect(fieldErrors(over).amount?.[0]).toMatch(/more than the 278775.00 left/);
    await supplier.finance.notes.create({ invoiceId: invoice.id, kind: 'credit', reason: 'other', amount: '278000.00' });
    const past = await failure(
      supplier.finance.notes.create({
        invoiceId: invoice.id,
        kind: 'credit',
        reason: 'return',
        lines: [{ invoiceLineId: invoice.lines[0]?.id ?? '', quantity: '10' }],
      }),
    );
    expect(fieldErrors(past).lines?.[0]).toMatch(/more than the 775.00 left/);
    const tooMany = await failure(
      supplier.finance.notes.create({
        invoiceId: invoice.id,
        kind: 'debit',
        reason: 'return',
        lines: [{ invoiceLineId: invoice.lines[0]?.id ?? '', quantity: '1000.001' }],
      }),
    );
    expect(fieldErrors(tooMany)['lines.0.quantity']?.[0]).toMatch(/at most the invoiced 1000/);
    expect(await noteCount(app, invoice.id)).toBe(1);
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ credited_amount: '278000.00', status: 'issued' });
    // The whole remainder settles it.
    await supplier.finance.notes.create({ invoiceId: invoice.id, kind: 'credit', reason: 'other', amount: '775.00' });
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ credited_amount: '278775.00', status: 'paid' });
  });

  it('is the supplier’s to issue: the buyer is refused, a viewer FORBIDDEN, another company NOT_FOUND', async () => {
    const world = await acceptedOrderWorld(app, 'NoteWho');
    const invoice = await issuedInvoice(world);
    const input = { invoiceId: invoice.id, kind: 'credit' as const, reason: 'other' as const, amount: '100.00' };
    const buyer = await failure(world.buyer.members.manager.caller.finance.notes.create(input));
    expect([buyer.code, buyer.reason]).toEqual(['FORBIDDEN', 'WRONG_SIDE']);
    const viewer = await failure(world.supplier.members.viewer.caller.finance.notes.create(input));
    expect(viewer.code).toBe('FORBIDDEN');
    const stranger = await failure(world.stranger.members.owner.caller.finance.notes.create(input));
    expect(stranger.code).toBe('NOT_FOUND');
    const created = await world.supplier.members.staff.caller.finance.notes.create(input);
    expect((await failure(world.stranger.members.owner.caller.finance.notes.get({ noteId: created.id }))).code).toBe('NOT_FOUND');
    expect((await failure(world.stranger.members.owner.caller.finance.notes.list({ invoiceId: invoice.id }))).code).toBe('NOT_FOUND');
    expect(await world.stranger.members.owner.caller.finance.notes.list({})).toEqual({ items: [], invoice: null });
    expect(await noteCount(app, invoice.id)).toBe(1);
  });

  it('refuses a note on a cancelled invoice as CONFLICT', async () => {
    const world = await acceptedOrderWorld(app, 'NoteCancelled');
    const invoice = await issuedInvoice(world);
    const { version } = await world.supplier.members.staff.caller.finance.invoices.get({ invoiceId: invoice.id });
    await world.supplier.members.manager.caller.finance.invoices.cancel({ invoiceId: invoice.id, version, reason: 'Raised in error' });
    const refused = await failure(
      world.supplier.members.staff.caller.finance.notes.create({
        invoiceId: invoice.id,
        kind: 'credit',
        reason: 'other',
        amount: '100.00',
      }),
    );
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });

  it('issues the credit note a resolved complaint agreed on, once, against the order’s invoice', async () => {
    const world = await acceptedOrderWorld(app, 'NoteComplaint');
    const invoice = await issuedInvoice(world);
    const filed = await world.buyer.members.staff.caller.support.complaints.file({
      about: { type: 'order', id: world.order.id },
      category: 'quality',
      description: 'Two bales failed the micronaire re-test',
      evidenceFileIds: [],
    });
    const supplier = world.supplier.members.staff.caller;
    const early = await failure(supplier.finance.notes.fromComplaint({ complaintId: filed.id }));
    expect([early.code, early.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    await supplier.support.complaints.resolve({
      complaintId: filed.id,
      version: 1,
      resolution: 'credit_note',
      creditAmount: '2100',
      note: 'Credit',
    });
    const buyer = await failure(world.buyer.members.manager.caller.finance.notes.fromComplaint({ complaintId: filed.id }));
    expect([buyer.code, buyer.reason]).toEqual(['FORBIDDEN', 'WRONG_SIDE']);
    expect((await failure(world.stranger.members.owner.caller.finance.notes.fromComplaint({ complaintId: filed.id }))).code).toBe(
      'NOT_FOUND',
    );
    const note = await supplier.finance.notes.fromComplaint({ complaintId: filed.id });
    expect(await world.buyer.members.viewer.caller.finance.notes.get({ noteId: note.id })).toMatchObject({
      kind: 'credit',
      reason: 'complaint',
      complaintId: filed.id,
      invoiceId: invoice.id,
      taxable: '2000.00',
      cgst: '50.00',
      sgst: '50.00',
      total: '2100.00',
    });
    const twice = await failure(supplier.finance.notes.fromComplaint({ complaintId: filed.id }));
    expect([twice.code, twice.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    expect(twice.message).toContain(note.number);
    expect(await invoiceFigures(app, invoice.id)).toMatchObject({ credited_amount: '2100.00' });
  });
});
