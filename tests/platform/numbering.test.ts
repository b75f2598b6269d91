import { inTransaction } from '@tradeloom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultYearFor } from '../../server/src/modules/settings/financial-years.service.ts';
import { nextDocumentNumber } from '../../server/src/modules/settings/number-series.service.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const allocate = (companyId: string, date = '2026-06-01', docType = 'PO') =>
  inTransaction(app.db, (trx) => nextDocumentNumber(trx, { companyId, docType, date }));

describe('financial years', () => {
  it('defaults to April–March in India and the calendar year elsewhere', () => {
    expect(defaultYearFor('IN', '2026-03-31')).toEqual({ label: '2025-26', startsOn: '2025-04-01', endsOn: '2026-03-31' });
    expect(defaultYearFor('IN', '2026-04-01')).toEqual({ label: '2026-27', startsOn: '2026-04-01', endsOn: '2027-03-31' });
    expect(defaultYearFor('US', '2026-04-01')).toEqual({ label: '2026', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  });

  it('refuses overlapping years and an end before the start', async () => {
    const co = await createCompany(app, 'FY');
    await co.members.admin.caller.settings.financialYears.create({ label: '2030-31', startsOn: '2030-04-01', endsOn: '2031-03-31' });
    expect(
      (await failure(co.members.admin.caller.settings.financialYears.create({ label: 'X', startsOn: '2030-10-01', endsOn: '2031-09-30' })))
        .reason,
    ).toBe('FINANCIAL_YEAR_OVERLAP');
    expect(
      (await failure(co.members.admin.caller.settings.financialYears.create({ label: 'Y', startsOn: '2035-04-01', endsOn: '2035-01-01' })))
        .code,
    ).toBe('BAD_REQUEST');
    expect(
      (await failure(co.members.staff.caller.settings.financialYears.create({ label: 'Z', startsOn: '2036-04-01', endsOn: '2037-03-31' })))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('a closed year refuses new document numbers dated in it; closing twice is a CONFLICT', async () => {
    const co = await createCompany(app, 'Close');
    const year = await co.members.admin.caller.settings.financialYears.create({
      label: '2031-32',
      startsOn: '2031-04-01',
      endsOn: '2032-03-31',
    });
    await allocate(co.id, '2031-05-01');
    await co.members.admin.caller.settings.financialYears.close({ financialYearId: year.id });
    // Locked as soon as the close starts; its job (carrying balances forward) finishes in the background.
    await expect(allocate(co.id, '2031-05-02')).rejects.toMatchObject({ code: 'CONFLICT' });
    await app.runner.drain();
    expect((await failure(co.members.admin.caller.settings.financialYears.close({ financialYearId: year.id }))).reason).toBe(
      'FINANCIAL_YEAR_CLOSED',
    );
  });
});

describe('number series', () => {
  it('numbers per company, document type and financial year, starting at 1', async () => {
    const a = await createCompany(app, 'NumA');
    const b = await createCompany(app, 'NumB');
    expect(await allocate(a.id)).toBe('PO-2026-000001');
    expect(await allocate(a.id)).toBe('PO-2026-000002');
    expect(await allocate(a.id, '2026-06-01', 'SO')).toBe('SO-2026-000001');
    expect(await allocate(b.id)).toBe('PO-2026-000001');
    expect(await allocate(a.id, '2027-05-01')).toBe('PO-2027-000001');
    const series = await a.members.viewer.caller.settings.numberSeries.list();
    expect(series.find((s) => s.docType === 'PO' && s.periodKey === '2026-27')?.nextValue).toBe(3);
  });

  it('gives the number back when the creating transaction rolls back (gapless)', async () => {
    const co = await createCompany(app, 'Gap');
    await allocate(co.id);
    await expect(
      inTransaction(app.db, async (trx) => {
        await nextDocumentNumber(trx, { companyId: co.id, docType: 'PO', date: '2026-06-01' });
        throw new Error('document insert failed');
      }),
    ).rejects.toThrow('document insert failed');
    expect(await allocate(co.id)).toBe('PO-2026-000002');
  });

  it('50 concurrent creates get 50 distinct, contiguous numbers while another company is unaffected (B4)', async () => {
    const co = await createCompany(app, 'Race');
    const other = await createCompany(app, 'Calm');
    const [numbers, otherNumbers] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, () => allocate(co.id))),
      Promise.all(Array.from({ length: 5 }, () => allocate(other.id))),
    ]);
    const values = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(otherNumbers.map((n) => Number(n.slice(-6))).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
