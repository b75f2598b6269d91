import {
  approvalThresholdInput,
  approvalThresholdOutput,
  createOrderInput,
  noContent,
  orderAttachment,
  orderAttachmentInput,
  orderDetail,
  orderFilters,
  orderHistoryEntry,
  orderIdInput,
  orderListInput,
  orderPage,
  orderSummary,
  orderTotalsRow,
  orderTransitionInput,
  updateOrderInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { restRoutes } from '../../trpc/rest-route.ts';
import { attachOrderFile, detachOrderFile, listOrderAttachments } from './order-attachments.service.ts';
import { listOrders, orderTotals } from './order-list.service.ts';
import { changeOrderStatus } from './order-transitions.service.ts';
import { getOrder, orderHistory } from './order-views.service.ts';
import { approvalThreshold, createOrder, setApprovalThreshold, updateOrder } from './orders.service.ts';

const rest = restRoutes('Orders');

export const ordersRouter = router({
  create: companyProcedure('orders:write', rest.post('/orders', 'Create a draft order'))
    .input(createOrderInput)
    .output(orderSummary)
    .mutation(({ ctx, input }) => createOrder(ctx, ctx.actor, input)),
  update: companyProcedure('orders:write')
    .input(updateOrderInput)
    .output(orderSummary)
    .mutation(({ ctx, input }) => updateOrder(ctx, ctx.actor, input)),
  transition: companyProcedure('orders:write', rest.post('/orders/{orderId}/transitions', 'Move an order to its next status'))
    .input(orderTransitionInput)
    .output(orderSummary)
    .mutation(({ ctx, input }) => changeOrderStatus(ctx, ctx.actor, input)),
  get: companyProcedure('orders:read', rest.get('/orders/{orderId}', 'Get an order with its lines'))
    .input(orderIdInput)
    .output(orderDetail)
    .query(({ ctx, input }) => getOrder(ctx, ctx.actor, input.orderId)),
  history: companyProcedure('orders:read')
    .input(orderIdInput)
    .output(z.array(orderHistoryEntry))
    .query(({ ctx, input }) => orderHistory(ctx, ctx.actor, input.orderId)),
  list: companyProcedure('orders:read', rest.get('/orders', 'List purchase or sales orders'))
    .input(orderListInput)
    .output(orderPage)
    .query(({ ctx, input }) => listOrders(ctx, ctx.actor, input)),
  totals: companyProcedure('orders:read')
    .input(orderFilters)
    .output(z.array(orderTotalsRow))
    .query(({ ctx, input }) => orderTotals(ctx, ctx.actor, input)),
  attachments: companyProcedure('orders:read')
    .input(orderIdInput)
    .output(z.array(orderAttachment))
    .query(({ ctx, input }) => listOrderAttachments(ctx, ctx.actor, input.orderId)),
  attach: companyProcedure('orders:write')
    .input(orderAttachmentInput)
    .output(noContent)
    .mutation(({ ctx, input }) => attachOrderFile(ctx, ctx.actor, input)),
  detach: companyProcedure('orders:write')
    .input(orderAttachmentInput)
    .output(noContent)
    .mutation(({ ctx, input }) => detachOrderFile(ctx, ctx.actor, input)),
  approvalThreshold: companyProcedure('settings:read')
    .output(approvalThresholdOutput)
    .query(({ ctx }) => approvalThreshold(ctx, ctx.actor)),
  setApprovalThreshold: companyProcedure('settings:write')
    .input(approvalThresholdInput)
    .output(approvalThresholdOutput.pick({ threshold: true }))
    .mutation(({ ctx, input }) => setApprovalThreshold(ctx, ctx.actor, input.threshold)),
});
