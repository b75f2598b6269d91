import { type Executor, inTransaction } from '@tradeloom/db';
import {
  availableWorkOrderActions,
  type CreateWorkOrderInput,
  dec,
  transitionWorkOrder,
  type UpdateWorkOrderInput,
  type WorkOrderStatus,
  workOrderProgress,
} from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { olderThanCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sharedEntityHistory } from '../audit/entity-history.ts';
import { isKnownUnit, isOwnProduct } from '../catalog/catalog-lookups.ts';
import { emitEvent } from '../events/events.service.ts';
import { recordChange } from '../events/record-change.ts';
import { findSalesOrderLine, openSalesOrderLines, orderIdOfLine, salesOrderNumberOfLine } from '../orders/orders.repository.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { loadByStage } from './production-reports.ts';

async function operationsOf(db: Executor, workOrderIds: string[]) {
  if (!workOrderIds.length) return [];
  return db
    .selectFrom('work_order_operations')
    .select([
      'id',
      'work_order_id as workOrderId',
      'seq',
      'name',
      'planned_quantity as plannedQuantity',
      'completed_quantity as completedQuantity',
    ])
    .where('work_order_id', 'in', workOrderIds)
    .orderBy('seq')
    .execute();
}

function workOrderColumns(db: Executor) {
  return db
    .selectFrom('work_orders as w')
    .select((eb) => [
      'w.id',
      'w.number',
      'w.product_id as productId',
      'w.description',
      'w.quantity',
      'w.unit',
      'w.order_line_id as orderLineId',
      salesOrderNumberOfLine(eb.ref('w.order_line_id')).as('salesOrderNumber'),
      'w.priority',
      'w.planned_start as plannedStart',
      'w.due_date as dueDate',
      'w.status',
      'w.version',
      isoTimestamp(eb.ref('w.created_at')).as('createdAt'),
    ]);
}

async function withOperations<T extends { id: string; status: WorkOrderStatus }>(db: Executor, rows: T[]) {
  const operations = await operationsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const ops = operations.filter((op) => op.workOrderId === row.id);
    return { ...row, operations: ops, progress: workOrderProgress(ops), actions: availableWorkOrderActions(row.status) };
  });
}

export async function createWorkOrder(ctx: ServiceContext, actor: CompanyActor, input: CreateWorkOrderInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const problems: Record<string, string> = {};
    if (input.productId) {
      if (!(await isOwnProduct(trx, actor.companyId, input.productId))) problems.productId = 'is not one of your products';
    }
    if (input.orderLineId) {
      // Only a line of one of our own sales orders that we can see (a buyer's unsent draft is not).
      if (!(await findSalesOrderLine(trx, input.orderLineId, actor.companyId)))
        problems.orderLineId = 'is not a line of one of your sales orders';
    }
    if (!(await isKnownUnit(trx, input.unit))) problems.unit = `unknown unit “${input.unit}”`;
    if (Object.keys(problems).length) throw invalidFields(problems);
    const today = ctx.deps.clock.now().toISOString().slice(0, 10);
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: 'WO', date: input.plannedStart ?? today });
    const workOrder = await trx
      .insertInto('work_orders')
      .values({
        company_id: actor.companyId,
        number,
        product_id: input.productId ?? null,
        description: input.description,
        quantity: input.quantity,
        unit: input.unit,
        order_line_id: input.orderLineId ?? null,
        priority: input.priority,
        planned_start: input.plannedStart ?? null,
        due_date: input.dueDate ?? null,
        created_by: actor.userId,
      })
      .returning(['id', 'number', 'status', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('work_order_operations')
      .values(
        input.operations.map((op, index) => ({
          work_order_id: workOrder.id,
          seq: index + 1,
          name: op.name,
          planned_quantity: op.plannedQuantity ?? input.quantity,
        })),
      )
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'work_order.created',
      entityType: 'work_order',
      entityId: workOrder.id,
      after: { number, quantity: input.quantity, operations: input.operations.length },
    });
    return workOrder;
  });
}

export async function updateWorkOrder(ctx: ServiceContext, actor: CompanyActor, input: UpdateWorkOrderInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const current = await trx
      .selectFrom('work_orders')
      .selectAll()
      .where('id', '=', input.workOrderId)
      .where('company_id', '=', actor.companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Work order');
    if (current.version !== input.version) throw staleVersion('work order');
    if (input.dueDate && current.planned_start && input.dueDate < current.planned_start) {
      throw invalidFields({ dueDate: `must not be before the planned start (${current.planned_start})` });
    }
    let status = current.status;
    if (input.action) {
      const next = transitionWorkOrder(current.status, input.action);
      if (!next)
        throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `A ${current.status.replace('_', ' ')} work order cannot be ${input.action}d.`);
      status = next;
    }
    if (input.progress?.length) {
      if (current.status !== 'in_progress' && status !== 'in_progress')
        throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Report progress once the work order is in progress.');
      const operations = await operationsOf(trx, [current.id]);
      for (const [index, report] of input.progress.entries()) {
        const operation = operations.find((op) => op.id === report.operationId);
        if (!operation) throw notFound('Operation');
        const most = dec(operation.plannedQuantity).times(1.1);
        if (dec(report.completedQuantity).greaterThan(most)) {
          // Named at the stage's own entry, so a screen says it under that stage's input.
          throw invalidFields({
            [`progress.${index}.completedQuantity`]: `is more than 10% above the ${operation.name} plan of ${dec(operation.plannedQuantity).toString()} (at most ${most.toString()})`,
          });
        }
        await trx
          .updateTable('work_order_operations')
          .set({ completed_quantity: report.completedQuantity })
          .where('id', '=', operation.id)
          .execute();
      }
    }
    await trx
      .updateTable('work_orders')
      .set((eb) => ({
        status,
        priority: input.priority,
        due_date: input.dueDate,
        version: eb('version', '+', 1),
        updated_at: ctx.deps.clock.now(),
      }))
      .where('id', '=', current.id)
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: input.action ? `work_order.${input.action}` : 'work_order.updated',
      entityType: 'work_order',
      entityId: current.id,
      before: { status: current.status, priority: current.priority, dueDate: current.due_date },
      after: {
        status,
        priority: input.priority ?? current.priority,
        dueDate: input.dueDate === undefined ? current.due_date : input.dueDate,
        progress: input.progress,
      },
    });
    if (input.action)
      await emitEvent(trx, actor.userId, ctx.request, {
        type: `work_order.${status}`,
        companyId: actor.companyId,
        entityType: 'work_order',
        entityId: current.id,
      });
    const [updated] = await withOperations(trx, await workOrderColumns(trx).where('w.id', '=', current.id).execute());
    // Updated above in this transaction, so it is there; the check keeps the declared output honest.
    if (!updated) throw notFound('Work order');
    return updated;
  });
}

export async function listWorkOrders(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { status?: WorkOrderStatus; cursor?: string; limit: number },
) {
  let query = workOrderColumns(ctx.deps.db)
    .where('w.company_id', '=', actor.companyId)
    .orderBy('w.created_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(input.limit + 1);
  if (input.status) query = query.where('w.status', '=', input.status);
  if (input.cursor) query = query.where(olderThanCursorRow(input.cursor, 'work_orders', 'w'));
  const rows = await query.execute();
  const items = await withOperations(ctx.deps.db, rows.slice(0, input.limit));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** One work order of ours with its stages, the sales order it serves and its history. */
export async function getWorkOrder(ctx: ServiceContext, actor: CompanyActor, workOrderId: string) {
  const { db } = ctx.deps;
  const row = await workOrderColumns(db)
    .select((eb) => orderIdOfLine(eb.ref('w.order_line_id')).as('orderId'))
    .where('w.id', '=', workOrderId)
    .where('w.company_id', '=', actor.companyId)
    .executeTakeFirst();
  if (!row) throw notFound('Work order');
  const [[detail], history] = await Promise.all([
    withOperations(db, [row]),
    sharedEntityHistory(db, { entityType: 'work_order', entityId: row.id, viewerCompanyId: actor.companyId, sharedActions: [] }),
  ]);
  // One row in, one row out; the check keeps the declared output honest.
  if (!detail) throw notFound('Work order');
  return { ...detail, history };
}

/** Work orders by status and the remaining load per stage (operation name) over open work. */
export async function productionBoard(ctx: ServiceContext, actor: CompanyActor) {
  const { db } = ctx.deps;
  const [byStatus, load] = await Promise.all([
    db
      .selectFrom('work_orders')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('company_id', '=', actor.companyId)
      .groupBy('status')
      .execute(),
    loadByStage(db, actor.companyId),
  ]);
  return { byStatus: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.count)])), load };
}

/**
 * Lines of our sales orders that production can serve: accepted or in progress, with what
 * work orders already plan for each line.
 */
export async function openOrderLines(ctx: ServiceContext, actor: CompanyActor) {
  return openSalesOrderLines(ctx.deps.db, actor.companyId)
    .select((eb) =>
      eb
        .selectFrom('work_orders as w')
        .select((sub) => sub.fn.coalesce(sub.fn.sum<string>('w.quantity'), sub.val('0')).as('planned'))
        .whereRef('w.order_line_id', '=', 'l.id')
        .where('w.status', '!=', 'cancelled')
        .as('plannedQuantity'),
    )
    .limit(200)
    .execute();
}
