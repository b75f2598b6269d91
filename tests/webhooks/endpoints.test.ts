import { randomUUID } from 'node:crypto';
import { WEBHOOK_ENDPOINTS_PER_COMPANY } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointSecrets } from '../../server/src/modules/webhooks/endpoint-secrets.ts';
import { type Caller, setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// The endpoint service: what an admin registers, changes, rotates and deletes, and the delivery
// log they read and replay from. Sending itself (the outbox job) has its own tests.

const HOUR = 60 * 60 * 1000;
// A public address, so the SSRF check passes without DNS.
const URL_A = 'https://93.184.215.14/tradeloom/hooks';
const URL_B = 'https://93.184.215.14/tradeloom/other';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

async function newEndpoint(caller: Caller, overrides: { url?: string; events?: string[]; description?: string } = {}) {
  return caller.webhooks.endpoints.create({ url: URL_A, events: ['order.submitted'], ...overrides });
}

function storedEndpoint(endpointId: string) {
  return app.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpointId).executeTakeFirstOrThrow();
}

async function endpointRows(companyId: string): Promise<number> {
  const rows = await app.db.selectFrom('webhook_endpoints').select('id').where('company_id', '=', companyId).execute();
  return rows.length;
}

async function auditRows(companyId: string, actionPrefix = 'webhook') {
  return app.db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'before', 'after'])
    .where('company_id', '=', companyId)
    .where('action', 'like', `${actionPrefix}%`)
    .orderBy('id')
    .execute();
}

/** A delivery row as the outbox writes it, made here so the log's reads have data of their own. */
async function insertDelivery(
  co: TestCompany,
  endpointId: string,
  fields: { status?: 'pending' | 'succeeded' | 'failed'; createdAt?: Date; eventType?: string } = {},
) {
  const messageId = `msg_${randomUUID()}`;
  const payload = { type: fields.eventType ?? 'order.submitted', timestamp: new Date().toISOString(), data: { orderId: randomUUID() } };
  const row = await app.db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: endpointId,
      company_id: co.id,
      event_type: payload.type,
      message_id: messageId,
      payload: JSON.stringify(payload),
      status: fields.status ?? 'failed',
      attempts: fields.status === 'pending' ? 0 : 1,
      next_attempt_at: fields.status === 'pending' ? app.clock.now() : null,
      ...(fields.createdAt ? { created_at: fields.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, messageId, payload };
}

describe('webhooks.endpoints.create', () => {
  it('stores the endpoint and shows its secret this once; list and get show only a hint', async () => {
    const co = await createCompany(app, 'Hook');
    const admin = co.members.admin.caller;
    const created = await newEndpoint(admin, { events: ['order.submitted', 'tender.awarded'], description: 'Tally bridge' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.endpoint).toMatchObject({
      id: created.id,
      url: URL_A,
      description: 'Tally bridge',
      events: ['order.submitted', 'tender.awarded'],
      status: 'active',
      disabledReason: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      secretHint: created.secret.slice(-4),
      version: 1,
      recent: { succeeded: 0, failed: 0, pending: 0 },
    });
    const list = await admin.webhooks.endpoints.list();
    expect(list.items.map((item) => item.id)).toEqual([created.id]);
    const got = await co.members.owner.caller.webhooks.endpoints.get({ endpointId: created.id });
    expect(got).toEqual(list.items[0]);
    expect(JSON.stringify([list, got])).not.toContain(created.secret.slice(6, 30));
  });

  it('keeps the secret encrypted at rest, readable only by the sender', async () => {
    const co = await createCompany(app, 'Rest');
    const created = await newEndpoint(co.members.admin.caller);
    const stored = await storedEndpoint(created.id);
    expect(stored.secret).not.toContain(created.secret.slice(6));
    expect(endpointSecrets(app.deps.config, stored, app.clock.now())).toEqual([created.secret]);
    // Bound to its endpoint: the same box copied onto another endpoint does not open.
    const other = await newEndpoint(co.members.admin.caller);
    expect(() => endpointSecrets(app.deps.config, { ...stored, id: other.id }, app.clock.now())).toThrow();
  });

  it('writes an audit row that names the endpoint and never the secret', async () => {
    const co = await createCompany(app, 'Audit');
    const created = await newEndpoint(co.members.owner.caller);
    const rows = await auditRows(co.id);
    expect(rows).toMatchObject([{ action: 'webhook_endpoint.created', entity_id: created.id, after: { url: URL_A, status: 'active' } }]);
    expect(JSON.stringify(rows)).not.toContain(created.secret.slice(6));
    const history = await co.members.owner.caller.audit.list({ entityType: 'webhook_endpoint' });
    expect(history.items.map((entry) => [entry.action, entry.entityLabel])).toEqual([['webhook_endpoint.created', URL_A]]);
  });

  it('refuses a plain-http address, naming the url field, and writes nothing', async () => {
    const co = await createCompany(app, 'Http');
    const error = await failure(newEndpoint(co.members.admin.caller, { url: 'http://93.184.215.14/hooks' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.reason).toBe('WEBHOOK_URL_REFUSED');
    expect(fieldErrors(error).url?.[0]).toBeTruthy();
    expect(await endpointRows(co.id)).toBe(0);
    expect(await auditRows(co.id)).toEqual([]);
  });

  it('refuses an address on the loopback interface, naming the url field', async () => {
    const co = await createCompany(app, 'Loop');
    const error = await failure(newEndpoint(co.members.admin.caller, { url: 'https://127.0.0.1:8443/hooks' }));
    expect(error.reason).toBe('WEBHOOK_URL_REFUSED');
    expect(fieldErrors(error).url?.[0]).toBeTruthy();
    expect(await endpointRows(co.id)).toBe(0);
  });

  it('refuses an event that is not in the registry, naming the events field', async () => {
    const co = await createCompany(app, 'Evt');
    const error = await failure(newEndpoint(co.members.admin.caller, { events: ['order.teleported'] }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(fieldErrors(error))).toContain('events');
  });

  it(`allows ${WEBHOOK_ENDPOINTS_PER_COMPANY} endpoints per company, then refuses until one is deleted`, async () => {
    const co = await createCompany(app, 'Limit');
    const admin = co.members.admin.caller;
    const ids: string[] = [];
    for (let n = 0; n < WEBHOOK_ENDPOINTS_PER_COMPANY; n++) ids.push((await newEndpoint(admin, { description: `#${n}` })).id);
    const error = await failure(newEndpoint(admin));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('WEBHOOK_ENDPOINT_LIMIT');
    expect(await endpointRows(co.id)).toBe(WEBHOOK_ENDPOINTS_PER_COMPANY);
    await admin.webhooks.endpoints.delete({ endpointId: ids[0] as string });
    await expect(newEndpoint(admin)).resolves.toMatchObject({ endpoint: { status: 'active' } });
  });
});

describe('who may manage webhooks', () => {
  it('refuses managers, staff and viewers on every procedure (FORBIDDEN)', async () => {
    const co = await createCompany(app, 'Roles');
    const { id: endpointId } = await newEndpoint(co.members.admin.caller);
    for (const role of ['manager', 'staff', 'viewer'] as const) {
      const caller = co.members[role].caller;
      const calls = [
        () => newEndpoint(caller),
        () => caller.webhooks.endpoints.list(),
        () => caller.webhooks.endpoints.get({ endpointId }),
        () => caller.webhooks.endpoints.update({ endpointId, version: 1, description: 'x' }),
        () => caller.webhooks.endpoints.rotateSecret({ endpointId, version: 1 }),
        () => caller.webhooks.endpoints.test({ endpointId }),
        () => caller.webhooks.endpoints.delete({ endpointId }),
        () => caller.webhooks.deliveries.list({ endpointId }),
        () => caller.webhooks.events(),
      ];
      // One at a time: a call made up front would reject before its turn to be awaited.
      for (const call of calls) expect((await failure(call())).code, role).toBe('FORBIDDEN');
    }
    expect((await storedEndpoint(endpointId)).version).toBe(1);
  });

  it("answers NOT_FOUND for another company's endpoint and delivery, and changes nothing", async () => {
    const owner = await createCompany(app, 'Own');
    const other = await createCompany(app, 'Other');
    const { id: endpointId } = await newEndpoint(owner.members.admin.caller);
    const delivery = await insertDelivery(owner, endpointId, { status: 'failed' });
    const stranger = other.members.owner.caller;
    const calls = [
      () => stranger.webhooks.endpoints.get({ endpointId }),
      () => stranger.webhooks.endpoints.update({ endpointId, version: 1, description: 'taken over' }),
      () => stranger.webhooks.endpoints.update({ endpointId, version: 1, status: 'paused' }),
      () => stranger.webhooks.endpoints.rotateSecret({ endpointId, version: 1 }),
      () => stranger.webhooks.endpoints.test({ endpointId }),
      () => stranger.webhooks.endpoints.delete({ endpointId }),
      () => stranger.webhooks.deliveries.list({ endpointId }),
      () => stranger.webhooks.deliveries.get({ deliveryId: delivery.id }),
      () => stranger.webhooks.deliveries.replay({ deliveryId: delivery.id }),
    ];
    for (const call of calls) expect((await failure(call())).code).toBe('NOT_FOUND');
    expect(await stranger.webhooks.endpoints.list()).toEqual({ items: [] });
    const stored = await storedEndpoint(endpointId);
    expect(stored).toMatchObject({ version: 1, description: '', status: 'active', deleted_at: null });
    expect(await auditRows(other.id)).toEqual([]);
  });
});

describe('webhooks.endpoints.update', () => {
  it('changes address, events and description, bumping the version, with an audit row of what changed', async () => {
    const co = await createCompany(app, 'Upd');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const updated = await admin.webhooks.endpoints.update({
      endpointId,
      version: 1,
      url: URL_B,
      events: ['order.accepted', 'tender.awarded'],
      description: 'SAP',
    });
    expect(updated).toMatchObject({ url: URL_B, events: ['order.accepted', 'tender.awarded'], description: 'SAP', version: 2 });
    const rows = await auditRows(co.id, 'webhook_endpoint.updated');
    expect(rows).toMatchObject([
      {
        before: { url: URL_A, events: ['order.submitted'], description: '' },
        after: { url: URL_B, events: ['order.accepted', 'tender.awarded'], description: 'SAP' },
      },
    ]);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const co = await createCompany(app, 'Stale');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    await admin.webhooks.endpoints.update({ endpointId, version: 1, description: 'first' });
    const error = await failure(admin.webhooks.endpoints.update({ endpointId, version: 1, description: 'lost update' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('STALE_VERSION');
    expect(await storedEndpoint(endpointId)).toMatchObject({ description: 'first', version: 2 });
  });

  it('checks a new address again: a refused one names the url field and changes nothing', async () => {
    const co = await createCompany(app, 'Recheck');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const error = await failure(admin.webhooks.endpoints.update({ endpointId, version: 1, url: 'https://169.254.169.254/latest' }));
    expect(error.reason).toBe('WEBHOOK_URL_REFUSED');
    expect(fieldErrors(error).url?.[0]).toBeTruthy();
    expect(await storedEndpoint(endpointId)).toMatchObject({ url: URL_A, version: 1 });
  });

  it('pauses and resumes, each with its own audit row', async () => {
    const co = await createCompany(app, 'Pause');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const paused = await admin.webhooks.endpoints.update({ endpointId, version: 1, status: 'paused' });
    expect(paused).toMatchObject({ status: 'paused', version: 2 });
    const resumed = await admin.webhooks.endpoints.update({ endpointId, version: 2, status: 'active' });
    expect(resumed).toMatchObject({ status: 'active', version: 3 });
    const actions = (await auditRows(co.id)).map((row) => [row.action, row.before, row.after]);
    expect(actions.slice(1)).toEqual([
      ['webhook_endpoint.paused', { status: 'active' }, { status: 'paused' }],
      ['webhook_endpoint.resumed', { status: 'paused' }, { status: 'active' }],
    ]);
  });

  it('resuming an endpoint the system disabled clears why and since when it failed', async () => {
    const co = await createCompany(app, 'Disabled');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    await app.db
      .updateTable('webhook_endpoints')
      .set({
        status: 'disabled',
        disabled_reason: 'Every delivery failed for 5 days.',
        failing_since: new Date(Date.now() - 5 * 24 * HOUR),
      })
      .where('id', '=', endpointId)
      .execute();
    const disabled = await admin.webhooks.endpoints.get({ endpointId });
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: 'Every delivery failed for 5 days.' });
    expect(disabled.failingSince).not.toBeNull();
    const resumed = await admin.webhooks.endpoints.update({ endpointId, version: disabled.version, status: 'active' });
    expect(resumed).toMatchObject({ status: 'active', disabledReason: null, failingSince: null });
  });

  it('changes nothing and writes no audit row when nothing differs', async () => {
    const co = await createCompany(app, 'Same');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const same = await admin.webhooks.endpoints.update({ endpointId, version: 1, url: URL_A, status: 'active' });
    expect(same.version).toBe(1);
    expect((await auditRows(co.id)).map((row) => row.action)).toEqual(['webhook_endpoint.created']);
  });
});

describe('webhooks.endpoints.rotateSecret', () => {
  it('signs with both secrets during the overlap, then with the new one only', async () => {
    const co = await createCompany(app, 'Rotate');
    const admin = co.members.admin.caller;
    const created = await newEndpoint(admin);
    const before = app.clock.now().getTime();
    const rotated = await admin.webhooks.endpoints.rotateSecret({ endpointId: created.id, version: 1, overlapHours: 24 });
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.endpoint).toMatchObject({ secretHint: rotated.secret.slice(-4), version: 2 });
    const expiresAt = Date.parse(rotated.endpoint.previousSecretExpiresAt ?? '');
    expect(expiresAt - before).toBeGreaterThanOrEqual(24 * HOUR);
    expect(expiresAt - before).toBeLessThan(24 * HOUR + 60_000);
    const stored = await storedEndpoint(created.id);
    expect(endpointSecrets(app.deps.config, stored, app.clock.now())).toEqual([rotated.secret, created.secret]);
    expect(endpointSecrets(app.deps.config, stored, new Date(expiresAt + 1))).toEqual([rotated.secret]);
    // The secret is shown once: reads after the rotation carry neither.
    const got = await admin.webhooks.endpoints.get({ endpointId: created.id });
    expect(got.previousSecretExpiresAt).toBe(rotated.endpoint.previousSecretExpiresAt);
    const audit = JSON.stringify(await auditRows(co.id));
    for (const secret of [created.secret, rotated.secret]) {
      expect(JSON.stringify(got)).not.toContain(secret.slice(6));
      expect(audit).not.toContain(secret.slice(6));
    }
  });

  it('drops the old secret at once with overlapHours 0', async () => {
    const co = await createCompany(app, 'Drop');
    const admin = co.members.admin.caller;
    const created = await newEndpoint(admin);
    const rotated = await admin.webhooks.endpoints.rotateSecret({ endpointId: created.id, version: 1, overlapHours: 0 });
    expect(rotated.endpoint.previousSecretExpiresAt).toBeNull();
    const stored = await storedEndpoint(created.id);
    expect(stored.previous_secret).toBeNull();
    expect(endpointSecrets(app.deps.config, stored, app.clock.now())).toEqual([rotated.secret]);
  });

  it('refuses a stale version and keeps the secret', async () => {
    const co = await createCompany(app, 'RotStale');
    const admin = co.members.admin.caller;
    const created = await newEndpoint(admin);
    await admin.webhooks.endpoints.update({ endpointId: created.id, version: 1, description: 'moved on' });
    const error = await failure(admin.webhooks.endpoints.rotateSecret({ endpointId: created.id, version: 1 }));
    expect(error.reason).toBe('STALE_VERSION');
    expect(endpointSecrets(app.deps.config, await storedEndpoint(created.id), app.clock.now())).toEqual([created.secret]);
  });
});

describe('webhooks.endpoints.delete', () => {
  it('removes the endpoint from every read and fails what still waited to be sent', async () => {
    const co = await createCompany(app, 'Del');
    const admin = co.members.admin.caller;
    const kept = await newEndpoint(admin);
    const { id: endpointId } = await newEndpoint(admin);
    const pending = await insertDelivery(co, endpointId, { status: 'pending' });
    const delivered = await insertDelivery(co, endpointId, { status: 'succeeded' });
    await admin.webhooks.endpoints.delete({ endpointId });
    expect((await admin.webhooks.endpoints.list()).items.map((item) => item.id)).toEqual([kept.id]);
    expect((await failure(admin.webhooks.endpoints.get({ endpointId }))).code).toBe('NOT_FOUND');
    expect((await failure(admin.webhooks.endpoints.delete({ endpointId }))).code).toBe('NOT_FOUND');
    expect((await failure(admin.webhooks.deliveries.list({ endpointId }))).code).toBe('NOT_FOUND');
    expect((await failure(admin.webhooks.deliveries.replay({ deliveryId: delivered.id }))).code).toBe('NOT_FOUND');
    const statuses = await app.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'status', 'next_attempt_at', 'last_error'])
      .where('endpoint_id', '=', endpointId)
      .execute();
    expect(statuses.find((row) => row.id === pending.id)).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect(statuses.find((row) => row.id === pending.id)?.last_error).toMatch(/deleted/);
    expect(statuses.find((row) => row.id === delivered.id)).toMatchObject({ status: 'succeeded' });
    expect((await auditRows(co.id, 'webhook_endpoint.deleted')).map((row) => row.entity_id)).toEqual([endpointId]);
  });
});

describe('webhooks.endpoints.test', () => {
  it('queues a webhook.test delivery with a small data object', async () => {
    const co = await createCompany(app, 'Ping');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const { deliveryId } = await admin.webhooks.endpoints.test({ endpointId });
    const delivery = await app.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({
      endpoint_id: endpointId,
      company_id: co.id,
      event_type: 'webhook.test',
      is_test: true,
      event_id: null,
    });
    expect(JSON.stringify(delivery.payload)).toContain(endpointId);
    expect(JSON.stringify(delivery.payload)).toContain(co.name);
    expect((await auditRows(co.id, 'webhook_endpoint.test_sent'))[0]).toMatchObject({ entity_id: endpointId, after: { deliveryId } });
  });

  it('refuses a paused endpoint with WEBHOOK_ENDPOINT_NOT_ACTIVE and queues nothing', async () => {
    const co = await createCompany(app, 'PingPaused');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    await admin.webhooks.endpoints.update({ endpointId, version: 1, status: 'paused' });
    const error = await failure(admin.webhooks.endpoints.test({ endpointId }));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('WEBHOOK_ENDPOINT_NOT_ACTIVE');
    const queued = await app.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpointId).execute();
    expect(queued).toEqual([]);
  });
});

describe('webhooks.deliveries', () => {
  it('lists newest first in keyset pages, filters by status, and counts the last day on the endpoint', async () => {
    const co = await createCompany(app, 'Log');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const start = app.clock.now().getTime() - 2 * HOUR;
    const made: string[] = [];
    for (let n = 0; n < 30; n++) {
      const status = n % 3 === 2 ? 'succeeded' : 'failed';
      made.push((await insertDelivery(co, endpointId, { status, createdAt: new Date(start + n * 1000) })).id);
    }
    // Older than a day: listed, but not in the endpoint's recent counts.
    const old = await insertDelivery(co, endpointId, { status: 'failed', createdAt: new Date(start - 30 * HOUR) });
    const first = await admin.webhooks.deliveries.list({ endpointId, limit: 25 });
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).not.toBeNull();
    const second = await admin.webhooks.deliveries.list({ endpointId, limit: 25, cursor: first.nextCursor ?? undefined });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual([...made.reverse(), old.id]);
    expect(first.items[0]).toMatchObject({ endpointId, status: 'succeeded', attempts: 1, isTest: false, eventType: 'order.submitted' });
    const succeeded = await admin.webhooks.deliveries.list({ endpointId, status: 'succeeded' });
    expect(succeeded.items).toHaveLength(10);
    expect(succeeded.items.every((item) => item.status === 'succeeded')).toBe(true);
    expect((await admin.webhooks.endpoints.get({ endpointId })).recent).toEqual({ succeeded: 10, failed: 20, pending: 0 });
  });

  it("positions nothing with a cursor from another endpoint's log", async () => {
    const co = await createCompany(app, 'Cursor');
    const admin = co.members.admin.caller;
    const a = await newEndpoint(admin);
    const b = await newEndpoint(admin);
    await insertDelivery(co, a.id);
    await insertDelivery(co, a.id);
    const foreign = await insertDelivery(co, b.id);
    const page = await admin.webhooks.deliveries.list({
      endpointId: a.id,
      cursor: Buffer.from(JSON.stringify([foreign.id])).toString('base64url'),
    });
    expect(page.items).toEqual([]);
    const error = await failure(admin.webhooks.deliveries.list({ endpointId: a.id, cursor: 'not-a-cursor' }));
    expect(fieldErrors(error).cursor?.[0]).toBeTruthy();
  });

  it('shows one delivery with the body sent and its attempts, oldest first', async () => {
    const co = await createCompany(app, 'Detail');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const delivery = await insertDelivery(co, endpointId, { status: 'failed' });
    const at = app.clock.now().getTime();
    for (const [offset, statusCode, trigger] of [
      [2000, 200, 'replay'],
      [0, 500, 'automatic'],
    ] as const) {
      await app.db
        .insertInto('webhook_attempts')
        .values({ delivery_id: delivery.id, attempted_at: new Date(at + offset), status_code: statusCode, duration_ms: 12, trigger })
        .execute();
    }
    const detail = await admin.webhooks.deliveries.get({ deliveryId: delivery.id });
    expect(detail.delivery).toMatchObject({ id: delivery.id, messageId: delivery.messageId, status: 'failed' });
    expect(JSON.parse(detail.body)).toEqual(delivery.payload);
    expect(detail.attempts.map((attempt) => [attempt.statusCode, attempt.trigger])).toEqual([
      [500, 'automatic'],
      [200, 'replay'],
    ]);
  });

  it('refuses to replay a delivery still pending, with WEBHOOK_DELIVERY_PENDING', async () => {
    const co = await createCompany(app, 'Pend');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const pending = await insertDelivery(co, endpointId, { status: 'pending' });
    const error = await failure(admin.webhooks.deliveries.replay({ deliveryId: pending.id }));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('WEBHOOK_DELIVERY_PENDING');
    expect(await auditRows(co.id, 'webhook_delivery')).toEqual([]);
  });

  it('replays a failed delivery: same message id, sent again, with an audit row', async () => {
    const co = await createCompany(app, 'Replay');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const failed = await insertDelivery(co, endpointId, { status: 'failed' });
    const replayed = await admin.webhooks.deliveries.replay({ deliveryId: failed.id });
    expect(replayed).toMatchObject({ id: failed.id, messageId: failed.messageId });
    expect((await auditRows(co.id, 'webhook_delivery.replayed'))[0]).toMatchObject({ entity_id: failed.id, before: { status: 'failed' } });
  });
});

// Races only happen on PostgreSQL: PGlite serves one session at a time.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('concurrent changes', () => {
  it.skipIf(!onPostgres)(
    'parallel creates near the limit: exactly the room left is taken, the rest get WEBHOOK_ENDPOINT_LIMIT',
    async () => {
      const co = await createCompany(app, 'Race');
      const admin = co.members.admin.caller;
      for (let n = 0; n < WEBHOOK_ENDPOINTS_PER_COMPANY - 2; n++) await newEndpoint(admin);
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => newEndpoint(admin)));
      const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as { cause?: { reason?: string } }] : []));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
      expect(refused.map((error) => error.cause?.reason)).toEqual(Array(4).fill('WEBHOOK_ENDPOINT_LIMIT'));
      expect(await endpointRows(co.id)).toBe(WEBHOOK_ENDPOINTS_PER_COMPANY);
    },
  );

  it.skipIf(!onPostgres)('parallel updates from one version: one applies, the others get STALE_VERSION', async () => {
    const co = await createCompany(app, 'RaceUpd');
    const admin = co.members.admin.caller;
    const { id: endpointId } = await newEndpoint(admin);
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((description) => admin.webhooks.endpoints.update({ endpointId, version: 1, description })),
    );
    const applied = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(applied).toHaveLength(1);
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as { cause?: { reason?: string } }] : []));
    expect(refused.map((error) => error.cause?.reason)).toEqual(Array(3).fill('STALE_VERSION'));
    expect(await storedEndpoint(endpointId)).toMatchObject({ version: 2, description: applied[0]?.description });
    expect((await auditRows(co.id, 'webhook_endpoint.updated')).length).toBe(1);
  });
});
