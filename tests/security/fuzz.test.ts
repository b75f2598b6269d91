import { randomUUID } from 'node:crypto';
import { appRouter } from '@tradeloom/server';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/src/modules/auth/sessions.service.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import type { TestCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { callProcedure, EXAMPLE_INPUTS, procedureInventory } from './inventory.ts';
import { rowCounts } from './row-counts.ts';

// Every procedure, called by the owner of a real company with ids of that company's records, gets
// its example input with one field (or the whole input) replaced by a hostile value. Whatever the
// value, the answer is never INTERNAL_SERVER_ERROR, a refusal names a field rather than coming from
// the database's own error, and a call that fails writes nothing.

const RUNS_PER_PROCEDURE = 25;

let app: TestApp;
let buyer: TestCompany;
/** Ids of the buyer's real records, by input field name, so hostile calls reach the database. */
let realIds: Record<string, string>;

beforeAll(async () => {
  app = await setupTestApp();
  const pair = await tradingPair(app, 'Fuzz');
  buyer = pair.buyer;
  const owner = buyer.members.owner.caller;
  const product = await owner.catalog.products.create({ sku: 'FZ-1', name: 'Fuzz yarn', unit: 'kg', price: '10', currency: 'INR' });
  const order = await owner.orders.create({
    supplierId: pair.supplier.id,
    lines: [{ productId: pair.product.id, quantity: '5', unit: 'kg', unitPrice: '265.50' }],
  });
  const workOrder = await owner.production.workOrders.create({
    description: 'Fuzz run',
    quantity: '10',
    unit: 'kg',
    operations: [{ name: 'Spin' }],
  });
  const [link] = (await owner.partners.list({})).items;
  const [year] = await owner.settings.financialYears.list();
  const invitation = await owner.companies.invite({ email: `fuzz-${randomUUID()}@example.test`, role: 'viewer' });
  const apiKey = await owner.apiKeys.create({ name: 'Fuzz key', scopes: ['company:read'] });
  // Trade desk records, so hostile values reach the lot, offer, negotiation and contract code.
  const deal = await tradeDeskRecords(buyer, pair.supplier);
  realIds = {
    ...deal,
    productId: product.id,
    orderId: order.id,
    workOrderId: workOrder.id,
    supplierId: pair.supplier.id,
    buyerId: pair.supplier.id,
    companyId: buyer.id,
    linkId: link?.id ?? randomUUID(),
    financialYearId: year?.id ?? randomUUID(),
    invitationId: invitation.kind === 'invitation' ? invitation.invitationId : randomUUID(),
    apiKeyId: apiKey.id,
  };
}, 60_000);
afterAll(() => app.close());

/** A lot on a partners-only offer of `owner`, one negotiation `partner` keeps open on it and one it closed into a contract. */
async function tradeDeskRecords(owner: TestCompany, partner: TestCompany) {
  const seller = owner.members.owner.caller;
  const lot = await seller.tradedesk.lots.create({
    commodityCode: 'cotton-lint',
    bales: 100,
    netWeightKg: '17000',
    stateCode: 'GJ',
    city: 'Rajkot',
    cropYear: '2025-26',
  });
  const offer = await seller.tradedesk.offers.create({
    side: 'sell',
    commodity: 'cotton-lint',
    lotId: lot.id,
    quantity: '100',
    unit: 'bale',
    price: '56500',
    priceUnit: 'candy',
    validUntil: new Date(app.clock.now().getTime() + 5 * 86_400_000).toISOString(),
    visibility: 'partners',
  });
  const terms = { price: '56000', priceUnit: 'candy', quantity: '10', unit: 'bale' } as const;
  const closed = await partner.members.owner.caller.tradedesk.negotiations.open({ offerId: offer.id, terms });
  const { contractId } = await seller.tradedesk.negotiations.accept({ negotiationId: closed.id, version: closed.version });
  const running = await partner.members.owner.caller.tradedesk.negotiations.open({ offerId: offer.id, terms });
  return { lotId: lot.id, offerId: offer.id, negotiationId: running.id, contractId };
}

// Calls that would take the owner's own company or role away keep the example's missing ids.
const SELF_HARMING = new Set(['companies.transferOwnership', 'companies.removeMember', 'companies.setRole', 'companies.leave']);

/** The example input with ids pointing at the buyer's real records. */
function realInput(path: string): unknown {
  const example = EXAMPLE_INPUTS[path]?.();
  if (SELF_HARMING.has(path) || typeof example !== 'object' || example === null) return example;
  return Object.fromEntries(Object.entries(example).map(([key, value]) => [key, realIds[key] ?? value]));
}

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = level % 2 ? { a: value } : [value];
  return value;
}

const forgedCursor = Buffer.from(JSON.stringify([{ $gt: '' }, "' or 1=1 --"])).toString('base64url');
const hostileValue = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    'x'.repeat(100_000),
    '',
    '   ',
    '-1',
    '0',
    '0.000',
    '1e308',
    '-1e-308',
    '99999999999999999999',
    '99999999999999.9999',
    'NaN',
    'Infinity',
    '0001-01-01',
    '-271821-04-20',
    '+275760-09-13',
    '9999-12-31',
    '2026-02-30',
    forgedCursor,
    'not-a-uuid',
    '------------------------------------',
    '00000000-0000-0000-0000-000000000000',
    "'; drop table users; --",
    '%_\\',
    '\uD800',
    '__proto__',
  ),
  fc.constantFrom(0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY),
  fc.constantFrom(null, true, [], {}, [1, 'a'], { $gt: '' }, new Date(Number.NaN), new Date(-8.64e15)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(deeplyNested(2_000)),
  fc.constant(JSON.parse('{"__proto__": {"isPlatformAdmin": true}, "constructor": {"prototype": {"x": 1}}}')),
);

type Mutation =
  | { mode: 'whole' }
  | { mode: 'field'; pick: number }
  | { mode: 'extraKey'; key: string }
  | { mode: 'path'; path: (string | number)[] };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ mode: 'whole' as const }),
  fc.nat().map((pick) => ({ mode: 'field' as const, pick })),
  fc.constantFrom('__proto__', 'constructor', 'evil\u0000key', 'x').map((key) => ({ mode: 'extraKey' as const, key })),
);

/** Top-level field names the procedure's input schema declares, also those the example leaves out. */
function schemaFields(path: string): string[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
  return (procedures[path]?._def.inputs ?? []).flatMap((parser) => Object.keys((parser as { shape?: object }).shape ?? {}));
}

/** Paths of every leaf (and array) in `value`, so any field can be replaced. */
function fieldPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return path.length ? [path] : [];
  const children = Array.isArray(value) ? value.map((child, index) => [index, child] as const) : Object.entries(value);
  return [...(path.length ? [path] : []), ...children.flatMap(([key, child]) => fieldPaths(child, [...path, key]))];
}

function withReplaced(input: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(input) ? [...input] : { ...(input as object) }) as Record<string | number, unknown>;
  // defineProperty, so a `__proto__` key becomes an own property as JSON.parse would make it.
  Object.defineProperty(copy, head, {
    value: withReplaced(copy[head], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Every field the input has or its schema declares: the fields each known attack is tried on. */
function targetPaths(path: string, input: unknown): (string | number)[][] {
  const paths = fieldPaths(input);
  const named = new Set(paths.map((p) => p.join('.')));
  return [
    ...paths,
    ...schemaFields(path)
      .filter((field) => !named.has(field))
      .map((field) => [field]),
  ];
}

// Tried on every field of every procedure, whatever the random draw: the values that answered 500.
const KNOWN_ATTACKS: unknown[] = ['a\u0000b', '-271821-04-20', '99999999999999999999', forgedCursor, 2 ** 31];

function applyMutation(input: unknown, change: Mutation, value: unknown): unknown {
  if (change.mode === 'whole') return value;
  const object = typeof input === 'object' && input !== null ? input : {};
  if (change.mode === 'extraKey') return withReplaced(object, [change.key], value);
  if (change.mode === 'path') return withReplaced(object, change.path, value);
  const paths = fieldPaths(input);
  const path = paths[change.pick % Math.max(paths.length, 1)];
  return path ? withReplaced(input, path, value) : value;
}

/** A fresh owner session per procedure, so `auth.logout` and friends cannot end the others' runs. */
async function ownerCaller() {
  const { deps } = app;
  const owner = buyer.members.owner;
  const session = await createSession(
    deps.db,
    { clock: deps.clock, session: deps.config.session },
    { userId: owner.id, activeCompanyId: buyer.id, ip: '203.0.113.9', userAgent: 'fuzz' },
  );
  return app.caller({ sessionToken: session.token });
}

/** A readable one-line description of the input for a failure message. */
function describeInput(input: unknown): string {
  try {
    return (
      JSON.stringify(input, (_key, value) => (typeof value === 'string' && value.length > 60 ? `${value.slice(0, 60)}…` : value))?.slice(
        0,
        300,
      ) ?? String(input)
    );
  } catch {
    return String(input);
  }
}

const DATABASE_REFUSAL = /out of the range this field accepts/;

describe('fuzz: hostile input to every procedure', () => {
  const procedures = procedureInventory().filter((p) => p.type !== 'subscription');

  it('covers every procedure of the inventory that takes input over a request', () => {
    expect(procedures.length).toBeGreaterThan(80);
    expect(procedures.filter((p) => !EXAMPLE_INPUTS[p.path]).map((p) => p.path)).toEqual([]);
  });

  it.each(procedures.map((p) => [p.path]))(
    '%s never answers 500, names the field it refuses, and writes nothing when it fails',
    async (path) => {
      const caller = await ownerCaller();
      const base = realInput(path);
      const known: [Mutation, unknown][] = targetPaths(path, base).flatMap((field) =>
        KNOWN_ATTACKS.map((value): [Mutation, unknown] => [{ mode: 'path', path: field }, value]),
      );
      // Counted once, then again only after a call that succeeded (and so may have written).
      let before = await rowCounts(app);
      await fc.assert(
        fc.asyncProperty(mutation, hostileValue, async (change, value) => {
          const input = applyMutation(base, change, value);
          const error = await callProcedure(caller, path, input).then(
            () => null,
            (caught: unknown) => caught,
          );
          if (!error) {
            before = await rowCounts(app);
            return;
          }
          const where = `${path}(${describeInput(input)})`;
          expect(error, where).toBeInstanceOf(TRPCError);
          const { code, message } = error as TRPCError;
          expect(code, `${where}: ${message}`).not.toBe('INTERNAL_SERVER_ERROR');
          expect(message, `${where} reached the database unchecked`).not.toMatch(DATABASE_REFUSAL);
          expect(await rowCounts(app), `${where} failed with ${code} but wrote`).toEqual(before);
        }),
        {
          numRuns: RUNS_PER_PROCEDURE,
          // Always tried, whatever the random draw: the structural attacks on the whole input.
          examples: [
            [{ mode: 'whole' }, deeplyNested(2_000)],
            [{ mode: 'extraKey', key: '__proto__' }, { isPlatformAdmin: true }],
            ...known,
          ],
        },
      );
    },
    30_000,
  );
});
