import {
  createWorkOrderInput,
  openOrderLine,
  productionBoard as productionBoardOutput,
  updateWorkOrderInput,
  workOrder,
  workOrderCreated,
  workOrderDetail,
  workOrderIdInput,
  workOrderListInput,
  workOrderPage,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { restRoutes } from '../../trpc/rest-route.ts';
import { createWorkOrder, getWorkOrder, listWorkOrders, openOrderLines, productionBoard, updateWorkOrder } from './production.service.ts';

const rest = restRoutes('Production');

export const productionRouter = router({
  workOrders: router({
    create: companyProcedure('production:write')
      .input(createWorkOrderInput)
      .output(workOrderCreated)
      .mutation(({ ctx, input }) => createWorkOrder(ctx, ctx.actor, input)),
    list: companyProcedure('production:read', rest.get('/work-orders', 'List work orders'))
      .input(workOrderListInput)
      .output(workOrderPage)
      .query(({ ctx, input }) => listWorkOrders(ctx, ctx.actor, input)),
    get: companyProcedure('production:read', rest.get('/work-orders/{workOrderId}', 'Get a work order'))
      .input(workOrderIdInput)
      .output(workOrderDetail)
      .query(({ ctx, input }) => getWorkOrder(ctx, ctx.actor, input.workOrderId)),
    update: companyProcedure('production:write')
      .input(updateWorkOrderInput)
      .output(workOrder)
      .mutation(({ ctx, input }) => updateWorkOrder(ctx, ctx.actor, input)),
  }),
  board: companyProcedure('production:read')
    .output(productionBoardOutput)
    .query(({ ctx }) => productionBoard(ctx, ctx.actor)),
  /** Sales-order lines a new work order can be for (accepted or in progress). */
  openOrderLines: companyProcedure('production:read')
    .output(z.array(openOrderLine))
    .query(({ ctx }) => openOrderLines(ctx, ctx.actor)),
});
