import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

// Duplicates of one request sharing an idempotency key get the first answer, however they
// overlap. Real overlap needs PostgreSQL; the sequential replay runs on both databases.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

async function auditRows(entityId: string, action: string) {
  return app.db.selectFrom('audit_log').select('id').where('entity_id', '=', entityId).where('action', '=', action).execute();
}

async function draftOrder(label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  return { buyer, supplier, product, order };
}

describe('idempotency keys', () => {
  it.skipIf(!onPostgres)('10 concurrent transitions with one key all get the first answer, and one audit row is written', async () => {
    const { buyer, order } = await draftOrder('IdemTransition');
    const submit = { orderId: order.id, action: 'submit' as const, version: order.version, idempotencyKey: 'submit-once-0001' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => buyer.members.staff.caller.orders.transition(submit)));
    expect(answers[0]).toMatchObject({ status: 'submitted', version: order.version + 1 });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await auditRows(order.id, 'order.submit')).toHaveLength(1);
  });

  it.skipIf(!onPostgres)('10 concurrent order creates with one key make one order and all return it', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'IdemCreate');
    const input = { supplierId: supplier.id, lines: [yarnLine(product.id)], idempotencyKey: 'po-create-once-0001' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => buyer.members.staff.caller.orders.create(input)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    const orders = await app.db.selectFrom('orders').select('id').where('buyer_company_id', '=', buyer.id).execute();
    expect(orders).toHaveLength(1);
  });

  it('a transition retried with its key after the order moved on replays the first answer', async () => {
    const { buyer, supplier, order } = await draftOrder('IdemReplay');
    const submit = { orderId: order.id, action: 'submit' as const, version: order.version, idempotencyKey: 'submit-replay-0001' };
    const first = await buyer.members.staff.caller.orders.transition(submit);
    await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: first.version });
    expect(await buyer.members.staff.caller.orders.transition(submit)).toEqual(first);
    expect(await auditRows(order.id, 'order.submit')).toHaveLength(1);
  });
});
