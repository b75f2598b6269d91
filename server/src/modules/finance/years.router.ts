import { openingBalancesInput, yearCloseInput, yearReopenInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { listYears, openingBalances, reopenYear, startYearClose } from './year-close.service.ts';

export const yearsRouter = router({
  list: companyProcedure('finance:read').query(({ ctx }) => listYears(ctx.deps.db, ctx.actor.companyId)),
  close: companyProcedure('finance:close')
    .input(yearCloseInput)
    .mutation(({ ctx, input }) => startYearClose(ctx, ctx.actor, { label: input.year })),
  reopen: companyProcedure('finance:reopen')
    .input(yearReopenInput)
    .mutation(({ ctx, input }) => reopenYear(ctx, ctx.actor, input)),
  openingBalances: companyProcedure('finance:read')
    .input(openingBalancesInput)
    .query(({ ctx, input }) => openingBalances(ctx.deps.db, ctx.actor.companyId, input)),
});
