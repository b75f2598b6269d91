import type { ApiKeyScope } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { callProcedure, EXAMPLE_INPUTS, procedureInventory } from '../security/inventory.ts';
import { tableFingerprints } from '../security/row-counts.ts';

// Who may reach a tender: its buyer and the suppliers it invited. Everyone else, with every
// credential, meets NOT_FOUND for its real ids; a viewer or a key without sourcing scopes is
// FORBIDDEN before anything is looked up; and no refused call writes a row.

let app: TestApp;
let buyer: TestCompany;
let invited: TestCompany;
/** Linked to the buyer, but not invited to this tender. */
let notInvited: TestCompany;
/** No link to anyone. */
let stranger: TestCompany;
let ids: { tenderId: string; itemId: string; quoteId: string; clarificationId: string; supplierId: string };
let tenderNumber: string;

const sourcing = procedureInventory().filter((p) => p.path.startsWith('sourcing.'));
const mutations = sourcing.filter((p) => p.type === 'mutation').map((p) => p.path);
// Procedures that name no tender: what they answer must not mention it. `create` makes the
// caller's own tender, which is its right.
const UNADDRESSED = [
  'sourcing.tenders.list',
  'sourcing.tenders.candidates',
  'sourcing.invitations.list',
  'sourcing.waiting',
  'sourcing.tenders.create',
];
const addressed = sourcing.map((p) => p.path).filter((path) => !UNADDRESSED.includes(path));
// Each side's procedures, which the other side of the same tender may not use either.
const SUPPLIER_SIDE = [
  'sourcing.invitations.decline',
  'sourcing.quotes.saveDraft',
  'sourcing.quotes.discardDraft',
  'sourcing.quotes.submit',
  'sourcing.quotes.withdraw',
  'sourcing.clarifications.ask',
];
const BUYER_SIDE = addressed.filter((path) => !SUPPLIER_SIDE.includes(path) && path !== 'sourcing.tenders.get');

beforeAll(async () => {
  app = await setupTestApp();
  ({ buyer, supplier: invited } = await tradingPair(app, 'Tender'));
  notInvited = await createCompany(app, 'NotInvited');
  const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: notInvited.id });
  await notInvited.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
  stranger = await createCompany(app, 'Stranger');

  const owner = buyer.members.owner.caller;
  const tender = await owner.sourcing.tenders.create({
    title: 'Shankar-6 cotton, stranger check',
    currency: 'INR',
    closesAt: new Date(app.clock.now().getTime() + 3 * 86_400_000).toISOString(),
    items: [{ description: 'Shankar-6 cotton lint, 29 mm', quantity: '100', unit: 'candy', targetPrice: '61000' }],
  });
  await owner.sourcing.tenders.invite({ tenderId: tender.id, supplierIds: [invited.id] });
  await owner.sourcing.tenders.publish({ tenderId: tender.id });
  const view = await owner.sourcing.tenders.get({ tenderId: tender.id });
  const itemId = view.items[0]?.id ?? '';
  const supplier = invited.members.owner.caller;
  const quote = await supplier.sourcing.quotes.submit({ tenderId: tender.id, lines: [{ itemId, unitPrice: '61250' }] });
  const question = await supplier.sourcing.clarifications.ask({ tenderId: tender.id, question: 'Are 165 kg bales acceptable?' });
  ids = { tenderId: tender.id, itemId, quoteId: quote.id, clarificationId: question.id, supplierId: invited.id };
  tenderNumber = tender.number;
}, 600_000);
afterAll(() => app.close());

/** The example input with every id it names replaced by the real tender's, nested lists included. */
function withRealIds(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(withRealIds);
  if (!input || typeof input !== 'object') return input;
  const real = ids as Record<string, string>;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => {
      if (key in real) return [key, real[key]];
      // `supplierIds: [id]` names one supplier by its `supplierId`.
      if (key.endsWith('Ids') && Array.isArray(value)) return [key, [real[key.slice(0, -1)] ?? value[0]]];
      return [key, withRealIds(value)];
    }),
  );
}

async function outcome(promise: Promise<unknown>): Promise<{ code: string; reason?: string } | { ok: unknown }> {
  try {
    return { ok: await promise };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason };
  }
}

/** Calls `path` with real ids and proves the call changed no row anywhere. */
async function refusedWithoutWriting(caller: unknown, path: string) {
  // An API key stamps its last use once a minute: let that happen before the snapshot.
  await outcome(callProcedure(caller, 'companies.current', undefined));
  const before = await tableFingerprints(app);
  const result = await outcome(callProcedure(caller, path, withRealIds(EXAMPLE_INPUTS[path]?.())));
  expect(await tableFingerprints(app)).toEqual(before);
  return result;
}

const callers = {
  'a stranger company': () => stranger.members.owner.caller,
  'a linked supplier that was not invited': () => notInvited.members.owner.caller,
  "a stranger's API key with every sourcing scope": async () => {
    strangerKey ??= await keyCaller(stranger, ['sourcing:read', 'sourcing:write']);
    return strangerKey;
  },
};
let strangerKey: Caller | undefined;

async function keyCaller(company: TestCompany, scopes: ApiKeyScope[]): Promise<Caller> {
  const { key } = await company.members.owner.caller.apiKeys.create({ name: `Key ${scopes.join(' ')}`, scopes });
  return app.caller({ apiKey: key });
}

describe('the walk covers every sourcing procedure', () => {
  it('each one is either addressed by id or listed as naming no tender', () => {
    expect(sourcing.length).toBeGreaterThanOrEqual(20);
    expect(UNADDRESSED.filter((path) => !sourcing.some((p) => p.path === path))).toEqual([]);
    expect(SUPPLIER_SIDE.filter((path) => !addressed.includes(path))).toEqual([]);
  });
});

describe.each(Object.entries(callers))('%s', (_who, makeCaller) => {
  it.each(addressed)('%s on the real tender is NOT_FOUND and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(await makeCaller(), path);
    expect([path, result]).toEqual([path, { code: 'NOT_FOUND', reason: undefined }]);
  });

  it('lists and candidates never mention the tender', async () => {
    const caller = await makeCaller();
    const seen = JSON.stringify([
      await caller.sourcing.tenders.list({}),
      await caller.sourcing.invitations.list({}),
      await caller.sourcing.tenders.candidates({}),
    ]);
    // Nothing waits for it either: the counts of the tender's open request and question are the buyer's and invitee's.
    expect(await caller.sourcing.waiting()).toEqual({ quoteRequests: 0, questions: 0 });
    for (const secret of [ids.tenderId, ids.quoteId, tenderNumber, 'Shankar-6 cotton, stranger check']) {
      expect(seen).not.toContain(secret);
    }
  });
});

describe('each side of the tender cannot use the other side’s procedures', () => {
  it.each(BUYER_SIDE)('the invited supplier calling %s is NOT_FOUND and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(invited.members.owner.caller, path);
    expect([path, result]).toEqual([path, { code: 'NOT_FOUND', reason: undefined }]);
  });

  it.each(SUPPLIER_SIDE)('the buyer calling %s is NOT_FOUND and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(buyer.members.owner.caller, path);
    expect([path, result]).toEqual([path, { code: 'NOT_FOUND', reason: undefined }]);
  });
});

describe('a viewer changes nothing', () => {
  const cases = mutations.flatMap((path) => [
    [path, 'buyer'],
    [path, 'invited supplier'],
  ]);
  it.each(cases)('%s as the %s’s viewer is FORBIDDEN and writes nothing', async (path, side) => {
    const company = side === 'buyer' ? buyer : invited;
    const result = await refusedWithoutWriting(company.members.viewer.caller, path);
    expect([path, result]).toEqual([path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }]);
  });

  it('yet the viewers read the tender, the buyer’s sealed', async () => {
    const buyerView = await buyer.members.viewer.caller.sourcing.tenders.get({ tenderId: ids.tenderId });
    expect(buyerView.side).toBe('buyer');
    if (buyerView.side === 'buyer') expect(buyerView.quotes.map((q) => q.terms)).toEqual([null]);
    expect((await invited.members.viewer.caller.sourcing.tenders.get({ tenderId: ids.tenderId })).side).toBe('supplier');
  });
});

describe('API keys', () => {
  let withoutSourcing: Caller;
  let readOnly: Caller;
  beforeAll(async () => {
    withoutSourcing = await keyCaller(buyer, ['orders:read', 'orders:write', 'catalog:read', 'partners:read']);
    readOnly = await keyCaller(buyer, ['sourcing:read']);
  });

  it.each(sourcing.map((p) => p.path))('%s refuses the buyer’s key without sourcing scopes and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(withoutSourcing, path);
    expect([path, result]).toEqual([path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }]);
  });

  it.each(mutations)('%s refuses a key with sourcing:read only and writes nothing', async (path) => {
    const result = await refusedWithoutWriting(readOnly, path);
    expect([path, result]).toEqual([path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }]);
  });

  it('a sourcing:read key reads the tender, sealed', async () => {
    const view = await readOnly.sourcing.tenders.get({ tenderId: ids.tenderId });
    if (view.side !== 'buyer') throw new Error('expected the buyer view');
    expect(view.sealed).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/(?<![0-9a-f-])61250(?![0-9a-f-])/);
  });
});
