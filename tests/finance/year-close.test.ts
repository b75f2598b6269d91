import { inTransaction } from '@tradeloom/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runYearCloseStep } from '../../server/src/modules/finance/year-close.job.ts';
import { assertDocumentDateOpen } from '../../server/src/modules/settings/financial-years.service.ts';
import { nextDocumentNumber } from '../../server/src/modules/settings/number-series.service.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { seedInvoice, seedNote, seedPartner, seedPayment } from './year-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const YEAR = '2026-27';
const NEXT = '2027-28';

type Partner = { id: string };

interface Books {
  company: TestCompany;
  partners: { b1: Partner; b2: Partner; b3: Partner; b4: Partner; s: Partner };
  /** The non-zero opening balances the close of 2026-27 must carry into 2027-28. */
  expected: { partnerId: string; side: string; currency: string; amount: string }[];
}

/** The company's 2026-27 (a new company may already have it, as the year it was created in). */
async function ensureYear(company: TestCompany) {
  const years = await company.members.admin.caller.settings.financialYears.list();
  if (!years.some((y) => y.label === YEAR)) {
    await company.members.admin.caller.settings.financialYears.create({ label: YEAR, startsOn: '2026-04-01', endsOn: '2027-03-31' });
  }
}

/**
 * A supplier's year 2026-27 (India, April–March): four buyers and one supplier of its own, with
 * invoices, notes and payments inside the year, and some after it or cancelled before its end.
 */
async function booksWorld(label: string): Promise<Books> {
  const company = await createCompany(app, label);
  await ensureYear(company);
  const [b1, b2, b3, b4, s] = await Promise.all(['B1', 'B2', 'B3', 'B4', 'S'].map((p) => seedPartner(app, `${label}${p}`)));
  if (!b1 || !b2 || !b3 || !b4 || !s) throw new Error('partners missing');
  const sell = (buyer: Partner, date: string, total: string, extra: Partial<Parameters<typeof seedInvoice>[1]> = {}) =>
    seedInvoice(app, { supplierId: company.id, buyerId: buyer.id, date, total, ...extra });
  const received = (from: Partner, date: string, amount: string, currency = 'INR') =>
    seedPayment(app, { companyId: company.id, partnerId: from.id, direction: 'received', date, amount, currency });

  // B1: 1,00,000 + 50,000 − 60,000 received − 5,000 credit note = 85,000; later documents do not count.
  const first = await sell(b1, '2026-05-01', '100000.00');
  await sell(b1, '2026-09-01', '50000.00');
  await received(b1, '2026-10-01', '60000.00');
  await seedNote(app, {
    invoiceId: first.id,
    supplierId: company.id,
    buyerId: b1.id,
    kind: 'credit',
    date: '2026-11-01',
    total: '5000.00',
  });
  await sell(b1, '2027-04-05', '9999.00');
  await received(b1, '2027-04-10', '10000.00');
  // B2: settled in rupees, 1,000 dollars open.
  await sell(b2, '2026-06-01', '30000.00');
  await sell(b2, '2026-06-02', '1000.00', { currency: 'USD' });
  await received(b2, '2026-07-01', '30000.00');
  // B3: only a draft and an invoice cancelled within the year: nothing to carry.
  await sell(b3, '2026-06-01', '40000.00', { status: 'cancelled', cancelledAt: new Date('2026-12-01T10:00:00Z') });
  await sell(b3, '2026-06-01', '1234.00', { status: 'draft' });
  // B4: an advance, no invoice yet.
  await received(b4, '2027-03-31', '25000.00');
  // S sells to us: 70,000 less 700 TDS, 30,000 paid; a payment reversed within the year does not count.
  await seedInvoice(app, { supplierId: s.id, buyerId: company.id, date: '2026-08-01', total: '70000.00', tds: '700.00' });
  await seedPayment(app, { companyId: company.id, partnerId: s.id, direction: 'made', date: '2026-09-01', amount: '30000.00' });
  await seedPayment(app, {
    companyId: company.id,
    partnerId: s.id,
    direction: 'made',
    date: '2026-09-02',
    amount: '5000.00',
    reversedAt: new Date('2026-09-03T10:00:00Z'),
  });

  const expected = [
    { partnerId: b1.id, side: 'receivable', currency: 'INR', amount: '85000.00' },
    { partnerId: b2.id, side: 'receivable', currency: 'USD', amount: '1000.00' },
    { partnerId: b4.id, side: 'receivable', currency: 'INR', amount: '-25000.00' },
    { partnerId: s.id, side: 'payable', currency: 'INR', amount: '39300.00' },
  ];
  return { company, partners: { b1, b2, b3, b4, s }, expected };
}

const sortRows = <T extends { partnerId: string; side: string; currency: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.partnerId.localeCompare(b.partnerId) || a.side.localeCompare(b.side) || a.currency.localeCompare(b.currency));

/** Every opening balance of the year, read two partners a page (so paging is walked too). */
async function carried(company: TestCompany, year = NEXT) {
  const rows: { partnerId: string; side: string; currency: string; amount: string }[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await company.members.viewer.caller.finance.years.openingBalances({ year, limit: 2, cursor });
    for (const item of page.items) {
      expect(seen.has(item.partnerId)).toBe(false);
      seen.add(item.partnerId);
      rows.push(...item.balances.map((b) => ({ partnerId: item.partnerId, ...b })));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return sortRows(rows);
}

async function yearOf(company: TestCompany, label = YEAR) {
  const years = await company.members.viewer.caller.finance.years.list();
  const year = years.find((y) => y.label === label);
  if (!year) throw new Error(`no year ${label}`);
  return year;
}

describe('finance.years.close', () => {
  it('carries each partner’s open balance forward as the next year’s opening balance, then shows the year closed', async () => {
    const { company, expected } = await booksWorld('Carry');
    expect((await yearOf(company)).state).toBe('open');
    await company.members.admin.caller.finance.years.close({ year: YEAR });

    const closing = await yearOf(company);
    expect(closing.state).toBe('closing');
    expect(closing.close).toMatchObject({ status: 'running', doneSteps: 0 });
    expect(closing.closedByName).toBeTruthy();

    await app.runner.drain();
    const closed = await yearOf(company);
    expect(closed.state).toBe('closed');
    // Four partners with documents counting at the year's end (B3's were cancelled or drafts).
    expect(closed.close).toMatchObject({ status: 'done', doneSteps: 4, totalSteps: 4, error: null });
    expect(await carried(company)).toEqual(sortRows(expected));
    // The next year exists now, open.
    expect((await yearOf(company, NEXT)).state).toBe('open');
  });

  it('settings.financialYears.close takes the same path (one implementation)', async () => {
    const { company, expected } = await booksWorld('Settings');
    const year = await yearOf(company);
    await company.members.admin.caller.settings.financialYears.close({ financialYearId: year.id });
    await app.runner.drain();
    expect((await yearOf(company)).close?.status).toBe('done');
    expect(await carried(company)).toEqual(sortRows(expected));
  });

  it('refuses documents dated in a closing or closed year (FINANCIAL_YEAR_CLOSED); numbering starts afresh in the next year', async () => {
    const { company } = await booksWorld('Lock');
    const number = (date: string) =>
      inTransaction(app.db, (trx) => nextDocumentNumber(trx, { companyId: company.id, docType: 'INV', date, style: 'financialYear' }));
    expect(await number('2026-12-01')).toBe(`INV-${YEAR}/000001`);
    await company.members.admin.caller.finance.years.close({ year: YEAR });
    // Locked from the start of the close, so the balances it carries cannot move under it.
    await expect(assertDocumentDateOpen(app.db, company.id, '2026-06-01')).rejects.toMatchObject({ code: 'CONFLICT' });
    await app.runner.drain();
    const changed = await failure(assertDocumentDateOpen(app.db, company.id, '2027-03-31'));
    expect([changed.code, changed.reason]).toEqual(['CONFLICT', 'FINANCIAL_YEAR_CLOSED']);
    const created = await failure(number('2026-12-02'));
    expect([created.code, created.reason]).toEqual(['CONFLICT', 'FINANCIAL_YEAR_CLOSED']);
    await expect(assertDocumentDateOpen(app.db, company.id, '2027-04-01')).resolves.toBeUndefined();
    expect(await number('2027-04-02')).toBe(`INV-${NEXT}/000001`);
  });

  it('resumes after a crash in the middle without counting any partner twice', async () => {
    const { company, partners, expected } = await booksWorld('Crash');
    const ids = [partners.b1, partners.b2, partners.b4, partners.s].map((p) => p.id).sort();
    const third = ids[2] as string;
    // The "crash": writing the third partner (in the close's order) fails, as a dying database would.
    await sql
      .raw(`
        CREATE FUNCTION year_close_crash() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.partner_company_id = '${third}' THEN RAISE EXCEPTION 'connection lost'; END IF;
          RETURN NEW;
        END $$`)
      .execute(app.db);
    await sql
      .raw('CREATE TRIGGER year_close_crash BEFORE INSERT ON opening_balances FOR EACH ROW EXECUTE FUNCTION year_close_crash()')
      .execute(app.db);
    try {
      await company.members.admin.caller.finance.years.close({ year: YEAR });
      await app.runner.drain();
      const stopped = await yearOf(company);
      expect(stopped.state).toBe('closing');
      expect(stopped.close).toMatchObject({ status: 'running', doneSteps: 2, error: 'connection lost' });
      const halfway = await app.db
        .selectFrom('opening_balances')
        .select('partner_company_id')
        .distinct()
        .where('company_id', '=', company.id)
        .execute();
      expect(halfway.map((r) => r.partner_company_id).sort()).toEqual(ids.slice(0, 2));
    } finally {
      await sql.raw('DROP TRIGGER year_close_crash ON opening_balances').execute(app.db);
      await sql.raw('DROP FUNCTION year_close_crash()').execute(app.db);
    }
    // The job waits for its retry; once due, it goes on from the third partner.
    app.clock.advance(3_600_000);
    await app.runner.drain();
    const done = await yearOf(company);
    expect(done.close).toMatchObject({ status: 'done', doneSteps: 4, totalSteps: 4, error: null });
    expect(await carried(company)).toEqual(sortRows(expected));
  });

  it('a step run again after its partner was carried (a second worker, a retried job) changes nothing', async () => {
    const { company, expected } = await booksWorld('Steps');
    const { yearCloseId } = await company.members.admin.caller.finance.years.close({ year: YEAR });
    // One partner at a time, as the job does, before the queued job runs at all.
    expect(await runYearCloseStep(app.db, app.clock, yearCloseId)).toBe('partner');
    expect(await runYearCloseStep(app.db, app.clock, yearCloseId)).toBe('partner');
    expect((await yearOf(company)).close).toMatchObject({ doneSteps: 2, totalSteps: 4 });
    await app.runner.drain();
    expect(await runYearCloseStep(app.db, app.clock, yearCloseId)).toBe('stopped');
    expect((await yearOf(company)).close).toMatchObject({ status: 'done', doneSteps: 4, totalSteps: 4 });
    expect(await carried(company)).toEqual(sortRows(expected));
  });

  it('a close whose job gave up shows as failed, keeps the year locked, and Close resumes it', async () => {
    const { company, expected } = await booksWorld('Failed');
    const { yearCloseId } = await company.members.admin.caller.finance.years.close({ year: YEAR });
    expect(await runYearCloseStep(app.db, app.clock, yearCloseId)).toBe('partner');
    // As the job's last attempt leaves it (year-close.job.ts), and its queued job gone with it.
    await app.db.updateTable('year_closes').set({ status: 'failed', error: 'database away' }).where('id', '=', yearCloseId).execute();
    await app.db.deleteFrom('jobs').where('queue', '=', 'finance.year_close').where('status', '=', 'pending').execute();
    const failed = await yearOf(company);
    expect([failed.state, failed.close?.status, failed.close?.error]).toEqual(['closed', 'failed', 'database away']);
    await expect(assertDocumentDateOpen(app.db, company.id, '2026-06-01')).rejects.toMatchObject({ code: 'CONFLICT' });

    const resumed = await company.members.admin.caller.finance.years.close({ year: YEAR });
    expect(resumed.yearCloseId).toBe(yearCloseId);
    expect((await yearOf(company)).state).toBe('closing');
    await app.runner.drain();
    expect((await yearOf(company)).close).toMatchObject({ status: 'done', doneSteps: 4, totalSteps: 4, error: null });
    expect(await carried(company)).toEqual(sortRows(expected));
  });

  it('a second close while one runs is a CONFLICT (YEAR_CLOSE_RUNNING); after it, FINANCIAL_YEAR_CLOSED', async () => {
    const { company } = await booksWorld('Twice');
    const attempts = await Promise.allSettled([
      company.members.admin.caller.finance.years.close({ year: YEAR }),
      company.members.owner.caller.finance.years.close({ year: YEAR }),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = await failure(company.members.admin.caller.finance.years.close({ year: YEAR }));
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'YEAR_CLOSE_RUNNING']);
    const rejected = attempts.find((a) => a.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason.cause?.reason).toBe('YEAR_CLOSE_RUNNING');
    const duringReopen = await failure(company.members.owner.caller.finance.years.reopen({ year: YEAR, reason: 'mistake' }));
    expect(duringReopen.reason).toBe('YEAR_CLOSE_RUNNING');
    await app.runner.drain();
    const again = await failure(company.members.admin.caller.finance.years.close({ year: YEAR }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'FINANCIAL_YEAR_CLOSED']);
    const closes = await app.db.selectFrom('year_closes').select('id').where('company_id', '=', company.id).execute();
    expect(closes).toHaveLength(1);
  });

  it('only admins close; only the owner reopens, with a reason, audited, and the carried balances go', async () => {
    const { company, expected } = await booksWorld('Reopen');
    for (const role of ['viewer', 'staff', 'manager'] as const) {
      expect((await failure(company.members[role].caller.finance.years.close({ year: YEAR }))).code).toBe('FORBIDDEN');
    }
    await company.members.admin.caller.finance.years.close({ year: YEAR });
    await app.runner.drain();

    expect((await failure(company.members.admin.caller.finance.years.reopen({ year: YEAR, reason: 'late invoice' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(company.members.owner.caller.finance.years.reopen({ year: YEAR, reason: '' }))).code).toBe('BAD_REQUEST');
    await company.members.owner.caller.finance.years.reopen({ year: YEAR, reason: 'A March invoice was missed' });

    const reopened = await yearOf(company);
    expect(reopened.state).toBe('open');
    expect(reopened.close?.status).toBe('reopened');
    expect(reopened.lastReopen).toMatchObject({ reason: 'A March invoice was missed' });
    expect(reopened.lastReopen?.byName).toBeTruthy();
    expect(await carried(company)).toEqual([]);
    await expect(assertDocumentDateOpen(app.db, company.id, '2026-06-01')).resolves.toBeUndefined();
    const [entry] = (await company.members.owner.caller.audit.list({ action: 'financial_year.reopened' })).items;
    expect(entry).toMatchObject({ entityType: 'financial_year', entityId: reopened.id });
    expect(entry?.after).toMatchObject({ status: 'open', reason: 'A March invoice was missed', openingBalancesRemoved: 5 });
    const notClosed = await failure(company.members.owner.caller.finance.years.reopen({ year: YEAR, reason: 'again' }));
    expect([notClosed.code, notClosed.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);

    // Closing again carries the same balances once more, not twice.
    await company.members.admin.caller.finance.years.close({ year: YEAR });
    await app.runner.drain();
    expect(await carried(company)).toEqual(sortRows(expected));
  });

  it('another company sees only its own years; naming ours is NOT_FOUND', async () => {
    const { company } = await booksWorld('Mine');
    await company.members.admin.caller.finance.years.close({ year: YEAR });
    await app.runner.drain();
    const stranger = await createCompany(app, 'Stranger');
    const ours = await company.members.viewer.caller.finance.years.list();
    const theirs = await stranger.members.owner.caller.finance.years.list();
    expect(theirs.some((y) => ours.some((o) => o.id === y.id))).toBe(false);
    expect(theirs.some((y) => y.state !== 'open')).toBe(false);
    expect((await failure(stranger.members.owner.caller.finance.years.openingBalances({ year: NEXT }))).code).toBe('NOT_FOUND');
    const ourYear = await yearOf(company);
    expect((await failure(stranger.members.admin.caller.settings.financialYears.close({ financialYearId: ourYear.id }))).code).toBe(
      'NOT_FOUND',
    );
    // A label names the caller's own year: the stranger's 2026-27 is still open, ours untouched by it.
    const theirReopen = await failure(stranger.members.owner.caller.finance.years.reopen({ year: YEAR, reason: 'not mine' }));
    expect(theirReopen.reason).toBe('ILLEGAL_TRANSITION');
    expect((await yearOf(company)).state).toBe('closed');
    await ensureYear(stranger);
    await stranger.members.admin.caller.finance.years.close({ year: YEAR });
    await app.runner.drain();
    expect((await stranger.members.viewer.caller.finance.years.openingBalances({ year: NEXT })).items).toEqual([]);
    expect((await carried(company)).length).toBe(4);
  });
});
