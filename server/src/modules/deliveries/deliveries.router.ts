import {
  cancelDeliveryInput,
  contractRemainingInput,
  contractRemaining as contractRemainingOutput,
  dispatchContractInput,
  dispatchInput,
  dispatchResult,
  goodsDeliveryDetail,
  goodsDeliveryIdInput,
  goodsDeliveryListInput,
  goodsDeliveryPage,
  orderRemainingInput,
  orderRemaining as orderRemainingOutput,
  receiveInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import {
  cancelDelivery,
  contractRemaining,
  dispatchContractDelivery,
  dispatchDelivery,
  getDelivery,
  listDeliveries,
  orderRemaining,
  receiveDelivery,
} from './deliveries.service.ts';

/** Dispatches (per truck, against an order or a contract) and the buyer's goods receipts. */
export const deliveriesRouter = router({
  dispatch: companyProcedure('deliveries:write')
    .input(dispatchInput)
    .output(dispatchResult)
    .mutation(({ ctx, input }) => dispatchDelivery(ctx, ctx.actor, input)),
  receive: companyProcedure('deliveries:write')
    .input(receiveInput)
    .output(goodsDeliveryDetail)
    .mutation(({ ctx, input }) => receiveDelivery(ctx, ctx.actor, input)),
  cancel: companyProcedure('deliveries:write')
    .input(cancelDeliveryInput)
    .output(goodsDeliveryDetail)
    .mutation(({ ctx, input }) => cancelDelivery(ctx, ctx.actor, input)),
  get: companyProcedure('deliveries:read')
    .input(goodsDeliveryIdInput)
    .output(goodsDeliveryDetail)
    .query(({ ctx, input }) => getDelivery(ctx, ctx.actor, input.deliveryId)),
  list: companyProcedure('deliveries:read')
    .input(goodsDeliveryListInput)
    .output(goodsDeliveryPage)
    .query(({ ctx, input }) => listDeliveries(ctx, ctx.actor, input)),
  dispatchContract: companyProcedure('deliveries:write')
    .input(dispatchContractInput)
    .output(dispatchResult)
    .mutation(({ ctx, input }) => dispatchContractDelivery(ctx, ctx.actor, input)),
  contractRemaining: companyProcedure('deliveries:read')
    .input(contractRemainingInput)
    .output(contractRemainingOutput)
    .query(({ ctx, input }) => contractRemaining(ctx, ctx.actor, input.contractId)),
  remaining: companyProcedure('deliveries:read')
    .input(orderRemainingInput)
    .output(orderRemainingOutput)
    .query(({ ctx, input }) => orderRemaining(ctx, ctx.actor, input.orderId)),
});
