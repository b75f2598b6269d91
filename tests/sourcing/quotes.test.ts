import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDueTenders } from '../../server/src/modules/sourcing/tender-clock.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { HOUR, tenderWorld } from './quote-fixtures.ts';

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

const clockRequest = { requestId: 'test-clock', ip: null, userAgent: null };
const lines = (itemIds: string[], price = '120.50') => itemIds.map((itemId) => ({ itemId, unitPrice: price }));

async function revisions(tenderId: string, supplierId: string) {
  return app.db
    .selectFrom('quotes')
    .select(['id', 'revision', 'status'])
    .where('tender_id', '=', tenderId)
    .where('supplier_company_id', '=', supplierId)
    .orderBy('revision')
    .orderBy('status')
    .execute();
}

async function uploaded(token: string, name: string): Promise<string> {
  const response = await upload(http.url, `tl_session=${token}`, PDF, name);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('drafts, submission and revision', () => {
  it('a supplier saves a private draft, submits it, and a resubmission supersedes revision 1 with history kept', async () => {
    const { buyer, supplierA, tender } = await tenderWorld(app, 'Rev');
    const quotes = supplierA.members.staff.caller.sourcing.quotes;
    const draft = await quotes.saveDraft({ tenderId: tender.id, lines: lines(tender.itemIds), leadTimeDays: 12 });
    expect(draft).toMatchObject({ revision: 1, status: 'draft', version: 1 });
    const resaved = await quotes.saveDraft({ tenderId: tender.id, lines: lines(tender.itemIds, '118'), version: 1 });
    expect(resaved).toMatchObject({ id: draft.id, version: 2 });
    // A stale editor cannot overwrite the newer draft.
    const stale = await failure(quotes.saveDraft({ tenderId: tender.id, lines: lines(tender.itemIds), version: 1 }));
    expect([stale.code, stale.reason]).toEqual(['CONFLICT', 'STALE_VERSION']);
    // The currency defaults to the tender's.
    const head = await app.db
      .selectFrom('quotes')
      .select(['currency', 'lead_time_days'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(head).toEqual({ currency: 'INR', lead_time_days: null });

    const first = await quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds), leadTimeDays: 10 });
    expect(first).toMatchObject({ revision: 1, status: 'submitted' });
    expect(await revisions(tender.id, supplierA.id)).toEqual([{ id: first.id, revision: 1, status: 'submitted' }]);

    await quotes.saveDraft({ tenderId: tender.id, lines: lines(tender.itemIds, '115') });
    const second = await quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds, '115'), leadTimeDays: 9 });
    expect(second).toMatchObject({ revision: 2, status: 'submitted' });
    // Revision 1 is kept as history; the draft went with the submission.
    expect(await revisions(tender.id, supplierA.id)).toEqual([
      { id: first.id, revision: 1, status: 'superseded' },
      { id: second.id, revision: 2, status: 'submitted' },
    ]);
    // The supplier reads its history, newest first; the buyer sees the active revision, sealed.
    const own = await supplierA.members.viewer.caller.sourcing.tenders.get({ tenderId: tender.id });
    if (own.side !== 'supplier') throw new Error('expected the supplier side');
    expect(own.quotes.map((quote) => [quote.revision, quote.status, quote.terms.lines[0]?.unitPrice])).toEqual([
      [2, 'submitted', '115.0000'],
      [1, 'superseded', '120.5000'],
    ]);
    expect(own.invitation.state).toBe('quoted');
    const buyerView = await buyer.members.viewer.caller.sourcing.tenders.get({ tenderId: tender.id });
    if (buyerView.side !== 'buyer') throw new Error('expected the buyer side');
    expect(buyerView.quotes).toEqual([expect.objectContaining({ id: second.id, revision: 2, supplierId: supplierA.id, terms: null })]);
    const priced = await app.db.selectFrom('quote_lines').select('unit_price').where('quote_id', '=', second.id).execute();
    expect(priced.map((line) => Number(line.unit_price))).toEqual([115, 115]);

    // The buyer is told who quoted, never the price: the event names the buyer alone.
    const events = await app.db
      .selectFrom('domain_events')
      .select(['type', 'payload', 'company_id'])
      .where('entity_id', '=', tender.id)
      .where('type', '=', 'quote.submitted')
      .execute();
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.payload).toMatchObject({ buyerCompanyId: buyer.id, actorCompanyId: supplierA.id, recipients: [buyer.id] });
      expect(JSON.stringify(event.payload)).not.toMatch(/"115(\.0+)?"|:115\b|120\.5/);
    }
    // The audit rows are the supplier's own.
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['company_id', 'action', 'after'])
      .where('entity_id', '=', second.id)
      .execute();
    expect(audit).toEqual([expect.objectContaining({ company_id: supplierA.id, action: 'quote.submitted' })]);
    // Prices as the quote carried them; a bare '115' could sit inside an id.
    expect(JSON.stringify(audit)).not.toMatch(/"115(\.0+)?"|:115\b|120\.5/);
  });

  it('a draft can be discarded, and alternatives and attachments are kept with the quote', async () => {
    const { supplierA, supplierB, tender } = await tenderWorld(app, 'Alt');
    const quotes = supplierA.members.staff.caller.sourcing.quotes;
    const own = await uploaded(supplierA.members.staff.token, 'Lab report.pdf');
    const theirs = await uploaded(supplierB.members.staff.token, 'Their report.pdf');
    const [item] = tender.itemIds as [string];
    const offer = [
      { itemId: item, unitPrice: '120' },
      {
        itemId: item,
        alternativeNo: 1,
        description: '28 mm staple',
        unitPrice: '110',
        quantity: '400',
        freightPerUnit: '2.5',
        taxRate: '5',
      },
    ];
    // Another company's file is not found.
    const foreign = await failure(quotes.saveDraft({ tenderId: tender.id, lines: offer, attachmentFileIds: [theirs] }));
    expect(foreign.code).toBe('NOT_FOUND');
    await quotes.saveDraft({ tenderId: tender.id, lines: offer, attachmentFileIds: [own] });
    await quotes.discardDraft({ tenderId: tender.id });
    expect(await revisions(tender.id, supplierA.id)).toEqual([]);
    expect((await failure(quotes.discardDraft({ tenderId: tender.id }))).code).toBe('NOT_FOUND');

    const saved = await quotes.submit({ tenderId: tender.id, lines: offer, attachmentFileIds: [own], currency: 'USD' });
    const stored = await app.db
      .selectFrom('quote_lines')
      .select(['alternative_no', 'description'])
      .where('quote_id', '=', saved.id)
      .orderBy('alternative_no')
      .execute();
    expect(stored).toEqual([
      { alternative_no: 0, description: null },
      { alternative_no: 1, description: '28 mm staple' },
    ]);
    const files = await app.db.selectFrom('quote_attachments').select('file_id').where('quote_id', '=', saved.id).execute();
    expect(files).toEqual([{ file_id: own }]);
    const head = await app.db.selectFrom('quotes').select('currency').where('id', '=', saved.id).executeTakeFirstOrThrow();
    expect(head.currency).toBe('USD');
  });

  it('an idempotency key makes a retried submit return the first result and write one revision', async () => {
    const { supplierA, tender } = await tenderWorld(app, 'Idem');
    const quotes = supplierA.members.staff.caller.sourcing.quotes;
    const input = { tenderId: tender.id, lines: lines(tender.itemIds), idempotencyKey: 'quote-retry-0001' };
    const first = await quotes.submit(input);
    const again = await quotes.submit(input);
    expect(again).toEqual(first);
    expect(await revisions(tender.id, supplierA.id)).toHaveLength(1);
    const other = await failure(quotes.submit({ ...input, lines: lines(tender.itemIds, '99') }));
    expect([other.code, other.reason]).toEqual(['UNPROCESSABLE_CONTENT', 'IDEMPOTENCY_MISMATCH']);
    expect(await revisions(tender.id, supplierA.id)).toHaveLength(1);
  });
});

describe('withdrawal and declining', () => {
  it('withdraws the active quote before the deadline; nothing left to withdraw is a conflict', async () => {
    const { buyer, supplierA, tender } = await tenderWorld(app, 'Wd');
    const quotes = supplierA.members.staff.caller.sourcing.quotes;
    const submitted = await quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) });
    const withdrawn = await quotes.withdraw({ tenderId: tender.id });
    expect(withdrawn).toMatchObject({ id: submitted.id, status: 'withdrawn', version: 2 });
    const again = await failure(quotes.withdraw({ tenderId: tender.id }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    const event = await app.db
      .selectFrom('domain_events')
      .select('payload')
      .where('entity_id', '=', tender.id)
      .where('type', '=', 'quote.withdrawn')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ recipients: [buyer.id] });
    // A new quote after a withdrawal is the next revision.
    expect(await quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) })).toMatchObject({ revision: 2, status: 'submitted' });
  });

  it('a supplier declines with a reason, cannot decline with an active quote, and may change its mind', async () => {
    const { buyer, supplierA, supplierB, tender } = await tenderWorld(app, 'Dec');
    await supplierB.members.staff.caller.sourcing.invitations.decline({ tenderId: tender.id, reason: 'No stock this season' });
    const invitation = () =>
      app.db
        .selectFrom('tender_invitations')
        .select(['status', 'decline_reason'])
        .where('tender_id', '=', tender.id)
        .where('supplier_company_id', '=', supplierB.id)
        .executeTakeFirstOrThrow();
    expect(await invitation()).toEqual({ status: 'declined', decline_reason: 'No stock this season' });
    const event = await app.db
      .selectFrom('domain_events')
      .select(['payload'])
      .where('entity_id', '=', tender.id)
      .where('type', '=', 'tender.invitation_declined')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ actorCompanyId: supplierB.id, recipients: [buyer.id] });

    await supplierB.members.staff.caller.sourcing.quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) });
    expect(await invitation()).toEqual({ status: 'invited', decline_reason: null });

    await supplierA.members.staff.caller.sourcing.quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) });
    const refused = await failure(supplierA.members.staff.caller.sourcing.invitations.decline({ tenderId: tender.id }));
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });
});

describe('refusals', () => {
  it('refuses a quote one second late, before the clock has closed the tender, and after it has', async () => {
    const { supplierA, supplierB, tender } = await tenderWorld(app, 'Late', HOUR);
    await supplierB.members.staff.caller.sourcing.quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) });
    app.clock.advance(HOUR + 1000);
    try {
      const status = await app.db.selectFrom('tenders').select('status').where('id', '=', tender.id).executeTakeFirstOrThrow();
      expect(status.status).toBe('open');
      const before = await countRows(app, 'audit_log');
      const late = await failure(
        supplierA.members.staff.caller.sourcing.quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) }),
      );
      expect([late.code, late.reason]).toEqual(['CONFLICT', 'DEADLINE_PASSED']);
      const draft = await failure(
        supplierA.members.staff.caller.sourcing.quotes.saveDraft({ tenderId: tender.id, lines: lines(tender.itemIds) }),
      );
      expect(draft.reason).toBe('DEADLINE_PASSED');
      const withdraw = await failure(supplierB.members.staff.caller.sourcing.quotes.withdraw({ tenderId: tender.id }));
      expect(withdraw.reason).toBe('DEADLINE_PASSED');
      const decline = await failure(supplierA.members.staff.caller.sourcing.invitations.decline({ tenderId: tender.id }));
      expect(decline.reason).toBe('DEADLINE_PASSED');
      expect(await countRows(app, 'audit_log')).toBe(before);

      await closeDueTenders(app.db, app.clock, clockRequest);
      const closed = await failure(
        supplierA.members.staff.caller.sourcing.quotes.submit({ tenderId: tender.id, lines: lines(tender.itemIds) }),
      );
      expect([closed.code, closed.reason]).toEqual(['CONFLICT', 'TENDER_NOT_OPEN']);
    } finally {
      app.clock.advance(-(HOUR + 1000));
    }
  });

  it('a company not invited, and the buyer itself, find no tender to quote on; a viewer may not quote', async () => {
    const { buyer, supplierA, tender } = await tenderWorld(app, 'Who');
    const stranger = await createCompany(app, 'Stranger');
    const input = { tenderId: tender.id, lines: lines(tender.itemIds) };
    expect((await failure(stranger.members.owner.caller.sourcing.quotes.submit(input))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.members.owner.caller.sourcing.quotes.saveDraft(input))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.members.owner.caller.sourcing.invitations.decline({ tenderId: tender.id }))).code).toBe('NOT_FOUND');
    expect((await failure(buyer.members.owner.caller.sourcing.quotes.submit(input))).code).toBe('NOT_FOUND');
    const viewer = await failure(supplierA.members.viewer.caller.sourcing.quotes.submit(input));
    expect([viewer.code, viewer.reason]).toEqual(['FORBIDDEN', 'PERMISSION_DENIED']);
    expect(await revisions(tender.id, supplierA.id)).toEqual([]);
  });

  it('bad input names the field and writes nothing', async () => {
    const { supplierA, tender } = await tenderWorld(app, 'Bad');
    const { tender: other } = await tenderWorld(app, 'BadOther');
    const quotes = supplierA.members.staff.caller.sourcing.quotes;
    const [item] = tender.itemIds as [string];
    const before = { audit: await countRows(app, 'audit_log'), events: await countRows(app, 'domain_events') };
    const foreignItem = await failure(
      quotes.submit({ tenderId: tender.id, lines: [{ itemId: other.itemIds[0] as string, unitPrice: '1' }] }),
    );
    expect(fieldErrors(foreignItem)['lines.0.itemId']).toBeDefined();
    const alternative = await failure(quotes.submit({ tenderId: tender.id, lines: [{ itemId: item, alternativeNo: 2, unitPrice: '1' }] }));
    expect(fieldErrors(alternative)['lines.0.description']).toBeDefined();
    const twice = await failure(
      quotes.submit({
        tenderId: tender.id,
        lines: [
          { itemId: item, unitPrice: '1' },
          { itemId: item, unitPrice: '2' },
        ],
      }),
    );
    expect(fieldErrors(twice)['lines.1.alternativeNo']).toBeDefined();
    const unit = await failure(quotes.saveDraft({ tenderId: tender.id, lines: [{ itemId: item, unitPrice: '1', unit: 'furlong' }] }));
    expect(fieldErrors(unit)['lines.0.unit']).toBeDefined();
    const price = await failure(quotes.submit({ tenderId: tender.id, lines: [{ itemId: item, unitPrice: '-3' }] }));
    expect(fieldErrors(price).lines).toBeDefined();
    const none = await failure(quotes.submit({ tenderId: tender.id, lines: [] }));
    expect(fieldErrors(none).lines).toBeDefined();
    expect(await revisions(tender.id, supplierA.id)).toEqual([]);
    expect({ audit: await countRows(app, 'audit_log'), events: await countRows(app, 'domain_events') }).toEqual(before);
  });
});
