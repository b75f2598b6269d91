import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp } from '../harness/app.ts';
import { createReopenableTestDb } from '../harness/test-db.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { addEndpoint, MINUTE, type Receiver, startReceiver, WEBHOOK_TEST_CONFIG } from './delivery-fixtures.ts';

// At least once, never lost, never doubled: a server that committed events and stopped before its
// job runner sent anything delivers every message after a restart over the same database
// (PostgreSQL: the same database through a new pool; PGlite: the same data folder on disk).

let store: Awaited<ReturnType<typeof createReopenableTestDb>>;
let receiver: Receiver;
beforeAll(async () => {
  store = await createReopenableTestDb();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await store?.dispose();
});

it('delivers what the stopped server committed exactly once after a restart, each message with its own webhook-id', async () => {
  const before = await setupTestApp(WEBHOOK_TEST_CONFIG, { database: await store.open() });
  const world = await tradingPair(before, 'Restart');
  await addEndpoint(world.buyer.members.admin.caller, receiver.url('restart-buyer'), ['order.submitted', 'order.accepted']);
  await addEndpoint(world.supplier.members.admin.caller, receiver.url('restart-supplier'), ['order.submitted', 'order.accepted']);
  for (let n = 0; n < 3; n++) {
    const draft = await world.buyer.members.staff.caller.orders.create({
      supplierId: world.supplier.id,
      lines: [yarnLine(world.product.id)],
    });
    const sent = await world.buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    if (n === 0)
      await world.supplier.members.manager.caller.orders.transition({ orderId: sent.id, action: 'accept', version: sent.version });
  }
  const queued = await before.db.selectFrom('webhook_deliveries').select(['message_id', 'status']).execute();
  expect(queued).toHaveLength(8);
  expect(receiver.received).toEqual([]);
  // The process goes away with its jobs unrun (its runner never started).
  await before.close();

  const after = await setupTestApp(WEBHOOK_TEST_CONFIG, { database: await store.open() });
  try {
    await after.runner.drain();
    after.clock.advance(10 * MINUTE);
    await after.runner.drain();
    const sentIds = receiver.received.map((hook) => hook.headers['webhook-id']);
    expect(sentIds).toHaveLength(queued.length);
    expect(new Set(sentIds)).toEqual(new Set(queued.map((delivery) => delivery.message_id)));
    const rows = await after.db.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
    expect(rows.every((row) => row.status === 'succeeded' && row.attempts === 1)).toBe(true);
  } finally {
    await after.close();
  }
}, 120_000);
