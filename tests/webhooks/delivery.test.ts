import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tradeloom/db';
import { verifyWebhook } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { emitEvent } from '../../server/src/modules/events/events.service.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { retryBaseDelay, WEBHOOK_MAX_ATTEMPTS } from '../../server/src/modules/webhooks/retry-schedule.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { emitTenderEvent, insertTender } from '../sourcing/notify-fixtures.ts';
import {
  addEndpoint,
  attemptsOf,
  DAY,
  deliveriesOf,
  expectSignedWith,
  MINUTE,
  type Receiver,
  startReceiver,
  WEBHOOK_TEST_CONFIG,
} from './delivery-fixtures.ts';

// The delivery engine end to end: events written by real mutations, the job runner sending them
// to a real HTTP receiver on 127.0.0.1, retries driven by the app's clock.

let app: TestApp;
let receiver: Receiver;
beforeAll(async () => {
  app = await setupTestApp(WEBHOOK_TEST_CONFIG);
  receiver = await startReceiver();
  await registerSchedules(app.db, app.clock, SCHEDULES);
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

const request = () => ({ requestId: randomUUID(), ip: null, userAgent: null });

async function submittedOrder(world: Awaited<ReturnType<typeof tradingPair>>) {
  const { buyer, supplier, product } = world;
  const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  return buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
}

/** Moves the clock just past a delivery's next attempt (jitter included) and runs what is due. */
async function untilNextAttempt(deliveryId: string) {
  const row = await app.db
    .selectFrom('webhook_deliveries')
    .select('next_attempt_at')
    .where('id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  if (!row.next_attempt_at) throw new Error('no attempt is due');
  app.clock.advance(Math.max(0, row.next_attempt_at.getTime() - app.clock.now().getTime()) + 10);
  await app.runner.drain();
}

const bodyOf = (hook: { body: string }) => JSON.parse(hook.body) as { type: string; timestamp: string; data: Record<string, unknown> };

describe('an event becomes signed deliveries', () => {
  it('sends an order submitted to the buyer’s and the supplier’s subscribed endpoints, signed, in the documented shape', async () => {
    const world = await tradingPair(app, 'Sent');
    const { buyer, supplier } = world;
    const atBuyer = await addEndpoint(buyer.members.admin.caller, receiver.url('sent-buyer'), ['order.submitted']);
    const atSupplier = await addEndpoint(supplier.members.admin.caller, receiver.url('sent-supplier'), [
      'order.accepted',
      'order.submitted',
    ]);
    await addEndpoint(supplier.members.admin.caller, receiver.url('sent-unsubscribed'), ['order.shipped']);

    const order = await submittedOrder(world);
    await app.runner.drain();

    const [toBuyer, ...moreToBuyer] = receiver.to('sent-buyer');
    const [toSupplier, ...moreToSupplier] = receiver.to('sent-supplier');
    expect(moreToBuyer).toEqual([]);
    expect(moreToSupplier).toEqual([]);
    expect(receiver.to('sent-unsubscribed')).toEqual([]);
    if (!toBuyer || !toSupplier) throw new Error('a subscribed endpoint received nothing');

    expectSignedWith(atBuyer.secret, toBuyer);
    expectSignedWith(atSupplier.secret, toSupplier);
    // The shared verifier (the SDK's) accepts it too, and returns the body.
    expect(
      await verifyWebhook(atSupplier.secret, toSupplier.headers as Record<string, string>, toSupplier.body, { now: app.clock.now() }),
    ).toEqual(bodyOf(toSupplier));
    for (const hook of [toBuyer, toSupplier]) {
      expect(hook.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
      expect(Math.abs(Number(hook.headers['webhook-timestamp']) - app.clock.now().getTime() / 1000)).toBeLessThan(60);
      expect(hook.headers['content-type']).toMatch(/^application\/json/);
      expect(bodyOf(hook)).toEqual({
        type: 'order.submitted',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        data: expect.objectContaining({
          id: order.id,
          entityType: 'order',
          action: 'submit',
          buyerCompanyId: buyer.id,
          supplierCompanyId: supplier.id,
          actorCompanyId: buyer.id,
        }),
      });
    }
    expect(toBuyer.headers['webhook-id']).not.toBe(toSupplier.headers['webhook-id']);

    const [delivery] = await deliveriesOf(app, atSupplier.id);
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      last_status_code: 200,
      message_id: toSupplier.headers['webhook-id'],
    });
    expect(await attemptsOf(app, delivery?.id ?? '')).toEqual([
      expect.objectContaining({ status_code: 200, error: null, response_excerpt: 'thanks', trigger: 'automatic' }),
    ]);
  }, 60_000);

  it('tells a supplier whether it won a tender, never who else was invited or won', async () => {
    const [buyer, winner, loser] = await Promise.all([
      createCompany(app, 'TBuyer'),
      createCompany(app, 'TWin'),
      createCompany(app, 'TLose'),
    ]);
    for (const company of [buyer, winner, loser])
      await addEndpoint(company.members.admin.caller, receiver.url(`award-${company.id}`), ['tender.awarded']);
    const tender = await insertTender(app, buyer.id, { status: 'closed', invitees: [{ companyId: winner.id }, { companyId: loser.id }] });

    await emitTenderEvent(app, 'tender.awarded', tender, {
      buyerCompanyId: buyer.id,
      actorCompanyId: buyer.id,
      recipients: [winner.id, loser.id],
      winners: [winner.id],
    });
    await app.runner.drain();

    const dataAt = (companyId: string) => {
      const [hook] = receiver.to(`award-${companyId}`);
      if (!hook) throw new Error(`nothing reached ${companyId}`);
      return { data: bodyOf(hook).data, raw: hook.body };
    };
    expect(dataAt(buyer.id).data).toMatchObject({ recipients: [winner.id, loser.id], winners: [winner.id] });
    const atWinner = dataAt(winner.id);
    const atLoser = dataAt(loser.id);
    expect(atWinner.data).toMatchObject({ id: tender.id, entityType: 'tender', won: true, document: tender.number });
    expect(atLoser.data).toMatchObject({ won: false });
    for (const seen of [atWinner.data, atLoser.data]) expect(Object.keys(seen)).not.toContain('recipients');
    expect(atLoser.raw).not.toContain(winner.id);
    expect(atWinner.raw).not.toContain(loser.id);
  }, 120_000);

  it('writes nothing when the mutation rolls back', async () => {
    const company = await createCompany(app, 'Rolled');
    const endpoint = await addEndpoint(company.members.admin.caller, receiver.url('rolled'), ['order.submitted']);
    const orderId = randomUUID();
    await expect(
      inTransaction(app.db, async (trx) => {
        await emitEvent(trx, null, request(), {
          type: 'order.submitted',
          companyId: company.id,
          entityType: 'order',
          entityId: orderId,
          payload: { buyerCompanyId: company.id, supplierCompanyId: company.id, actorCompanyId: company.id, action: 'submit' },
        });
        throw new Error('the mutation failed after its event');
      }),
    ).rejects.toThrow('the mutation failed');
    await app.runner.drain();
    expect(await deliveriesOf(app, endpoint.id)).toEqual([]);
    expect(receiver.to('rolled')).toEqual([]);
  });

  it('signs with both secrets during a rotation overlap, and only the new one after it', async () => {
    const company = await createCompany(app, 'Rotate');
    const admin = company.members.admin.caller;
    const endpoint = await addEndpoint(admin, receiver.url('rotate'), ['order.submitted']);
    const previous = endpoint.secret;
    const { version } = await admin.webhooks.endpoints.get({ endpointId: endpoint.id });
    const { secret } = await admin.webhooks.endpoints.rotateSecret({ endpointId: endpoint.id, version, overlapHours: 24 });
    // The endpoint's test button: a `webhook.test` delivery, sent by the job runner like any other.
    const test = () => admin.webhooks.endpoints.test({ endpointId: endpoint.id });
    await test();
    await app.runner.drain();
    const [during] = receiver.to('rotate');
    if (!during) throw new Error('the test event was not sent');
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expectSignedWith(secret, during);
    expectSignedWith(previous, during);
    expect(bodyOf(during)).toMatchObject({ type: 'webhook.test', data: expect.any(Object) });

    app.clock.advance(DAY + MINUTE);
    await test();
    await app.runner.drain();
    const after = receiver.to('rotate')[1];
    if (!after) throw new Error('the second test event was not sent');
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expectSignedWith(secret, after);
  });
});

describe('retries, the dead letter and replay', () => {
  it('retries a failing receiver with growing delays for about a day, then marks the delivery failed', async () => {
    const world = await tradingPair(app, 'Retry');
    const endpoint = await addEndpoint(world.buyer.members.admin.caller, receiver.url('retry'), ['order.submitted']);
    receiver.answerWith((hook) => (hook.path === '/retry' ? 500 : 200));
    try {
      await submittedOrder(world);
      await app.runner.drain();
      const [delivery] = await deliveriesOf(app, endpoint.id);
      if (!delivery) throw new Error('no delivery was queued');

      for (let attempts = 1; attempts < WEBHOOK_MAX_ATTEMPTS; attempts++) {
        const row = await app.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', delivery.id).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: 'pending', attempts, last_status_code: 500 });
        const waited = (row.next_attempt_at?.getTime() ?? 0) - (row.last_attempt_at?.getTime() ?? 0);
        const base = retryBaseDelay(attempts) ?? 0;
        expect(waited).toBeGreaterThanOrEqual(base * 0.75);
        expect(waited).toBeLessThanOrEqual(base * 1.25);
        // Nothing goes early (the clock also runs in real time, so only the longer waits are checked).
        if (base >= MINUTE) {
          app.clock.advance(Math.floor(base * 0.5));
          await app.runner.drain();
          expect(receiver.to('retry')).toHaveLength(attempts);
        }
        await untilNextAttempt(delivery.id);
      }

      const dead = await app.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', delivery.id).executeTakeFirstOrThrow();
      expect(dead).toMatchObject({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, next_attempt_at: null, last_status_code: 500 });
      expect(dead.last_error).toMatch(/500/);
      const hooks = receiver.to('retry');
      expect(hooks).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
      expect(new Set(hooks.map((hook) => hook.headers['webhook-id']))).toEqual(new Set([delivery.message_id]));
      expect(new Set(hooks.map((hook) => hook.body)).size).toBe(1);
      const attempts = await attemptsOf(app, delivery.id);
      // 5 s + 5 min + 30 min + 2 h + 5 h + 10 h + 10 h ≈ 27.6 h, each wait ±25 %.
      const span = (attempts.at(-1)?.attempted_at.getTime() ?? 0) - (attempts[0]?.attempted_at.getTime() ?? 0);
      expect(span).toBeGreaterThan(20 * 60 * MINUTE);
      expect(span).toBeLessThan(35 * 60 * MINUTE);
      expect(attempts.map((attempt) => attempt.status_code)).toEqual(Array(WEBHOOK_MAX_ATTEMPTS).fill(500));
      expect(attempts.every((attempt) => attempt.response_excerpt === 'receiver is down' && attempt.duration_ms >= 0)).toBe(true);

      // Given up on: a day later nothing more is sent.
      app.clock.advance(DAY);
      await app.runner.drain();
      expect(receiver.to('retry')).toHaveLength(WEBHOOK_MAX_ATTEMPTS);

      // Replay: the same message, now, once; logged as a replay.
      receiver.answerWith(() => 200);
      const admin = world.buyer.members.admin.caller;
      await admin.webhooks.deliveries.replay({ deliveryId: delivery.id });
      expect((await failure(admin.webhooks.deliveries.replay({ deliveryId: delivery.id }))).reason).toBe('WEBHOOK_DELIVERY_PENDING');
      await app.runner.drain();
      const replayed = receiver.to('retry').at(-1);
      expect(replayed?.headers['webhook-id']).toBe(delivery.message_id);
      expect(replayed?.body).toBe(hooks[0]?.body);
      expect((await attemptsOf(app, delivery.id)).at(-1)).toMatchObject({ trigger: 'replay', status_code: 200 });
      expect(await app.db.selectFrom('webhook_deliveries').select('status').where('id', '=', delivery.id).executeTakeFirst()).toEqual({
        status: 'succeeded',
      });
      const endpointRow = await app.db
        .selectFrom('webhook_endpoints')
        .select('failing_since')
        .where('id', '=', endpoint.id)
        .executeTakeFirst();
      expect(endpointRow?.failing_since).toBeNull();
    } finally {
      receiver.answerWith(() => 200);
    }
  }, 120_000);
});

describe('order per record', () => {
  it('holds an order’s later event until the earlier one is delivered; other orders do not wait', async () => {
    const world = await tradingPair(app, 'Order');
    const endpoint = await addEndpoint(world.supplier.members.admin.caller, receiver.url('ordered'), ['order.submitted', 'order.accepted']);
    const first = await submittedOrder(world);
    let down = true;
    receiver.answerWith((hook) => (down && hook.path === '/ordered' && hook.body.includes(first.id) ? 503 : 200));
    try {
      await app.runner.drain();
      await world.supplier.members.manager.caller.orders.transition({ orderId: first.id, action: 'accept', version: first.version });
      const other = await submittedOrder(world);
      await app.runner.drain();

      const seen = () =>
        receiver
          .to('ordered')
          .map((hook) => `${bodyOf(hook).type} ${bodyOf(hook).data.id === first.id ? 'first' : 'other'} ${hook.answered}`);
      // The first order's submission keeps failing (a slow machine may have retried it already);
      // its acceptance waits behind it, the other order does not.
      expect(seen()[0]).toBe('order.submitted first 503');
      expect(seen()).toContain('order.submitted other 200');
      expect(seen().filter((line) => line.includes('first'))).toEqual(seen().filter((line) => line === 'order.submitted first 503'));
      const failedSoFar = seen().length;
      const held = (await deliveriesOf(app, endpoint.id)).find((delivery) => delivery.event_type === 'order.accepted');
      expect(held).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: null });
      expect(other.id).not.toBe(first.id);

      down = false;
      const submitted = (await deliveriesOf(app, endpoint.id)).find(
        (delivery) => delivery.event_type === 'order.submitted' && delivery.status === 'pending',
      );
      await untilNextAttempt(submitted?.id ?? '');
      expect(seen().slice(failedSoFar)).toEqual(['order.submitted first 200', 'order.accepted first 200']);
    } finally {
      receiver.answerWith(() => 200);
    }
  }, 60_000);
});

describe('paused and failing endpoints', () => {
  it('holds deliveries while the endpoint is paused and sends them once it is resumed', async () => {
    const world = await tradingPair(app, 'Pause');
    const endpoint = await addEndpoint(world.buyer.members.admin.caller, receiver.url('paused'), ['order.submitted'], { paused: true });
    await submittedOrder(world);
    await app.runner.drain();
    app.clock.advance(2 * MINUTE);
    await app.runner.drain();
    expect(receiver.to('paused')).toEqual([]);
    expect(await deliveriesOf(app, endpoint.id)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0, next_attempt_at: null }),
    ]);

    const admin = world.buyer.members.admin.caller;
    const { version } = await admin.webhooks.endpoints.get({ endpointId: endpoint.id });
    await admin.webhooks.endpoints.update({ endpointId: endpoint.id, version, status: 'active' });
    await app.runner.drain();
    expect(receiver.to('paused')).toHaveLength(1);
    expect(await deliveriesOf(app, endpoint.id)).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 1 })]);
  }, 60_000);

  it('turns off an endpoint that has failed for three days, tells the company’s admins and keeps an audit row', async () => {
    const company = await createCompany(app, 'Dying');
    const endpoint = await addEndpoint(company.members.admin.caller, receiver.url('dying'), ['order.submitted']);
    receiver.answerWith((hook) => (hook.path === '/dying' ? 502 : 200));
    const emitOrderEvent = () =>
      inTransaction(app.db, (trx) =>
        emitEvent(trx, null, request(), {
          type: 'order.submitted',
          companyId: company.id,
          entityType: 'order',
          entityId: randomUUID(),
          payload: { buyerCompanyId: company.id, supplierCompanyId: company.id, actorCompanyId: company.id, action: 'submit' },
        }),
      );
    try {
      await emitOrderEvent();
      await app.runner.drain();
      const status = () => app.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
      const failingSince = (await status()).failing_since;
      expect(failingSince).not.toBeNull();
      // A day of failures is not enough.
      app.clock.advance(DAY);
      await app.runner.drain();
      expect((await status()).status).toBe('active');

      app.clock.advance(2 * DAY + MINUTE);
      await emitOrderEvent();
      await app.runner.drain();
      const disabled = await status();
      expect(disabled).toMatchObject({ status: 'disabled', failing_since: failingSince });
      expect(disabled.disabled_reason).toMatch(/^Every delivery since \d{4}-\d\d-\d\d \d\d:\d\d UTC failed/);

      const told = await app.db
        .selectFrom('notifications')
        .select(['user_id', 'title', 'link_path'])
        .where('company_id', '=', company.id)
        .where('type', '=', 'webhook.endpoint_disabled')
        .execute();
      expect(told.map((row) => row.user_id).sort()).toEqual([company.members.owner.id, company.members.admin.id].sort());
      expect(told[0]?.title).toMatch(/^Webhooks to 127\.0\.0\.1:\d+ are turned off/);
      const audit = await app.db
        .selectFrom('audit_log')
        .select(['actor_user_id', 'entity_id'])
        .where('company_id', '=', company.id)
        .where('action', '=', 'webhook_endpoint.auto_disabled')
        .execute();
      expect(audit).toEqual([{ actor_user_id: null, entity_id: endpoint.id }]);

      // While disabled nothing is sent; what is pending waits.
      const sentBefore = receiver.to('dying').length;
      app.clock.advance(DAY);
      await emitOrderEvent();
      await app.runner.drain();
      expect(receiver.to('dying')).toHaveLength(sentBefore);
      const pending = (await deliveriesOf(app, endpoint.id)).filter((delivery) => delivery.status === 'pending');
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.every((delivery) => delivery.next_attempt_at === null)).toBe(true);
    } finally {
      receiver.answerWith(() => 200);
    }
  }, 120_000);
});
