import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from './order-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const run = { description: 'Poplin 60x60 grey', quantity: '6000', unit: 'm', operations: [{ name: 'Warping' }, { name: 'Weaving' }] };

describe('a work order on its own page (production.workOrders.get)', () => {
  it('shows the stages, the sales order it serves and its history, oldest first', { timeout: 120_000 }, async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'WoDetail');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const sent = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: sent.version });
    const [line] = await supplier.members.viewer.caller.production.openOrderLines();
    const created = await supplier.members.staff.caller.production.workOrders.create({ ...run, orderLineId: line?.lineId });
    await supplier.members.staff.caller.production.workOrders.update({
      workOrderId: created.id,
      version: created.version,
      action: 'release',
    });

    const detail = await supplier.members.viewer.caller.production.workOrders.get({ workOrderId: created.id });
    expect(detail).toMatchObject({
      number: created.number,
      status: 'released',
      orderId: order.id,
      salesOrderNumber: sent.supplierNumber,
      actions: ['start', 'cancel'],
    });
    expect(detail.operations.map((op) => op.name)).toEqual(['Warping', 'Weaving']);
    expect(detail.history.map((entry) => [entry.action, entry.companyName])).toEqual([
      ['work_order.created', supplier.name],
      ['work_order.release', supplier.name],
    ]);
  });

  it('a work order with no sales order has no linked order', async () => {
    const mill = await createCompany(app, 'WoAlone');
    const created = await mill.members.staff.caller.production.workOrders.create(run);
    expect(await mill.members.viewer.caller.production.workOrders.get({ workOrderId: created.id })).toMatchObject({
      orderId: null,
      salesOrderNumber: null,
    });
  });

  it('another company’s work order is not found; a malformed id is refused naming the field', async () => {
    const mill = await createCompany(app, 'WoOwner');
    const other = await createCompany(app, 'WoOther');
    const created = await mill.members.staff.caller.production.workOrders.create(run);
    expect((await failure(other.members.owner.caller.production.workOrders.get({ workOrderId: created.id }))).code).toBe('NOT_FOUND');
    const bad = await failure(mill.members.viewer.caller.production.workOrders.get({ workOrderId: 'not-a-uuid' }));
    expect([bad.code, Object.keys(fieldErrors(bad))]).toEqual(['BAD_REQUEST', ['workOrderId']]);
  });
});
