import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGstRateOn } from '../../server/src/modules/masters/gst-rates.service.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany, createUser, type TestUser } from '../harness/factories.ts';

let app: TestApp;
let operator: TestUser;
beforeAll(async () => {
  app = await setupTestApp();
  operator = await createUser(app, { label: 'ops' });
  await app.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', operator.id).execute();
});
afterAll(async () => {
  await app.close();
});

describe('locations CSV import', () => {
  const csv = [
    'kind,code,name,state_code,city,address',
    'warehouse,WH-GONDAL,Gondal cotton yard,GJ,Gondal,"Plot 4, GIDC"',
    'ginning_factory,GIN-KADI,Kadi ginning,gj,Kadi,',
    'city,RAJKOT,Rajkot (our yard),GJ,Rajkot,',
  ].join('\n');

  it('dry run reports and writes nothing; apply creates; re-applying the same file changes nothing', async () => {
    const co = await createCompany(app, 'Imp');
    const masters = co.members.admin.caller.masters;
    const dry = await masters.importLocations({ csv, dryRun: true });
    expect(dry).toEqual({ rows: 3, creates: 3, updates: 0, unchanged: 0, errors: [], applied: false });
    expect((await masters.locations({ origin: 'company' })).items).toEqual([]);

    expect(await masters.importLocations({ csv, dryRun: false })).toEqual({
      rows: 3,
      creates: 3,
      updates: 0,
      unchanged: 0,
      errors: [],
      applied: true,
    });
    const own = (await masters.locations({ origin: 'company' })).items;
    expect(own.find((l) => l.code === 'WH-GONDAL')).toMatchObject({ address: 'Plot 4, GIDC', city: 'Gondal', stateCode: 'GJ', version: 1 });
    expect(own.find((l) => l.code === 'GIN-KADI')).toMatchObject({ stateCode: 'GJ', address: null });
    // The file's RAJKOT city overrides the platform's for this company.
    expect((await masters.locations({ kind: 'city', q: 'rajkot' })).items).toEqual([
      expect.objectContaining({ name: 'Rajkot (our yard)', origin: 'company' }),
    ]);

    const audits = await countRows(app, 'audit_log');
    expect(await masters.importLocations({ csv, dryRun: false })).toMatchObject({ creates: 0, updates: 0, unchanged: 3, applied: true });
    expect((await masters.locations({ origin: 'company' })).items.every((l) => l.version === 1)).toBe(true);
    expect(await countRows(app, 'audit_log')).toBe(audits + 1);

    const changed = await masters.importLocations({ csv: csv.replace('Kadi ginning', 'Kadi ginning & pressing'), dryRun: false });
    expect(changed).toMatchObject({ creates: 0, updates: 1, unchanged: 2 });
    expect((await masters.locations({ q: 'GIN-KADI' })).items[0]).toMatchObject({ name: 'Kadi ginning & pressing', version: 2 });
  });

  it('reports every bad row with its line and column, and applies nothing when any row is bad', async () => {
    const co = await createCompany(app, 'ImpBad');
    const bad = [
      'kind,code,name,state_code,city,address',
      'warehouse,WH-OK,Good,GJ,,',
      'depot,WH-2,Unknown kind,GJ,,',
      'warehouse,WH-3,Bad state,Gujarat,,',
      'warehouse,WH-OK,Repeated,GJ,,',
      'warehouse,,No code,GJ,,',
    ].join('\n');
    const report = await co.members.admin.caller.masters.importLocations({ csv: bad, dryRun: false });
    expect(report.applied).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'kind'],
      [4, 'state_code'],
      [5, 'code'],
      [6, 'code'],
    ]);
    expect(report.creates).toBe(1);
    expect((await co.members.admin.caller.masters.locations({ origin: 'company' })).items).toEqual([]);
  });

  it('a column the file leaves out keeps a known location’s value', async () => {
    const co = await createCompany(app, 'ImpKeep');
    const masters = co.members.admin.caller.masters;
    await masters.importLocations({ csv, dryRun: false });
    const gondal = (await masters.locations({ q: 'WH-GONDAL' })).items[0];
    if (!gondal) throw new Error('WH-GONDAL was not imported');
    await masters.saveLocation({
      id: gondal.id,
      version: 1,
      kind: 'warehouse',
      code: 'WH-GONDAL',
      name: gondal.name,
      stateCode: 'GJ',
      city: 'Gondal',
      address: 'Plot 4, GIDC',
      active: false,
    });
    const namesOnly = ['kind,code,name,state_code', 'warehouse,WH-GONDAL,Gondal yard (renamed),GJ'].join('\n');
    expect(await masters.importLocations({ csv: namesOnly, dryRun: false })).toMatchObject({ updates: 1, applied: true });
    expect((await masters.locations({ q: 'WH-GONDAL', includeInactive: true })).items[0]).toMatchObject({
      name: 'Gondal yard (renamed)',
      city: 'Gondal',
      address: 'Plot 4, GIDC',
      active: false,
    });
    expect(await masters.importLocations({ csv: namesOnly, dryRun: true })).toMatchObject({ unchanged: 1, updates: 0 });
  });

  it('refuses a file with a missing or unknown column naming the csv field', async () => {
    const co = await createCompany(app, 'ImpCols');
    const error = await failure(
      co.members.admin.caller.masters.importLocations({ csv: 'kind,code,name,district\nwarehouse,W,W,X', dryRun: true }),
    );
    expect(fieldErrors(error).csv?.[0]).toMatch(/missing column\(s\): state_code; unknown column\(s\): district/);
  });

  it('staff may not import; an operator imports the platform’s defaults', async () => {
    const co = await createCompany(app, 'ImpRole');
    expect((await failure(co.members.staff.caller.masters.importLocations({ csv, dryRun: true }))).code).toBe('FORBIDDEN');
    expect((await failure(co.members.admin.caller.masters.platform.importLocations({ csv, dryRun: true }))).code).toBe('FORBIDDEN');
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const platformCsv = `kind,code,name,state_code\npressing_factory,PR-${tag},Press ${tag},MH`;
    expect(await operator.caller.masters.platform.importLocations({ csv: platformCsv, dryRun: false })).toMatchObject({
      creates: 1,
      applied: true,
    });
    expect(await operator.caller.masters.platform.importLocations({ csv: platformCsv, dryRun: false })).toMatchObject({ unchanged: 1 });
    expect((await co.members.viewer.caller.masters.locations({ q: `PR-${tag}` })).items).toEqual([
      expect.objectContaining({ origin: 'platform', kind: 'pressing_factory' }),
    ]);
  });
});

describe('GST rates with effective dates', () => {
  it('a rate holds from its date to the day before the next; before the first there is none', async () => {
    const hsn = `99${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const gst = operator.caller.masters.platform;
    await gst.saveGstRate({ hsnCode: hsn, rate: '5', effectiveFrom: '2017-07-01', note: 'At launch' });
    await gst.saveGstRate({ hsnCode: hsn, rate: '12', effectiveFrom: '2025-09-22' });

    expect(await findGstRateOn(app.db, hsn, '2017-06-30')).toBeNull();
    expect(await findGstRateOn(app.db, hsn, '2017-07-01')).toEqual({ hsnCode: hsn, rate: '5.00', effectiveFrom: '2017-07-01' });
    expect(await findGstRateOn(app.db, hsn, '2025-09-21')).toMatchObject({ rate: '5.00' });
    expect(await findGstRateOn(app.db, hsn, '2025-09-22')).toMatchObject({ rate: '12.00', effectiveFrom: '2025-09-22' });

    const co = await createCompany(app, 'Gst');
    expect(await co.members.viewer.caller.masters.gstRateOn({ hsnCode: hsn, on: '2025-09-21' })).toMatchObject({ rate: '5.00' });
    const rows = await co.members.viewer.caller.masters.gstRates({ hsnCode: hsn });
    expect(rows.map((r) => [r.rate, r.effectiveFrom, r.effectiveTo, r.note])).toEqual([
      ['12.00', '2025-09-22', null, null],
      ['5.00', '2017-07-01', '2025-09-21', 'At launch'],
    ]);
  });

  it('a second rate for the same code and date is a CONFLICT; companies may not set rates', async () => {
    const hsn = `98${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    await operator.caller.masters.platform.saveGstRate({ hsnCode: hsn, rate: '5', effectiveFrom: '2024-04-01' });
    const again = await failure(operator.caller.masters.platform.saveGstRate({ hsnCode: hsn, rate: '18', effectiveFrom: '2024-04-01' }));
    expect(again).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
    expect(again.message).toMatch(/^effectiveFrom: /);
    const co = await createCompany(app, 'GstRole');
    expect(
      (await failure(co.members.owner.caller.masters.platform.saveGstRate({ hsnCode: hsn, rate: '0', effectiveFrom: '2024-05-01' }))).code,
    ).toBe('FORBIDDEN');
    expect(await findGstRateOn(app.db, hsn, '2030-01-01')).toMatchObject({ rate: '5.00' });
  });
});
