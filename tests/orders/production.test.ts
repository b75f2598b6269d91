import { availableWorkOrderActions, transitionWorkOrder, workOrderProgress } from '@tradeloom/shared';
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

const run = {
  description: 'Poplin 60x60 grey, 58"',
  quantity: '6000',
  unit: 'm',
  priority: 'high' as const,
  operations: [{ name: 'Warping' }, { name: 'Weaving' }, { name: 'Inspection' }],
};

describe('work order rules', () => {
  it('moves planned → released → in progress → completed, and cancels only before completion', () => {
    expect(transitionWorkOrder('planned', 'release')).toBe('released');
    expect(transitionWorkOrder('released', 'start')).toBe('in_progress');
    expect(transitionWorkOrder('in_progress', 'complete')).toBe('completed');
    expect(transitionWorkOrder('planned', 'complete')).toBeNull();
    expect(transitionWorkOrder('completed', 'cancel')).toBeNull();
    expect(availableWorkOrderActions('released')).toEqual(['start', 'cancel']);
  });

  it('derives progress from the operations, each counting equally and capped at its plan', () => {
    expect(workOrderProgress([])).toBe(0);
    expect(
      workOrderProgress([
        { plannedQuantity: '100', completedQuantity: '100' },
        { plannedQuantity: '100', completedQuantity: '50' },
      ]),
    ).toBe(75);
    expect(workOrderProgress([{ plannedQuantity: '100', completedQuantity: '105' }])).toBe(100);
  });
});

describe('work orders', () => {
  it('numbers WO-…, releases, starts, reports progress per stage, completes; the board shows the load per stage', async () => {
    const mill = await createCompany(app, 'Mill');
    const created = await mill.members.staff.caller.production.workOrders.create(run);
    expect(created.number).toMatch(/^WO-\d{4}-000001$/);
    let [wo] = (await mill.members.viewer.caller.production.workOrders.list({})).items;
    expect(wo).toMatchObject({ status: 'planned', progress: 0, actions: ['release', 'cancel'], priority: 'high' });
    expect(wo?.operations.map((op) => [op.name, op.plannedQuantity])).toEqual([
      ['Warping', '6000.000'],
      ['Weaving', '6000.000'],
      ['Inspection', '6000.000'],
    ]);
    let version = wo?.version ?? 0;
    const update = (patch: Record<string, unknown>) =>
      mill.members.staff.caller.production.workOrders.update({ workOrderId: created.id, version, ...patch });
    wo = await update({ action: 'release' });
    version = wo?.version ?? 0;
    const board = await mill.members.viewer.caller.production.board();
    expect(board.byStatus).toMatchObject({ released: 1 });
    expect(board.load.map((row) => [row.stage, Number(row.remaining)])).toEqual([
      ['Inspection', 6000],
      ['Warping', 6000],
      ['Weaving', 6000],
    ]);
    expect((await failure(update({ progress: [{ operationId: wo?.operations[0]?.id, completedQuantity: '10' }] }))).code).toBe('CONFLICT');
    wo = await update({
      action: 'start',
      progress: [
        { operationId: wo?.operations[0]?.id, completedQuantity: '6000' },
        { operationId: wo?.operations[1]?.id, completedQuantity: '3000' },
      ],
    });
    expect(wo?.progress).toBe(50);
    version = wo?.version ?? 0;
    expect(
      fieldErrors(await failure(update({ progress: [{ operationId: wo?.operations[2]?.id, completedQuantity: '9000' }] })))[
        'progress.0.completedQuantity'
      ]?.[0],
    ).toMatch(/^is more than 10% above the .* plan of \d+ \(at most \d+\)$/);
    expect(
      (await failure(mill.members.staff.caller.production.workOrders.update({ workOrderId: created.id, version: 1, action: 'complete' })))
        .reason,
    ).toBe('STALE_VERSION');
    wo = await update({ action: 'complete' });
    expect(wo?.status).toBe('completed');
  });

  it('a viewer cannot write; another company’s work order is not found', async () => {
    const mill = await createCompany(app, 'Mill2');
    const other = await createCompany(app, 'Other2');
    expect((await failure(mill.members.viewer.caller.production.workOrders.create(run))).code).toBe('FORBIDDEN');
    const created = await mill.members.staff.caller.production.workOrders.create(run);
    expect(
      (await failure(other.members.owner.caller.production.workOrders.update({ workOrderId: created.id, version: 1, action: 'release' })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await other.members.owner.caller.production.workOrders.list({})).items).toHaveLength(0);
  });

  it("refuses to plan against a buyer's draft that was never sent to the supplier", async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Unsent');
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    // The supplier is the draft's addressee but holds no number for it yet: the order is not its to see.
    const [draftLine] = (await buyer.members.viewer.caller.orders.get({ orderId: draft.id })).lines;
    const refused = await failure(supplier.members.staff.caller.production.workOrders.create({ ...run, orderLineId: draftLine?.id }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldErrors(refused).orderLineId).toEqual(['is not a line of one of your sales orders']);
    expect((await supplier.members.viewer.caller.production.workOrders.list({})).items).toHaveLength(0);
  });

  it('offers the lines of accepted sales orders to plan for, with what work orders already plan', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Plan');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const sent = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    // Not accepted yet: nothing to plan.
    expect(await supplier.members.viewer.caller.production.openOrderLines()).toEqual([]);
    await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: sent.version });
    const [line] = await supplier.members.viewer.caller.production.openOrderLines();
    expect(line).toMatchObject({
      orderId: order.id,
      orderNumber: sent.supplierNumber,
      buyerName: buyer.name,
      quantity: '1000.000',
      plannedQuantity: '0',
    });
    await supplier.members.staff.caller.production.workOrders.create({
      ...run,
      description: '30s yarn',
      quantity: '600',
      unit: 'kg',
      productId: product.id,
      orderLineId: line?.lineId,
    });
    expect((await supplier.members.viewer.caller.production.openOrderLines())[0]?.plannedQuantity).toBe('600.000');
    // The buyer's own purchase-order lines are not production's to plan.
    expect(await buyer.members.owner.caller.production.openOrderLines()).toEqual([]);
  });
});
