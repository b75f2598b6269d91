import { DEFAULT_SLA } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { PDF, upload } from '../harness/files.ts';
import { complaintAudits, complaintEvents, complaintRow, contractWorld, DAY, fileOnOrder, HOUR, orderWorld } from './complaint-fixtures.ts';

// Complaints: who may file about what, every step of the machine and its refusals, and each
// party's internal notes kept from the other.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const cookie = (token: string) => `tl_session=${token}`;
async function uploaded(token: string): Promise<string> {
  const response = await upload(http.url, cookie(token), PDF, 'Lab report.pdf');
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
const download = (fileId: string, token: string) => fetch(`${http.url}/files/${fileId}`, { headers: { cookie: cookie(token) } });

// Moving the clock two weeks on would end the test sessions (idle after 7 days): the close is moved back instead.
const closedAgo = (id: string, ms: number) =>
  app.db
    .updateTable('complaints')
    .set({ closed_at: new Date(app.clock.now().getTime() - ms) })
    .where('id', '=', id)
    .execute();

const complaintsAbout = (aboutId: string) => app.db.selectFrom('complaints').select('id').where('about_id', '=', aboutId).execute();

describe('filing a complaint', () => {
  it('a buyer files about its order: numbered CMP in its series, against the supplier, deadlines from the default SLA', async () => {
    const world = await orderWorld(app, 'File');
    const evidence = await uploaded(world.buyer.members.staff.token);
    const filedAt = app.clock.now();
    const filed = await world.buyer.members.staff.caller.support.complaints.file({
      about: { type: 'order', id: world.order.id },
      category: 'quality',
      description: 'Yarn count off: 28s delivered instead of 30s',
      amountClaimed: '12500.50',
      evidenceFileIds: [evidence],
    });
    expect(filed.number).toMatch(/^CMP-\d{4}-000001$/);
    const row = await complaintRow(app, filed.id);
    expect(row).toMatchObject({
      buyer_company_id: world.buyer.id,
      supplier_company_id: world.supplier.id,
      about_document: world.order.buyerNumber,
      currency: 'INR',
      status: 'open',
      amount_claimed: '12500.50',
      version: 1,
    });
    expect(row.first_response_due_at.getTime() - row.created_at.getTime()).toBe(DEFAULT_SLA.quality.firstResponseHours * HOUR);
    expect(row.resolution_due_at.getTime() - row.created_at.getTime()).toBe(DEFAULT_SLA.quality.resolutionHours * HOUR);
    expect(row.created_at.getTime()).toBeGreaterThanOrEqual(filedAt.getTime());

    // One record both parties see, each from its own side.
    const asSupplier = await world.supplier.members.viewer.caller.support.complaints.get({ complaintId: filed.id });
    expect(asSupplier).toMatchObject({
      number: filed.number,
      side: 'supplier',
      buyer: { id: world.buyer.id, name: world.buyer.name },
      supplier: { id: world.supplier.id, name: world.supplier.name },
      about: { type: 'order', id: world.order.id, document: world.order.buyerNumber, linkPath: `/orders/${world.order.id}` },
      sla: 'on_time',
      assignee: null,
      escalated: false,
      actions: ['assign', 'escalate', 'resolve', 'reject', 'note'],
      evidence: [{ fileId: evidence, name: 'Lab report.pdf', contentType: 'application/pdf', companyId: world.buyer.id }],
      entries: [{ kind: 'filed', company: { id: world.buyer.id }, body: 'Yarn count off: 28s delivered instead of 30s', toStatus: 'open' }],
    });
    const asBuyer = await world.buyer.members.viewer.caller.support.complaints.get({ complaintId: filed.id });
    expect([asBuyer.side, asBuyer.actions]).toEqual(['buyer', ['escalate', 'note']]);
    // The supplier may download the buyer's evidence; a stranger may not.
    expect((await download(evidence, world.supplier.members.staff.token)).status).toBe(200);
    expect((await download(evidence, world.stranger.members.owner.token)).status).toBe(404);

    expect(await complaintEvents(app, filed.id)).toEqual([
      {
        type: 'complaint.filed',
        company_id: world.buyer.id,
        actor_user_id: world.buyer.members.staff.id,
        payload: {
          buyerCompanyId: world.buyer.id,
          supplierCompanyId: world.supplier.id,
          actorCompanyId: world.buyer.id,
          document: filed.number,
        },
      },
    ]);
    expect(await complaintAudits(app, filed.id)).toMatchObject([
      { action: 'complaint.filed', company_id: world.buyer.id, actor_user_id: world.buyer.members.staff.id },
    ]);
  });

  it('takes the deadlines from the supplier’s own policy for the category', async () => {
    const world = await orderWorld(app, 'Policy');
    await world.supplier.members.admin.caller.support.sla.set({
      policies: [{ category: 'billing', firstResponseHours: 4, resolutionHours: 36 }],
    });
    const filed = await fileOnOrder(world, { category: 'billing' });
    const row = await complaintRow(app, filed.id);
    expect(row.first_response_due_at.getTime() - row.created_at.getTime()).toBe(4 * HOUR);
    expect(row.resolution_due_at.getTime() - row.created_at.getTime()).toBe(36 * HOUR);
  });

  it('refuses the supplier and a stranger filing about the order as not found, writing nothing', async () => {
    const world = await orderWorld(app, 'NotBuyer');
    const about = { type: 'order' as const, id: world.order.id };
    const bySupplier = await failure(
      world.supplier.members.staff.caller.support.complaints.file({ about, category: 'other', description: 'x' }),
    );
    const byStranger = await failure(
      world.stranger.members.staff.caller.support.complaints.file({ about, category: 'other', description: 'x' }),
    );
    expect([bySupplier.code, byStranger.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(await complaintsAbout(world.order.id)).toEqual([]);
  });

  it('refuses an order the supplier has not received yet', async () => {
    const world = await orderWorld(app, 'Draft');
    const product = await world.supplier.members.staff.caller.catalog.products.list({});
    const draft = await world.buyer.members.staff.caller.orders.create({
      supplierId: world.supplier.id,
      lines: [{ productId: product.items[0]?.id as string, quantity: '10', unit: 'kg', unitPrice: '265.50' }],
    });
    const refused = await failure(
      world.buyer.members.staff.caller.support.complaints.file({
        about: { type: 'order', id: draft.id },
        category: 'other',
        description: 'x',
      }),
    );
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    expect(await complaintsAbout(draft.id)).toEqual([]);
  });

  it('a contract’s buyer files about it under its PC number; the seller cannot', async () => {
    const { seller, buyer, contractId } = await contractWorld(app, 'Contract');
    const filed = await buyer.members.staff.caller.support.complaints.file({
      about: { type: 'contract', id: contractId },
      category: 'quantity_short',
      description: '96 bales arrived of 100',
    });
    const view = await seller.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view.about).toEqual({
      type: 'contract',
      id: contractId,
      document: expect.stringMatching(/^PC-\d{4}-000001$/),
      linkPath: `/contracts/${contractId}`,
    });
    expect([view.supplier.id, view.currency]).toEqual([seller.id, 'INR']);
    const bySeller = await failure(
      seller.members.staff.caller.support.complaints.file({
        about: { type: 'contract', id: contractId },
        category: 'other',
        description: 'x',
      }),
    );
    expect(bySeller.code).toBe('NOT_FOUND');
    expect(await complaintsAbout(contractId)).toHaveLength(1);
  });

  it('finds no deliveries or invoices yet (they have no records on Tradeloom)', async () => {
    const world = await orderWorld(app, 'NoDelivery');
    for (const type of ['delivery', 'invoice'] as const) {
      const refused = await failure(
        world.buyer.members.staff.caller.support.complaints.file({
          about: { type, id: world.order.id },
          category: 'late_delivery',
          description: 'x',
        }),
      );
      expect(refused.code).toBe('NOT_FOUND');
    }
    expect(await complaintsAbout(world.order.id)).toEqual([]);
  });

  it('names the field of bad input and writes nothing: an empty description, another company’s file', async () => {
    const world = await orderWorld(app, 'BadInput');
    const emptyText = await failure(
      world.buyer.members.staff.caller.support.complaints.file({
        about: { type: 'order', id: world.order.id },
        category: 'quality',
        description: '  ',
      }),
    );
    expect(emptyText.code).toBe('BAD_REQUEST');
    expect(fieldErrors(emptyText).description).toEqual(['is required']);
    const theirs = await uploaded(world.supplier.members.staff.token);
    const foreignFile = await failure(
      world.buyer.members.staff.caller.support.complaints.file({
        about: { type: 'order', id: world.order.id },
        category: 'quality',
        description: 'See their own report',
        evidenceFileIds: [theirs],
      }),
    );
    expect(foreignFile.code).toBe('BAD_REQUEST');
    expect(fieldErrors(foreignFile).evidenceFileIds).toEqual(['must be files your company uploaded']);
    expect(await complaintsAbout(world.order.id)).toEqual([]);
    const series = await app.db
      .selectFrom('number_series')
      .select('doc_type')
      .where('company_id', '=', world.buyer.id)
      .where('doc_type', '=', 'CMP')
      .execute();
    expect(series).toEqual([]);
  });

  it('lets a viewer read but not file', async () => {
    const world = await orderWorld(app, 'Viewer');
    const refused = await failure(
      world.buyer.members.viewer.caller.support.complaints.file({
        about: { type: 'order', id: world.order.id },
        category: 'quality',
        description: 'x',
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });
});

describe('assigning', () => {
  it('the supplier’s manager assigns a member who handles complaints: in review, first response, event naming the assignee', async () => {
    const world = await orderWorld(app, 'Assign');
    const filed = await fileOnOrder(world);
    const rep = world.supplier.members.staff;
    const changed = await world.supplier.members.manager.caller.support.complaints.assign({
      complaintId: filed.id,
      assigneeUserId: rep.id,
      version: 1,
    });
    expect(changed).toEqual({ id: filed.id, status: 'in_review', version: 2 });
    const view = await world.buyer.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view).toMatchObject({ status: 'in_review', assignee: { id: rep.id, name: 'Test AssignSupplier-staff' } });
    expect(view.firstRespondedAt).not.toBeNull();
    expect(view.entries.map((entry) => [entry.kind, entry.fromStatus, entry.toStatus])).toEqual([
      ['filed', null, 'open'],
      ['assigned', 'open', 'in_review'],
    ]);
    const events = await complaintEvents(app, filed.id);
    expect(events[1]).toMatchObject({ type: 'complaint.assigned', company_id: world.supplier.id, payload: { assigneeUserId: rep.id } });
    expect((await complaintAudits(app, filed.id)).map((audit) => audit.action)).toEqual(['complaint.filed', 'complaint.assigned']);
  });

  it('refuses an assignee who is a viewer, a disabled member or someone of the buyer', async () => {
    const world = await orderWorld(app, 'Assignee');
    const filed = await fileOnOrder(world);
    const assign = (assigneeUserId: string) =>
      failure(world.supplier.members.manager.caller.support.complaints.assign({ complaintId: filed.id, assigneeUserId, version: 1 }));
    await app.db
      .updateTable('memberships')
      .set({ disabled_at: app.clock.now() })
      .where('company_id', '=', world.supplier.id)
      .where('user_id', '=', world.supplier.members.admin.id)
      .execute();
    for (const userId of [world.supplier.members.viewer.id, world.supplier.members.admin.id, world.buyer.members.staff.id]) {
      const refused = await assign(userId);
      expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'ASSIGNEE_NOT_MEMBER']);
    }
    expect((await complaintRow(app, filed.id)).status).toBe('open');
  });

  it('refuses the buyer (wrong side), a stale version and staff without support:manage', async () => {
    const world = await orderWorld(app, 'AssignRefused');
    const filed = await fileOnOrder(world);
    const byBuyer = await failure(
      world.buyer.members.manager.caller.support.complaints.assign({
        complaintId: filed.id,
        assigneeUserId: world.buyer.members.staff.id,
        version: 1,
      }),
    );
    expect([byBuyer.code, byBuyer.reason]).toEqual(['CONFLICT', 'WRONG_SIDE']);
    const stale = await failure(
      world.supplier.members.manager.caller.support.complaints.assign({
        complaintId: filed.id,
        assigneeUserId: world.supplier.members.staff.id,
        version: 7,
      }),
    );
    expect([stale.code, stale.reason]).toEqual(['CONFLICT', 'STALE_VERSION']);
    const byStaff = await failure(
      world.supplier.members.staff.caller.support.complaints.assign({
        complaintId: filed.id,
        assigneeUserId: world.supplier.members.staff.id,
        version: 1,
      }),
    );
    expect(byStaff.code).toBe('FORBIDDEN');
    const byStranger = await failure(
      world.stranger.members.manager.caller.support.complaints.assign({
        complaintId: filed.id,
        assigneeUserId: world.stranger.members.staff.id,
        version: 1,
      }),
    );
    expect(byStranger.code).toBe('NOT_FOUND');
    expect(await complaintEvents(app, filed.id)).toHaveLength(1);
  });
});

describe('escalating', () => {
  it('either side escalates by hand once, with a note on the timeline', async () => {
    const world = await orderWorld(app, 'Escalate');
    const filed = await fileOnOrder(world);
    const changed = await world.buyer.members.staff.caller.support.complaints.escalate({
      complaintId: filed.id,
      note: 'No answer on the phone for two days',
    });
    expect(changed).toEqual({ id: filed.id, status: 'open', version: 2 });
    const view = await world.supplier.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view).toMatchObject({ escalated: true, escalationReason: 'manual' });
    expect(view.entries.at(-1)).toMatchObject({
      kind: 'escalated',
      company: { id: world.buyer.id },
      body: 'No answer on the phone for two days',
      internal: false,
    });
    expect(view.actions).not.toContain('escalate');
    const again = await failure(world.supplier.members.staff.caller.support.complaints.escalate({ complaintId: filed.id }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    expect((await complaintEvents(app, filed.id)).map((event) => [event.type, event.payload.reason])).toEqual([
      ['complaint.filed', undefined],
      ['complaint.escalated', 'manual'],
    ]);
  });

  it('refuses escalating a closed complaint', async () => {
    const world = await orderWorld(app, 'EscalateClosed');
    const filed = await fileOnOrder(world);
    await world.supplier.members.staff.caller.support.complaints.reject({
      complaintId: filed.id,
      version: 1,
      reason: 'Count verified at dispatch',
    });
    const refused = await failure(world.buyer.members.staff.caller.support.complaints.escalate({ complaintId: filed.id }));
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });
});

describe('resolving and rejecting', () => {
  it('the supplier resolves with a credit note: resolved, closed, what was agreed on the record', async () => {
    const world = await orderWorld(app, 'Resolve');
    const filed = await fileOnOrder(world, { amountClaimed: '150000' });
    const changed = await world.supplier.members.staff.caller.support.complaints.resolve({
      complaintId: filed.id,
      version: 1,
      resolution: 'credit_note',
      creditAmount: '125000',
      note: 'Credit for the short count',
    });
    expect(changed).toEqual({ id: filed.id, status: 'resolved', version: 2 });
    const view = await world.buyer.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view).toMatchObject({
      status: 'resolved',
      resolution: { kind: 'credit_note', creditAmount: '125000.00', note: 'Credit for the short count' },
      actions: ['reopen', 'note'],
    });
    expect(view.closedAt).not.toBeNull();
    expect(new Date(view.reopenUntil as string).getTime() - new Date(view.closedAt as string).getTime()).toBe(14 * DAY);
    expect(view.entries.at(-1)).toMatchObject({
      kind: 'resolved',
      body: 'Credit note of ₹1,25,000.00: Credit for the short count',
      toStatus: 'resolved',
    });
    const again = await failure(
      world.supplier.members.staff.caller.support.complaints.resolve({
        complaintId: filed.id,
        version: 2,
        resolution: 'none',
        note: 'Again',
      }),
    );
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });

  it('refuses the buyer resolving or rejecting, and a credit note without an amount', async () => {
    const world = await orderWorld(app, 'ResolveRefused');
    const filed = await fileOnOrder(world);
    const resolve = await failure(
      world.buyer.members.staff.caller.support.complaints.resolve({
        complaintId: filed.id,
        version: 1,
        resolution: 'none',
        note: 'Settled',
      }),
    );
    const reject = await failure(
      world.buyer.members.staff.caller.support.complaints.reject({ complaintId: filed.id, version: 1, reason: 'Never mind' }),
    );
    expect([resolve.reason, reject.reason]).toEqual(['WRONG_SIDE', 'WRONG_SIDE']);
    const noAmount = await failure(
      world.supplier.members.staff.caller.support.complaints.resolve({
        complaintId: filed.id,
        version: 1,
        resolution: 'credit_note',
        note: 'Credit',
      }),
    );
    expect(fieldErrors(noAmount).creditAmount).toEqual(['is required for a credit note']);
    expect((await complaintRow(app, filed.id)).status).toBe('open');
  });

  it('the supplier rejects with a reason on the timeline', async () => {
    const world = await orderWorld(app, 'Reject');
    const filed = await fileOnOrder(world);
    expect(
      await world.supplier.members.staff.caller.support.complaints.reject({
        complaintId: filed.id,
        version: 1,
        reason: 'Count verified at dispatch',
      }),
    ).toEqual({ id: filed.id, status: 'rejected', version: 2 });
    const view = await world.buyer.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view).toMatchObject({ status: 'rejected', resolution: null });
    expect(view.entries.at(-1)).toMatchObject({
      kind: 'rejected',
      body: 'Count verified at dispatch',
      fromStatus: 'open',
      toStatus: 'rejected',
    });
  });
});

describe('reopening', () => {
  it('the buyer reopens within 14 days: in review, resolution cleared into the timeline', async () => {
    const world = await orderWorld(app, 'Reopen');
    const filed = await fileOnOrder(world);
    await world.supplier.members.staff.caller.support.complaints.resolve({
      complaintId: filed.id,
      version: 1,
      resolution: 'credit_note',
      creditAmount: '5000',
      note: 'Credit issued',
    });
    await closedAgo(filed.id, 13 * DAY);
    const bySupplier = await failure(
      world.supplier.members.staff.caller.support.complaints.reopen({ complaintId: filed.id, version: 2, reason: 'x' }),
    );
    expect(bySupplier.reason).toBe('WRONG_SIDE');
    const changed = await world.buyer.members.staff.caller.support.complaints.reopen({
      complaintId: filed.id,
      version: 2,
      reason: 'The credit note never came',
    });
    expect(changed).toEqual({ id: filed.id, status: 'in_review', version: 3 });
    const view = await world.supplier.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view).toMatchObject({ status: 'in_review', resolution: null, closedAt: null, reopenUntil: null, reopenCount: 1 });
    expect(view.entries.at(-1)).toMatchObject({
      kind: 'reopened',
      body: 'The credit note never came\n\nWas resolved: Credit note of ₹5,000.00 — Credit issued',
      fromStatus: 'resolved',
      toStatus: 'in_review',
    });
  });

  it('refuses reopening after 14 days', async () => {
    const world = await orderWorld(app, 'ReopenLate');
    const filed = await fileOnOrder(world);
    await world.supplier.members.staff.caller.support.complaints.reject({
      complaintId: filed.id,
      version: 1,
      reason: 'Outside the contract terms',
    });
    await closedAgo(filed.id, 14 * DAY + 60_000);
    const late = await failure(
      world.buyer.members.staff.caller.support.complaints.reopen({ complaintId: filed.id, version: 2, reason: 'Please look again' }),
    );
    expect([late.code, late.reason]).toEqual(['CONFLICT', 'REOPEN_WINDOW_PASSED']);
    expect((await complaintRow(app, filed.id)).status).toBe('rejected');
  });

  it('refuses reopening an open complaint', async () => {
    const world = await orderWorld(app, 'ReopenOpen');
    const filed = await fileOnOrder(world);
    const refused = await failure(
      world.buyer.members.staff.caller.support.complaints.reopen({ complaintId: filed.id, version: 1, reason: 'x' }),
    );
    expect(refused.reason).toBe('ILLEGAL_TRANSITION');
  });
});

describe('notes', () => {
  it('keeps each side’s internal notes from the other; shared notes reach both', async () => {
    const world = await orderWorld(app, 'Notes');
    const filed = await fileOnOrder(world);
    const notes = (side: typeof world.buyer, body: string, internal: boolean) =>
      side.members.staff.caller.support.complaints.addNote({ complaintId: filed.id, body, internal });
    await notes(world.supplier, 'Check the dispatch weighbridge slip first', true);
    await notes(world.buyer, 'Our QC lead thinks it is a mixed lot', true);
    await notes(world.buyer, 'Photos of the cones attached in the email', false);
    const bodies = async (side: typeof world.buyer) =>
      (await side.members.viewer.caller.support.complaints.get({ complaintId: filed.id })).entries
        .filter((entry) => entry.kind === 'note')
        .map((entry) => [entry.company.id === world.buyer.id ? 'buyer' : 'supplier', entry.internal, entry.body]);
    expect(await bodies(world.supplier)).toEqual([
      ['supplier', true, 'Check the dispatch weighbridge slip first'],
      ['buyer', false, 'Photos of the cones attached in the email'],
    ]);
    expect(await bodies(world.buyer)).toEqual([
      ['buyer', true, 'Our QC lead thinks it is a mixed lot'],
      ['buyer', false, 'Photos of the cones attached in the email'],
    ]);
    // Nothing about the supplier's internal note reaches the buyer's live stream.
    const events = await complaintEvents(app, filed.id);
    expect(events.filter((event) => event.type === 'complaint.noted').map((event) => [event.company_id, event.payload.internal])).toEqual([
      [world.supplier.id, true],
      [world.buyer.id, true],
      [world.buyer.id, false],
    ]);
  });

  it('a supplier’s first shared note is its first response; internal ones and the buyer’s are not; notes keep the version', async () => {
    const world = await orderWorld(app, 'FirstResponse');
    const filed = await fileOnOrder(world);
    await world.supplier.members.staff.caller.support.complaints.addNote({ complaintId: filed.id, body: 'Internal only', internal: true });
    await world.buyer.members.staff.caller.support.complaints.addNote({ complaintId: filed.id, body: 'Any news?' });
    expect((await complaintRow(app, filed.id)).first_responded_at).toBeNull();
    const changed = await world.supplier.members.staff.caller.support.complaints.addNote({
      complaintId: filed.id,
      body: 'Looking into it',
    });
    expect(changed).toEqual({ id: filed.id, status: 'open', version: 1 });
    expect((await complaintRow(app, filed.id)).first_responded_at).not.toBeNull();
  });

  it('attaches the writer’s files to a shared note as evidence, refuses them on an internal note', async () => {
    const world = await orderWorld(app, 'NoteFiles');
    const filed = await fileOnOrder(world);
    const report = await uploaded(world.supplier.members.staff.token);
    const internal = await failure(
      world.supplier.members.staff.caller.support.complaints.addNote({
        complaintId: filed.id,
        body: 'Our report',
        internal: true,
        fileIds: [report],
      }),
    );
    expect(fieldErrors(internal).fileIds).toEqual(['cannot be attached to an internal note']);
    await world.supplier.members.staff.caller.support.complaints.addNote({
      complaintId: filed.id,
      body: 'Our dispatch report',
      fileIds: [report],
    });
    const view = await world.buyer.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view.evidence).toMatchObject([{ fileId: report, companyId: world.supplier.id }]);
    expect((await download(report, world.buyer.members.staff.token)).status).toBe(200);
  });

  it('a stranger cannot read or write on it', async () => {
    const world = await orderWorld(app, 'NoteStranger');
    const filed = await fileOnOrder(world);
    const read = await failure(world.stranger.members.owner.caller.support.complaints.get({ complaintId: filed.id }));
    const write = await failure(world.stranger.members.owner.caller.support.complaints.addNote({ complaintId: filed.id, body: 'Hello' }));
    expect([read.code, write.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect((await world.stranger.members.owner.caller.support.complaints.list({})).items).toEqual([]);
  });
});
