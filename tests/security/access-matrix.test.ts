import { ROLES, roleCan } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { countRows, createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { callProcedure, EXAMPLE_INPUTS, procedureInventory } from './inventory.ts';
import { tableFingerprints } from './row-counts.ts';

let app: TestApp;
let a: TestCompany;
let b: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  a = await createCompany(app, 'MatrixA');
  b = await createCompany(app, 'MatrixB');
});
afterAll(() => app.close());

const inventory = procedureInventory();
const companyScoped = inventory.filter((p) => p.access?.kind === 'company');

async function outcome(promise: Promise<unknown>): Promise<{ code: string; reason?: string } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason };
  }
}

describe('procedure inventory', () => {
  it('every procedure declares its access rule and has an example input', () => {
    expect(inventory.length).toBeGreaterThan(30);
    const undeclared = inventory.filter((p) => !p.access).map((p) => p.path);
    expect(undeclared).toEqual([]);
    const withoutExample = inventory.filter((p) => !EXAMPLE_INPUTS[p.path]).map((p) => p.path);
    expect(withoutExample).toEqual([]);
    expect(Object.keys(EXAMPLE_INPUTS).filter((path) => !inventory.some((p) => p.path === path))).toEqual([]);
  });

  it('has no debug or test procedures', () => {
    expect(inventory.filter((p) => /(^|\.)(debug|test)\./i.test(p.path))).toEqual([]);
  });

  it('matches the reviewed snapshot of paths and access rules', () => {
    const table = inventory.map(
      (p) => `${p.path} ${p.type} ${p.access?.kind === 'company' ? `company:${p.access.permission}` : p.access?.kind}`,
    );
    expect(table).toMatchSnapshot();
  });
});

describe('anonymous callers', () => {
  it.each(inventory.filter((p) => p.access?.kind !== 'public').map((p) => [p.path]))(
    '%s refuses a caller with no credentials',
    async (path) => {
      const result = await outcome(callProcedure(app.caller(), path, EXAMPLE_INPUTS[path]?.()));
      expect(result).toMatchObject({ code: 'UNAUTHORIZED' });
    },
  );

  it.each(inventory.filter((p) => p.access?.kind !== 'public').map((p) => [p.path]))(
    '%s refuses a logged-out session token',
    async (path) => {
      const result = await outcome(
        callProcedure(
          app.caller({ sessionToken: 'abcdefghijkmnpqrstuvwxyz.abcdefghijkmnpqrstuvwxyz23456789' }),
          path,
          EXAMPLE_INPUTS[path]?.(),
        ),
      );
      expect(result).toMatchObject({ code: 'UNAUTHORIZED' });
    },
  );
});

describe('role matrix: every company procedure × every role', () => {
  const cases = companyScoped.flatMap((p) =>
    ROLES.map((role) => [p.path, role, p.access?.kind === 'company' ? p.access.permission : ''] as const),
  );
  it.each(cases)('%s as %s', async (path, role, permission) => {
    // Leaving is the one call that ends the caller's own membership: give it a company of its own.
    const company = path === 'companies.leave' ? await createCompany(app, 'Leaver') : a;
    const caller = company.members[role].caller;
    const result = await outcome(callProcedure(caller, path, EXAMPLE_INPUTS[path]?.()));
    if (roleCan(role, permission as never)) {
      expect(result === 'ok' || result.reason !== 'PERMISSION_DENIED').toBe(true);
    } else {
      expect(result).toEqual({ code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' });
    }
  });
});

describe("another company's records are NOT_FOUND and stay unchanged", () => {
  it('ids of company A used from company B', async () => {
    const owner = a.members.owner.caller;
    const key = await owner.apiKeys.create({ name: 'A key', scopes: ['company:read'] });
    const invitation = await owner.companies.invite({ email: 'a-only@example.test', role: 'viewer' });
    if (invitation.kind !== 'invitation') throw new Error('expected invitation');
    const [year] = await owner.settings.financialYears.list();
    const current = await owner.companies.current();
    const intruder = b.members.owner.caller;
    const auditBefore = await countRows(app, 'audit_log');
    // Lazy: each call starts only when awaited, so no rejection goes unhandled meanwhile.
    const attempts: [string, () => Promise<unknown>][] = [
      ['apiKeys.revoke', () => intruder.apiKeys.revoke({ apiKeyId: key.id })],
      ['companies.revokeInvite', () => intruder.companies.revokeInvite({ invitationId: invitation.invitationId })],
      ['companies.setRole', () => intruder.companies.setRole({ userId: a.members.staff.id, role: 'admin' })],
      ['companies.removeMember', () => intruder.companies.removeMember({ userId: a.members.staff.id })],
      ['companies.transferOwnership', () => intruder.companies.transferOwnership({ userId: a.members.staff.id })],
      ['companies.update', () => intruder.companies.update({ companyId: a.id, version: current.version, name: 'Hijacked' })],
      ['companies.switch', () => intruder.companies.switch({ companyId: a.id })],
      ['settings.financialYears.close', () => intruder.settings.financialYears.close({ financialYearId: year?.id ?? '' })],
    ];
    for (const [path, attempt] of attempts) {
      const error = await failure(attempt());
      expect([path, error.code]).toEqual([path, 'NOT_FOUND']);
    }
    expect(await countRows(app, 'audit_log')).toBe(auditBefore);
    expect((await owner.companies.current()).name).toBe(current.name);
    expect((await owner.apiKeys.list())[0]?.revokedAt).toBeNull();
    expect((await owner.companies.members()).find((m) => m.userId === a.members.staff.id)?.role).toBe('staff');
    expect((await owner.settings.financialYears.list())[0]?.status).toBe('open');
    // B's lists show none of A's records.
    expect(JSON.stringify(await intruder.audit.list({}))).not.toContain(a.id);
    expect(JSON.stringify(await intruder.companies.members())).not.toContain(a.members.staff.id);
  });

  it("an API key of company A cannot act on company B's records", async () => {
    const { key } = await a.members.owner.caller.apiKeys.create({ name: 'A writer', scopes: ['settings:write', 'settings:read'] });
    const [yearOfB] = await b.members.owner.caller.settings.financialYears.list();
    const error = await failure(app.caller({ apiKey: key }).settings.financialYears.close({ financialYearId: yearOfB?.id ?? '' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('queries never write', () => {
  // Real records, so each query reaches the code that loads them (random ids stop at "not
  // found"): the caller's own order, product and partner, and those of a pair it has no part in.
  let own: Awaited<ReturnType<typeof tradeRecords>>;
  let foreign: Awaited<ReturnType<typeof tradeRecords>>;
  beforeAll(async () => {
    own = await tradeRecords(app, 'Own');
    foreign = await tradeRecords(app, 'Foreign');
  });
  const queries = inventory.filter((p) => p.type === 'query').map((p) => p.path);
  const cases = queries.flatMap((path) => [
    [path, 'buyer', 'own'],
    [path, 'supplier', 'own'],
    [path, 'buyer', 'foreign'],
  ]) as [string, 'buyer' | 'supplier', 'own' | 'foreign'][];

  it.each(cases)('%s as the %s, on %s records', async (path, side, whose) => {
    const caller = own[side].members.owner.caller;
    const input = withRealIds(EXAMPLE_INPUTS[path]?.(), whose === 'own' ? own.ids : foreign.ids);
    const before = await tableFingerprints(app);
    await outcome(callProcedure(caller, path, input));
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it('reaches the records: the own ids are found, the foreign ones are NOT_FOUND', async () => {
    const buyer = own.buyer.members.owner.caller;
    expect((await buyer.orders.get({ orderId: own.ids.orderId })).id).toBe(own.ids.orderId);
    expect((await failure(buyer.orders.get({ orderId: foreign.ids.orderId }))).code).toBe('NOT_FOUND');
    expect((await own.supplier.members.owner.caller.catalog.products.get({ productId: own.ids.productId })).id).toBe(own.ids.productId);
  });
});

/** A linked buyer and supplier with a product and a submitted order between them. */
async function tradeRecords(app: TestApp, label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  await buyer.members.manager.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
  return { buyer, supplier, ids: { orderId: order.id, productId: product.id, supplierId: supplier.id } };
}

/** The example input with every id it names replaced by a real record's. */
function withRealIds(input: unknown, ids: Record<string, string>): unknown {
  if (!input || typeof input !== 'object') return input;
  const replaced = Object.entries(input).map(([key, value]) => [key, key in ids ? ids[key] : value]);
  return Object.fromEntries(replaced);
}
