import {
  DISPUTE_STATUSES,
  disputeDetail,
  disputeIdInput,
  disputeListInput,
  disputeOpened,
  disputePage,
  openDisputeInput,
  resolveDisputeInput,
  respondDisputeInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { getDispute, listDisputes, openDispute, resolveDispute, respondToDispute, withdrawDispute } from './disputes.service.ts';

const disputeChanged = z.strictObject({ id: z.uuid(), status: z.enum(DISPUTE_STATUSES) });
const disputeResolved = disputeChanged.extend({ note: z.strictObject({ id: z.uuid(), number: z.string() }).nullable() });

export const disputesRouter = router({
  open: companyProcedure('finance:write')
    .input(openDisputeInput)
    .output(disputeOpened)
    .mutation(({ ctx, input }) => openDispute(ctx, ctx.actor, input)),
  respond: companyProcedure('finance:write')
    .input(respondDisputeInput)
    .output(disputeChanged)
    .mutation(({ ctx, input }) => respondToDispute(ctx, ctx.actor, input)),
  resolve: companyProcedure('finance:write')
    .input(resolveDisputeInput)
    .output(disputeResolved)
    .mutation(({ ctx, input }) => resolveDispute(ctx, ctx.actor, input)),
  withdraw: companyProcedure('finance:write')
    .input(disputeIdInput)
    .output(disputeChanged)
    .mutation(({ ctx, input }) => withdrawDispute(ctx, ctx.actor, input)),
  get: companyProcedure('finance:read')
    .input(disputeIdInput)
    .output(disputeDetail)
    .query(({ ctx, input }) => getDispute(ctx, ctx.actor, input.disputeId)),
  list: companyProcedure('finance:read')
    .input(disputeListInput)
    .output(disputePage)
    .query(({ ctx, input }) => listDisputes(ctx, ctx.actor, input)),
});
