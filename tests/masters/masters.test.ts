import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commissionStructureOf,
  commodityMastersFor,
  qualityLimitsFor,
  termOf,
  varietyOf,
} from '../../server/src/modules/masters/master-lookups.ts';
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

const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`;

async function cottonOf(caller: TestUser['caller'], includeInactive = false) {
  const cotton = (await caller.masters.commodities({ includeInactive })).find((c) => c.code === 'cotton-lint');
  if (!cotton) throw new Error('cotton-lint is missing');
  return cotton;
}

describe('platform defaults and a company’s overrides', () => {
  it('a new company starts from the platform’s varieties, quality ranges, locations and terms', async () => {
    const co = await createCompany(app, 'Fresh');
    const cotton = await cottonOf(co.members.viewer.caller);
    expect(cotton.varieties.find((v) => v.code === 'shankar-6')).toMatchObject({
      origin: 'platform',
      aliases: expect.arrayContaining(['S-6']),
    });
    expect(cotton.parameters.map((p) => p.code).slice(0, 3)).toEqual(['staple_mm', 'micronaire', 'strength_gpt']);
    expect(cotton.parameters[0]).toMatchObject({ origin: 'platform', minAllowed: '20.000', maxAllowed: '40.000', unit: 'mm' });
    const terms = await co.members.viewer.caller.masters.terms({ kind: 'sale' });
    expect(terms.find((t) => t.code === 'cci-standard')?.body).toContain('Cotton Association of India');
    const states = await co.members.viewer.caller.masters.locations({ kind: 'state', limit: 200 });
    expect(states.items.map((s) => s.code)).toContain('GJ');
  });

  it('an admin’s quality range with a default’s code replaces the default for that company only', async () => {
    const co = await createCompany(app, 'Override');
    const other = await createCompany(app, 'Untouched');
    const saved = await co.members.admin.caller.masters.saveQualityParameter({
      commodityCode: 'cotton-lint',
      code: 'staple_mm',
      name: 'Staple length',
      unit: 'mm',
      minAllowed: '26',
      maxAllowed: '32.5',
      sortOrder: 1,
    });
    expect(saved.version).toBe(1);
    const staple = (await cottonOf(co.members.viewer.caller)).parameters.filter((p) => p.code === 'staple_mm');
    expect(staple).toEqual([expect.objectContaining({ id: saved.id, origin: 'company', minAllowed: '26.000', maxAllowed: '32.500' })]);
    expect((await cottonOf(other.members.viewer.caller)).parameters.find((p) => p.code === 'staple_mm')).toMatchObject({
      origin: 'platform',
      minAllowed: '20.000',
    });
    // Other modules read the same merge.
    const limits = await qualityLimitsFor(app.db, co.id, 'cotton-lint');
    expect(limits.get('staple_mm')).toEqual({ name: 'Staple length', unit: 'mm', min: '26.000', max: '32.500' });
    expect(limits.get('micronaire')).toMatchObject({ min: '2.500', max: '6.000' });
    expect((await qualityLimitsFor(app.db, other.id, 'cotton-lint')).get('staple_mm')?.min).toBe('20.000');
  });

  it('a company’s inactive row hides the default of that code; includeInactive shows it', async () => {
    const co = await createCompany(app, 'Hide');
    await co.members.admin.caller.masters.saveVariety({ commodityCode: 'cotton-lint', code: 'j-34', name: 'J-34', active: false });
    expect((await cottonOf(co.members.viewer.caller)).varieties.map((v) => v.code)).not.toContain('j-34');
    expect((await cottonOf(co.members.viewer.caller, true)).varieties.filter((v) => v.code === 'j-34')).toEqual([
      expect.objectContaining({ origin: 'company', active: false }),
    ]);
    expect(await varietyOf(app.db, co.id, 'cotton-lint', 'j-34')).toBeUndefined();
    expect(await varietyOf(app.db, co.id, 'cotton-lint', 'shankar-6')).toMatchObject({ name: 'Shankar-6', origin: 'platform' });
    const masters = await commodityMastersFor(app.db, co.id);
    expect(masters.find((c) => c.code === 'cotton-seed')?.parameters.map((p) => p.code)).toEqual(['oil_pct', 'moisture_pct']);
  });

  it('a term of the company overrides the platform’s for termOf; payment days only on payment terms', async () => {
    const co = await createCompany(app, 'Terms');
    await co.members.admin.caller.masters.saveTerm({
      kind: 'payment',
      code: 'net-30',
      name: '30 days, LC',
      body: 'Against a letter of credit.',
      paymentDays: 30,
    });
    expect(await termOf(app.db, co.id, 'payment', 'net-30')).toEqual({
      code: 'net-30',
      name: '30 days, LC',
      body: 'Against a letter of credit.',
      paymentDays: 30,
    });
    expect(await termOf(app.db, co.id, 'delivery', 'ex-gin')).toMatchObject({ name: 'Ex-gin', paymentDays: null });
    expect(await termOf(app.db, co.id, 'payment', 'no-such-term')).toBeUndefined();
    const error = await failure(
      co.members.admin.caller.masters.saveTerm({ kind: 'delivery', code: 'ex-yard', name: 'Ex-yard', paymentDays: 5 }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).paymentDays).toBeDefined();
  });
});

describe('saving rows', () => {
  it('updates its own row at the version it read; a stale version is a CONFLICT and changes nothing', async () => {
    const co = await createCompany(app, 'Ver');
    const admin = co.members.admin.caller.masters;
    const created = await admin.saveLocation({ kind: 'warehouse', code: 'WH-1', name: 'Gondal yard', stateCode: 'GJ', city: 'Gondal' });
    // A save replaces the whole row: what it leaves out is cleared.
    const updated = await admin.saveLocation({
      kind: 'warehouse',
      code: 'WH-1',
      stateCode: 'GJ',
      city: 'Gondal',
      id: created.id,
      version: 1,
      name: 'Gondal yard 2',
    });
    expect(updated).toEqual({ id: created.id, version: 2 });
    const stale = await failure(
      admin.saveLocation({ kind: 'warehouse', code: 'WH-1', stateCode: 'GJ', id: created.id, version: 1, name: 'Lost update' }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const row = (await admin.locations({ q: 'WH-1' })).items[0];
    expect(row).toMatchObject({ name: 'Gondal yard 2', city: 'Gondal', version: 2, origin: 'company' });
  });

  it('a change without the version it read is refused naming the field', async () => {
    const co = await createCompany(app, 'NoVer');
    const created = await co.members.admin.caller.masters.saveVariety({ commodityCode: 'cotton-lint', code: 'local-1', name: 'Local 1' });
    const error = await failure(
      co.members.admin.caller.masters.saveVariety({ id: created.id, commodityCode: 'cotton-lint', code: 'local-1', name: 'x' }),
    );
    expect(fieldErrors(error).version).toBeDefined();
  });

  it('a platform row by id, and another company’s row, are not found', async () => {
    const co = await createCompany(app, 'Mine');
    const stranger = await createCompany(app, 'Stranger');
    const platformRow = (await cottonOf(co.members.viewer.caller)).varieties.find((v) => v.code === 'mcu-5');
    if (!platformRow) throw new Error('mcu-5 is missing');
    const byId = await failure(
      co.members.admin.caller.masters.saveVariety({
        id: platformRow.id,
        version: platformRow.version,
        commodityCode: 'cotton-lint',
        code: 'mcu-5',
        name: 'Hijacked',
      }),
    );
    expect(byId.code).toBe('NOT_FOUND');
    const own = await co.members.admin.caller.masters.saveVariety({ commodityCode: 'cotton-lint', code: 'own-1', name: 'Own' });
    const theirs = await failure(
      stranger.members.admin.caller.masters.saveVariety({
        id: own.id,
        version: 1,
        commodityCode: 'cotton-lint',
        code: 'own-1',
        name: 'Theirs',
      }),
    );
    expect(theirs.code).toBe('NOT_FOUND');
    expect((await cottonOf(stranger.members.viewer.caller)).varieties.map((v) => v.code)).not.toContain('own-1');
    expect((await cottonOf(co.members.viewer.caller)).varieties.find((v) => v.code === 'mcu-5')).toMatchObject({
      name: 'MCU-5',
      origin: 'platform',
    });
  });

  it('a second row with the same code is a CONFLICT naming the code; the code of a saved row stays', async () => {
    const co = await createCompany(app, 'Dup');
    const admin = co.members.admin.caller.masters;
    const first = await admin.saveTerm({ kind: 'delivery', code: 'ex-yard', name: 'Ex-yard' });
    const dup = await failure(admin.saveTerm({ kind: 'delivery', code: 'ex-yard', name: 'Again' }));
    expect(dup).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
    expect(dup.message).toMatch(/^code: /);
    // The same code under another kind is another term.
    await admin.saveTerm({ kind: 'sale', code: 'ex-yard', name: 'Yard sale terms' });
    const renamed = await failure(admin.saveTerm({ id: first.id, version: 1, kind: 'delivery', code: 'ex-shed', name: 'Ex-shed' }));
    expect(fieldErrors(renamed).code).toBeDefined();
  });

  it('an unknown commodity is refused naming the field, and nothing is written', async () => {
    const co = await createCompany(app, 'Unknown');
    const audits = await countRows(app, 'audit_log');
    const error = await failure(co.members.admin.caller.masters.saveVariety({ commodityCode: 'unobtainium', code: 'x-1', name: 'X' }));
    expect(fieldErrors(error).commodityCode?.[0]).toContain('unknown commodity');
    expect(await countRows(app, 'audit_log')).toBe(audits);
  });

  it('records the change in the audit log and as a master.changed event', async () => {
    const co = await createCompany(app, 'Audit');
    const saved = await co.members.admin.caller.masters.saveVariety({ commodityCode: 'cotton-lint', code: 'audited', name: 'Audited' });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'company_id', 'after'])
      .where('entity_id', '=', saved.id)
      .execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'master.saved', company_id: co.id })]);
    const events = await app.db.selectFrom('domain_events').select('type').where('entity_id', '=', saved.id).execute();
    expect(events.map((e) => e.type)).toEqual(['master.changed']);
  });
});

describe('who may save', () => {
  it('staff and viewers read but may not save; an admin may', async () => {
    const co = await createCompany(app, 'Roles');
    const input = { commodityCode: 'cotton-lint', code: 'roles-1', name: 'Roles' };
    for (const role of ['viewer', 'staff', 'manager'] as const) {
      expect((await failure(co.members[role].caller.masters.saveVariety(input))).code).toBe('FORBIDDEN');
      expect(await co.members[role].caller.masters.terms({})).not.toHaveLength(0);
    }
    await co.members.admin.caller.masters.saveVariety(input);
  });

  it('the platform’s defaults are written by operators only, and reach every company', async () => {
    const co = await createCompany(app, 'Plat');
    const locationCode = code('HUB').toUpperCase();
    const refused = await failure(
      co.members.owner.caller.masters.platform.saveLocation({ kind: 'warehouse', code: locationCode, name: 'Hub', stateCode: 'MH' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const saved = await operator.caller.masters.platform.saveLocation({
      kind: 'warehouse',
      code: locationCode,
      name: 'Hub',
      stateCode: 'MH',
    });
    expect((await co.members.viewer.caller.masters.locations({ q: locationCode })).items).toEqual([
      expect.objectContaining({ id: saved.id, origin: 'platform', stateCode: 'MH' }),
    ]);
    const audit = await app.db.selectFrom('audit_log').select(['company_id', 'actor_user_id']).where('entity_id', '=', saved.id).execute();
    expect(audit).toEqual([{ company_id: null, actor_user_id: operator.id }]);
    // The operator edits the default by id; a company cannot.
    await operator.caller.masters.platform.saveLocation({
      id: saved.id,
      version: 1,
      kind: 'warehouse',
      code: locationCode,
      name: 'Hub 2',
      stateCode: 'MH',
    });
    const notFound = await failure(
      co.members.admin.caller.masters.saveLocation({
        id: saved.id,
        version: 2,
        kind: 'warehouse',
        code: locationCode,
        name: 'Mine',
        stateCode: 'MH',
      }),
    );
    expect(notFound.code).toBe('NOT_FOUND');
  });
});

describe('locations list', () => {
  it('pages by name with a cursor and filters by kind, state, text and origin', async () => {
    const co = await createCompany(app, 'List');
    const admin = co.members.admin.caller.masters;
    const tag = code('ZZ').toUpperCase();
    for (const n of [1, 2, 3, 4, 5])
      await admin.saveLocation({ kind: 'ginning_factory', code: `${tag}-${n}`, name: `${tag} gin ${n}`, stateCode: n % 2 ? 'GJ' : 'MH' });
    const first = await admin.locations({ q: tag, limit: 2 });
    expect(first.items.map((l) => l.code)).toEqual([`${tag}-1`, `${tag}-2`]);
    const second = await admin.locations({ q: tag, limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await admin.locations({ q: tag, limit: 2, cursor: second.nextCursor ?? undefined });
    expect([...second.items, ...third.items].map((l) => l.code)).toEqual([`${tag}-3`, `${tag}-4`, `${tag}-5`]);
    expect(third.nextCursor).toBeNull();
    expect((await admin.locations({ q: tag, stateCode: 'MH' })).items.map((l) => l.code)).toEqual([`${tag}-2`, `${tag}-4`]);
    expect((await admin.locations({ q: tag, kind: 'city' })).items).toEqual([]);
    const own = await admin.locations({ origin: 'company', limit: 200 });
    expect(own.items.every((l) => l.origin === 'company')).toBe(true);
    expect((await admin.locations({ origin: 'platform', kind: 'city', q: 'rajkot' })).items).toEqual([
      expect.objectContaining({ code: 'RAJKOT', origin: 'platform' }),
    ]);
    const bad = await failure(admin.locations({ cursor: 'garbage' }));
    expect(fieldErrors(bad).cursor).toBeDefined();
  });
});

describe('commission structures', () => {
  it('create, update at the version read, stale CONFLICT, duplicate name CONFLICT, another company’s NOT_FOUND', async () => {
    const co = await createCompany(app, 'Brok');
    const broker = await createCompany(app, 'Broker');
    const stranger = await createCompany(app, 'StrangerBrok');
    const admin = co.members.admin.caller.masters;
    const input = { name: 'Rajkot brokerage', brokerName: 'Patel & Sons', basis: 'per_bale' as const, rate: '25', sellerSharePct: '50' };
    const created = await admin.saveCommissionStructure(input);
    const linked = await admin.saveCommissionStructure({
      ...input,
      name: 'Platform broker',
      brokerCompanyId: broker.id,
      basis: 'percent',
      rate: '0.5',
      sellerSharePct: '100',
    });
    const updated = await admin.saveCommissionStructure({ ...input, id: created.id, version: 1, rate: '30' });
    expect(updated.version).toBe(2);
    expect((await failure(admin.saveCommissionStructure({ ...input, id: created.id, version: 1 }))).reason).toBe('STALE_VERSION');
    const dup = await failure(admin.saveCommissionStructure({ ...input, name: 'Platform broker' }));
    expect(dup).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
    expect(dup.message).toMatch(/^name: /);
    expect(
      (await failure(stranger.members.admin.caller.masters.saveCommissionStructure({ ...input, id: created.id, version: 2 }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(co.members.staff.caller.masters.saveCommissionStructure({ ...input, name: 'Staff' }))).code).toBe('FORBIDDEN');

    const list = await co.members.viewer.caller.masters.commissionStructures({});
    expect(list.map((c) => [c.name, c.rate, c.brokerCompanyId])).toEqual([
      ['Platform broker', '0.5000', broker.id],
      ['Rajkot brokerage', '30.0000', null],
    ]);
    expect(await stranger.members.viewer.caller.masters.commissionStructures({})).toEqual([]);
    expect(await commissionStructureOf(app.db, co.id, linked.id)).toMatchObject({ basis: 'percent', sellerSharePct: '100.00' });
    expect(await commissionStructureOf(app.db, stranger.id, linked.id)).toBeUndefined();
  });

  it('an unknown broker company is not found and nothing is written', async () => {
    const co = await createCompany(app, 'BrokUnknown');
    const error = await failure(
      co.members.admin.caller.masters.saveCommissionStructure({
        name: 'Ghost',
        brokerName: 'Ghost',
        brokerCompanyId: randomUUID(),
        basis: 'per_candy',
        rate: '100',
        sellerSharePct: '50',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(await co.members.admin.caller.masters.commissionStructures({ includeInactive: true })).toEqual([]);
  });
});

describe('operators’ view of the defaults', () => {
  it('lists the platform’s rows alone, whatever companies saved; companies may not call it', async () => {
    const co = await createCompany(app, 'OpsView');
    await co.members.admin.caller.masters.saveTerm({ kind: 'payment', code: 'net-15', name: 'Our 15 days', paymentDays: 15 });
    const terms = await operator.caller.masters.platform.terms({ kind: 'payment' });
    expect(terms.find((t) => t.code === 'net-15')).toMatchObject({ name: '15 days', origin: 'platform' });
    expect(terms.every((t) => t.origin === 'platform')).toBe(true);
    const cotton = (await operator.caller.masters.platform.commodities({})).find((c) => c.code === 'cotton-lint');
    expect(cotton?.parameters.every((p) => p.origin === 'platform')).toBe(true);
    expect((await operator.caller.masters.platform.locations({ kind: 'state', limit: 200 })).items.length).toBeGreaterThanOrEqual(11);
    expect((await failure(co.members.owner.caller.masters.platform.terms({}))).code).toBe('FORBIDDEN');
  });
});

describe('concurrent saves', () => {
  it('two creates of one code at once: one row, the other a CONFLICT naming the code', async () => {
    const co = await createCompany(app, 'Race');
    const input = { commodityCode: 'cotton-lint', code: 'race-1', name: 'Race' };
    const results = await Promise.allSettled([
      co.members.admin.caller.masters.saveVariety(input),
      co.members.owner.caller.masters.saveVariety(input),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^code: /) });
    const rows = (await cottonOf(co.members.viewer.caller)).varieties.filter((v) => v.code === 'race-1');
    expect(rows).toHaveLength(1);
  });

  it('two updates of one version at once: one wins, the other is STALE_VERSION', async () => {
    const co = await createCompany(app, 'RaceUpd');
    const created = await co.members.admin.caller.masters.saveTerm({ kind: 'delivery', code: 'ex-race', name: 'Ex-race' });
    const update = (name: string) => ({ id: created.id, version: 1, kind: 'delivery' as const, code: 'ex-race', name });
    const results = await Promise.allSettled([
      co.members.admin.caller.masters.saveTerm(update('First')),
      co.members.owner.caller.masters.saveTerm(update('Second')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { cause?: { reason?: string } }).cause?.reason).toBe('STALE_VERSION');
    const term = (await co.members.viewer.caller.masters.terms({ kind: 'delivery' })).find((t) => t.code === 'ex-race');
    expect(term?.version).toBe(2);
  });
});
