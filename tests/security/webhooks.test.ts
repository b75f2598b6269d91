import { JobRunner, jobHandlers } from '@tradeloom/server';
import { API_KEY_SCOPES, ROLES, roleCan, verifyWebhook, WEBHOOK_EVENT_NAMES } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook-receiver.ts';
import { captureLogs } from '../http/log-capture.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { HOUR, tenderWorld } from '../sourcing/quote-fixtures.ts';
import { callProcedure, procedureInventory } from './inventory.ts';
import { tableFingerprints } from './row-counts.ts';

// Webhooks are an outbound channel for a company's data, so they get the same walls as its
// records: only owners and admins manage them, another company's endpoint or delivery is
// NOT_FOUND, no API key reaches them, the signing secret is shown once and stored in one column,
// an address that resolves somewhere private is refused before anything is written, and an event
// reaches only the endpoints of the companies it is about — a sealed quote's price never.

let app: TestApp;
let receiver: WebhookReceiver;
let owner: TestCompany;
let stranger: TestCompany;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // The receiver is on 127.0.0.1 over plain http: allowed for this host only, as local use would.
  app = await setupTestApp({ webhooks: { allowHosts: ['127.0.0.1'], allowHttp: true, timeoutMs: 5_000 } });
  owner = await createCompany(app, 'HookOwner');
  stranger = await createCompany(app, 'HookStranger');
}, 120_000);
afterAll(async () => {
  await app.close();
  await receiver.close();
});

const inventory = procedureInventory().filter((p) => p.path.startsWith('webhooks.'));
const permissionOf = (path: string) => {
  const access = inventory.find((p) => p.path === path)?.access;
  if (access?.kind !== 'company') throw new Error(`${path} is not a company procedure`);
  return access.permission;
};
/** The procedures that name no endpoint or delivery. */
const WITHOUT_IDS = ['webhooks.endpoints.create', 'webhooks.endpoints.list', 'webhooks.events'];

async function outcome(promise: Promise<unknown>): Promise<{ code: string; reason?: string } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason };
  }
}

interface Hook {
  endpointId: string;
  version: number;
  deliveryId: string;
  secret: string;
}

/** An endpoint of `company` at `receiver/<path>` with one delivered test event. */
async function endpointWithDelivery(company: TestCompany, path: string): Promise<Hook> {
  const caller = company.members.admin.caller.webhooks.endpoints;
  const created = await caller.create({ url: `${receiver.url}/${path}`, events: ['order.submitted'], description: path });
  const { deliveryId } = await caller.test({ endpointId: created.id });
  await app.runner.drain();
  return { endpointId: created.id, version: created.endpoint.version, deliveryId, secret: created.secret };
}

/** A valid input for every webhooks procedure, naming `hook`'s endpoint and delivery. */
function inputsNaming(hook: Hook, path: string): Record<string, unknown> {
  const { endpointId, version, deliveryId } = hook;
  return {
    'webhooks.endpoints.create': { url: `${receiver.url}/${path}`, events: ['order.accepted'] },
    'webhooks.endpoints.list': undefined,
    'webhooks.endpoints.get': { endpointId },
    'webhooks.endpoints.update': { endpointId, version, description: 'Renamed' },
    'webhooks.endpoints.delete': { endpointId },
    'webhooks.endpoints.rotateSecret': { endpointId, version, overlapHours: 1 },
    'webhooks.endpoints.test': { endpointId },
    'webhooks.deliveries.list': { endpointId },
    'webhooks.deliveries.get': { deliveryId },
    'webhooks.deliveries.replay': { deliveryId },
    'webhooks.events': undefined,
  };
}

describe('who may manage webhooks', () => {
  it('covers every webhooks procedure', () => {
    const hook = { endpointId: 'x', version: 1, deliveryId: 'y', secret: 'z' };
    expect(Object.keys(inputsNaming(hook, 'cover')).sort()).toEqual(inventory.map((p) => p.path).sort());
    expect(new Set(inventory.map((p) => permissionOf(p.path)))).toEqual(new Set(['webhooks:manage']));
  });

  // Each case gets its own endpoint with a finished delivery, so a permitted call succeeds
  // outright: the check is "ok" for owners and admins, not merely "not refused for permission".
  // A company of its own, emptied after each case: a company may keep only so many endpoints.
  let matrix: TestCompany;
  beforeAll(async () => {
    matrix = await createCompany(app, 'HookMatrix');
  });
  afterEach(async () => {
    const endpoints = matrix.members.owner.caller.webhooks.endpoints;
    for (const { id } of (await endpoints.list()).items) await endpoints.delete({ endpointId: id });
  });

  const cases = inventory.flatMap((p) => ROLES.map((role) => [p.path, role] as const));
  it.each(cases)('%s as the %s', async (path, role) => {
    const label = `${path}-${role}`.replaceAll('.', '-');
    const hook = await endpointWithDelivery(matrix, label);
    const before = await tableFingerprints(app);
    const sent = receiver.received.length;
    const result = await outcome(callProcedure(matrix.members[role].caller, path, inputsNaming(hook, label)[path]));
    if (roleCan(role, permissionOf(path))) {
      expect(result).toBe('ok');
    } else {
      expect(result).toEqual({ code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' });
      expect(await tableFingerprints(app)).toEqual(before);
      await app.runner.drain();
      expect(receiver.received.length).toBe(sent);
    }
  });
});

describe('another company', () => {
  let hook: Hook;
  beforeAll(async () => {
    hook = await endpointWithDelivery(owner, 'owned-by-a');
  });

  it.each(ROLES.map((role) => [role]))("as %s gets NOT_FOUND (or no permission) for the endpoint's and delivery's ids", async (role) => {
    const inputs = inputsNaming(hook, 'stranger');
    const before = await tableFingerprints(app);
    const sent = receiver.received.length;
    const results: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const { path } of inventory.filter((p) => !WITHOUT_IDS.includes(p.path))) {
      const result = await outcome(callProcedure(stranger.members[role].caller, path, inputs[path]));
      results[path] = result === 'ok' ? 'ok' : result.code;
      expected[path] = roleCan(role, permissionOf(path)) ? 'NOT_FOUND' : 'FORBIDDEN';
    }
    expect(results).toEqual(expected);
    expect(await tableFingerprints(app)).toEqual(before);
    // Neither the test event nor the replay went out.
    await app.runner.drain();
    expect(receiver.received.length).toBe(sent);
  });

  it("lists none of the other company's endpoints, and its own list is unaffected", async () => {
    const list = await stranger.members.owner.caller.webhooks.endpoints.list();
    expect(list.items).toEqual([]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(hook.endpointId);
    expect(text).not.toContain('owned-by-a');
    const ownList = await owner.members.owner.caller.webhooks.endpoints.list();
    expect(ownList.items.map((e) => e.id)).toContain(hook.endpointId);
  });
});

describe('API keys', () => {
  // No scope for webhooks, by decision: an endpoint is a standing copy of the company's events to
  // an address of the caller's choosing, so a leaked key would become a permanent feed of every
  // order and tender. Registering one stays with a signed-in owner or admin (and is audited).
  it('offers no webhooks scope', async () => {
    expect(API_KEY_SCOPES.filter((scope) => scope.startsWith('webhooks'))).toEqual([]);
    const error = await failure(
      owner.members.owner.caller.apiKeys.create({ name: 'hooks', scopes: ['webhooks:manage' as (typeof API_KEY_SCOPES)[number]] }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).scopes).toBeDefined();
  });

  it('a key with every scope, or a stored row claiming webhooks:manage, is refused every webhooks procedure', async () => {
    const hook = await endpointWithDelivery(owner, 'key-target');
    const { id, key } = await owner.members.owner.caller.apiKeys.create({ name: 'every scope', scopes: [...API_KEY_SCOPES] });
    const program = app.caller({ apiKey: key });
    await program.companies.current(); // first use stamps the key; not part of what is compared
    const inputs = inputsNaming(hook, 'by-key');
    const tryAll = async () => {
      const before = await tableFingerprints(app);
      for (const { path } of inventory) {
        expect([path, await outcome(callProcedure(program, path, inputs[path]))]).toEqual([
          path,
          { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' },
        ]);
      }
      expect(await tableFingerprints(app)).toEqual(before);
    };
    await tryAll();
    // A scope written straight into the table (an old row, a bad migration) grants nothing unknown.
    await app.db
      .updateTable('api_keys')
      .set({ scopes: [...API_KEY_SCOPES, 'webhooks:manage'] })
      .where('id', '=', id)
      .execute();
    await tryAll();
  });
});

/** The tables whose rows (as text) contain `needle`. */
async function tablesHolding(needle: string): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(app.db);
  const holding: string[] = [];
  for (const { name } of tables.rows) {
    const found = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(name)} as t where strpos(t::text, ${needle}) > 0`.execute(app.db);
    if (Number(found.rows[0]?.n) > 0) holding.push(name);
  }
  return holding;
}

describe('the signing secret', () => {
  it('is a whsec_ secret of 24 to 64 random bytes, different for every endpoint', async () => {
    const caller = owner.members.admin.caller.webhooks.endpoints;
    const first = await caller.create({ url: `${receiver.url}/secret-1`, events: ['order.submitted'] });
    const second = await caller.create({ url: `${receiver.url}/secret-1`, events: ['order.submitted'] });
    for (const { secret } of [first, second]) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
      const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64').length;
      expect(bytes).toBeGreaterThanOrEqual(24);
      expect(bytes).toBeLessThanOrEqual(64);
    }
    expect(first.secret).not.toBe(second.secret);
  });

  it('after create and rotate, is in no answer, no audit entry, notification, event, job or delivery row', async () => {
    const admin = owner.members.admin.caller;
    const created = await admin.webhooks.endpoints.create({ url: `${receiver.url}/secret-2`, events: ['order.submitted'] });
    const { deliveryId } = await admin.webhooks.endpoints.test({ endpointId: created.id });
    await app.runner.drain();
    const rotated = await admin.webhooks.endpoints.rotateSecret({ endpointId: created.id, version: created.endpoint.version });
    // Both sign during the overlap: the rotation's answer carries the new one only.
    expect(JSON.stringify(rotated)).not.toContain(created.secret);
    const answers = JSON.stringify([
      await admin.webhooks.endpoints.list(),
      await admin.webhooks.endpoints.get({ endpointId: created.id }),
      await admin.webhooks.endpoints.update({ endpointId: created.id, version: rotated.endpoint.version, description: 'ERP' }),
      await admin.webhooks.deliveries.list({ endpointId: created.id }),
      await admin.webhooks.deliveries.get({ deliveryId }),
      await owner.members.owner.caller.audit.list({}),
      await owner.members.owner.caller.notifications.list({}),
    ]);
    for (const secret of [created.secret, rotated.secret]) {
      const key = secret.slice('whsec_'.length);
      expect(answers).not.toContain(key);
      // Its endpoint's row keeps it (sealed or not) to sign with; no other table holds it.
      expect((await tablesHolding(key)).filter((table) => table !== 'webhook_endpoints')).toEqual([]);
      // Sent to nobody: not in any header or body the receiver got.
      expect(JSON.stringify(receiver.received)).not.toContain(key);
    }
    // The hint is a few characters, never enough to sign with.
    const { secretHint } = await admin.webhooks.endpoints.get({ endpointId: created.id });
    expect(secretHint.length).toBeLessThanOrEqual(8);
  });

  it('is in no log line: not of the requests that create and rotate it, nor of the deliveries it signs', async () => {
    const { logger, text } = captureLogs();
    const http = await app.startHttp({ logger });
    const headers = {
      'content-type': 'application/json',
      origin: 'http://tradeloom.test',
      cookie: `tl_session=${owner.members.admin.token}`,
    };
    const post = async (path: string, input: unknown) => {
      const response = await fetch(`${http.url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
      expect(response.status).toBe(200);
      return (await response.json()).result.data;
    };
    try {
      const created = await post('webhooks.endpoints.create', { url: `${receiver.url}/logged`, events: ['order.submitted'] });
      const rotated = await post('webhooks.endpoints.rotateSecret', { endpointId: created.id, version: created.endpoint.version });
      await post('webhooks.endpoints.test', { endpointId: created.id });
      // The receiver fails the delivery and echoes what it got, so the attempt's log has the most to say.
      receiver.answerWith((hook) => ({ status: 500, body: JSON.stringify(hook.headers) }));
      const runner = new JobRunner(app.db, app.clock, jobHandlers(app.deps), logger, { workerId: 'secret-log-test' });
      await runner.drain();
      receiver.answerWith(() => ({ status: 204 }));
      expect(receiver.at('/logged').length).toBe(1);
      for (const secret of [created.secret as string, rotated.secret as string]) {
        expect(text()).not.toContain(secret.slice('whsec_'.length));
      }
    } finally {
      receiver.answerWith(() => ({ status: 204 }));
      await http.close();
    }
  });
});

describe('refused addresses (SSRF) through the procedures', () => {
  const refused = (port: number) => [
    `http://127.0.0.2:${port}/hook`,
    `http://0x7f000002:${port}/hook`,
    `http://0.0.0.0:${port}/hook`,
    'http://10.0.0.5/hook',
    'http://172.16.4.1/hook',
    'http://192.168.1.10/hook',
    'http://100.64.0.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    `http://[::1]:${port}/hook`,
    `http://[::]:${port}/hook`,
    'http://[::ffff:169.254.169.254]/hook',
    'http://[::ffff:10.0.0.1]/hook',
    'http://[fe80::1]/hook',
    'http://[fd00::1]/hook',
  ];

  async function expectRefused(call: () => Promise<unknown>) {
    const error = await failure(call());
    expect([error.code, error.reason]).toEqual(['BAD_REQUEST', 'WEBHOOK_URL_REFUSED']);
    expect(fieldErrors(error).url?.length).toBeGreaterThan(0);
  }

  it('create refuses every private, loopback, link-local and metadata address and writes nothing', async () => {
    const caller = owner.members.admin.caller.webhooks.endpoints;
    const before = await tableFingerprints(app);
    for (const url of refused(receiver.port)) {
      await expectRefused(() => caller.create({ url, events: ['order.submitted'] }));
    }
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it('update refuses moving an endpoint to such an address and leaves it as it was', async () => {
    const caller = owner.members.admin.caller.webhooks.endpoints;
    const created = await caller.create({ url: `${receiver.url}/moving`, events: ['order.submitted'] });
    const before = await tableFingerprints(app);
    for (const url of refused(receiver.port)) {
      await expectRefused(() => caller.update({ endpointId: created.id, version: created.endpoint.version, url }));
    }
    expect(await tableFingerprints(app)).toEqual(before);
    expect((await caller.get({ endpointId: created.id })).url).toBe(`${receiver.url}/moving`);
  });

  describe('with the default configuration (no allowed hosts, https only)', () => {
    let strict: TestApp;
    let company: TestCompany;
    beforeAll(async () => {
      strict = await setupTestApp();
      company = await createCompany(strict, 'Strict');
    }, 60_000);
    afterAll(() => strict.close());

    it('refuses loopback in any spelling and plain http, writes nothing, and never connects', async () => {
      const caller = company.members.owner.caller.webhooks.endpoints;
      const port = receiver.port;
      const before = await tableFingerprints(strict);
      const sent = receiver.received.length;
      for (const url of [
        `https://127.0.0.1:${port}/strict`,
        `https://localhost:${port}/strict`,
        `https://2130706433:${port}/strict`,
        `https://[::ffff:127.0.0.1]:${port}/strict`,
        `http://127.0.0.1:${port}/strict`,
        'http://93.184.215.14/plain-http',
      ]) {
        const error = await failure(caller.create({ url, events: ['order.submitted'] }));
        expect([url, error.code, error.reason]).toEqual([url, 'BAD_REQUEST', 'WEBHOOK_URL_REFUSED']);
        expect(fieldErrors(error).url?.length).toBeGreaterThan(0);
      }
      expect(await tableFingerprints(strict)).toEqual(before);
      expect(receiver.received.length).toBe(sent);
    });
  });
});

/** The event types of the messages that reached `path`, each checked against its endpoint's secret. */
async function typesAt(path: string, secret: string, otherSecrets: string[]): Promise<string[]> {
  const types: string[] = [];
  for (const hook of receiver.at(path)) {
    const payload = (await verifyWebhook(secret, hook.headers, hook.body, { now: app.clock.now() })) as { type: string };
    types.push(payload.type);
    for (const other of otherSecrets) {
      await expect(verifyWebhook(other, hook.headers, hook.body, { now: app.clock.now() })).rejects.toThrow();
    }
  }
  return types;
}

describe('an event reaches only the endpoints of the companies it is about', () => {
  it('a buyer, its supplier and a stranger, each subscribed to everything', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Audience');
    const outsider = await createCompany(app, 'AudienceOutsider');
    const subscribe = async (company: TestCompany, path: string) =>
      (await company.members.owner.caller.webhooks.endpoints.create({ url: `${receiver.url}/${path}`, events: [...WEBHOOK_EVENT_NAMES] }))
        .secret;
    const secrets = {
      buyer: await subscribe(buyer, 'audience-buyer'),
      supplier: await subscribe(supplier, 'audience-supplier'),
      outsider: await subscribe(outsider, 'audience-outsider'),
    };
    const buyerNote = `CANARY-buyer-note-${Date.now()}`;

    // The supplier's own business, the buyer's draft (its note is the buyer's alone), then both sides'.
    await supplier.members.staff.caller.catalog.products.create({
      sku: 'AUD-1',
      name: 'Audience yarn',
      unit: 'kg',
      price: '300',
      currency: 'INR',
    });
    const draft = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      note: buyerNote,
    });
    const submitted = await buyer.members.manager.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    await supplier.members.manager.caller.orders.transition({ orderId: submitted.id, action: 'accept', version: submitted.version });
    await app.runner.drain();

    const buyerTypes = await typesAt('/audience-buyer', secrets.buyer, [secrets.supplier, secrets.outsider]);
    const supplierTypes = await typesAt('/audience-supplier', secrets.supplier, [secrets.buyer, secrets.outsider]);
    expect(buyerTypes).toEqual(expect.arrayContaining(['order.created', 'order.submitted', 'order.accepted']));
    expect(buyerTypes).not.toContain('product.created');
    expect(supplierTypes).toEqual(expect.arrayContaining(['product.created', 'order.submitted', 'order.accepted']));
    expect(supplierTypes).not.toContain('order.created');
    expect(receiver.at('/audience-outsider')).toEqual([]);
    expect(JSON.stringify(receiver.at('/audience-supplier'))).not.toContain(buyerNote);

    // The delivery logs agree with what arrived.
    const [outsiderEndpoint] = (await outsider.members.owner.caller.webhooks.endpoints.list()).items;
    const outsiderLog = await outsider.members.owner.caller.webhooks.deliveries.list({ endpointId: outsiderEndpoint?.id ?? '' });
    expect(outsiderLog.items).toEqual([]);
  });

  it("a sealed quote's price never reaches the buyer's endpoint, nor the other invited supplier's, before the tender closes", async () => {
    const { buyer, supplierA, supplierB, tender } = await tenderWorld(app, 'HookSeal', HOUR);
    const subscribe = async (company: TestCompany, path: string) => {
      const created = await company.members.owner.caller.webhooks.endpoints.create({
        url: `${receiver.url}/${path}`,
        events: [...WEBHOOK_EVENT_NAMES],
      });
      return { id: created.id, secret: created.secret };
    };
    const buyerHook = await subscribe(buyer, 'sealed-buyer');
    const rivalHook = await subscribe(supplierB, 'sealed-rival');
    const price = '97531.2468';
    const notes = `CANARY-sealed-notes-${Date.now()}`;
    const [first] = tender.itemIds as [string];
    await supplierA.members.staff.caller.sourcing.quotes.submit({
      tenderId: tender.id,
      lines: [{ itemId: first, unitPrice: price }],
      notes,
    });
    await app.runner.drain();

    // The buyer hears that a quote came in (so the search below looks at a real message)…
    const buyerTypes = await typesAt('/sealed-buyer', buyerHook.secret, [rivalHook.secret]);
    expect(buyerTypes).toContain('quote.submitted');
    // …but nothing it received, nor its delivery log, holds the price or the notes.
    const buyerLog = await buyer.members.owner.caller.webhooks.deliveries.list({ endpointId: buyerHook.id });
    const bodies = await Promise.all(buyerLog.items.map((d) => buyer.members.owner.caller.webhooks.deliveries.get({ deliveryId: d.id })));
    for (const text of [JSON.stringify(receiver.at('/sealed-buyer')), JSON.stringify(bodies)]) {
      expect(text).not.toContain(price);
      expect(text).not.toContain(notes);
    }
    // The rival supplier is not a party to another supplier's quote.
    expect(await typesAt('/sealed-rival', rivalHook.secret, [buyerHook.secret])).not.toContain('quote.submitted');
    expect(JSON.stringify(receiver.at('/sealed-rival'))).not.toContain(price);
  });
});
