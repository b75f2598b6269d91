import { createFinancialYearInput, financialYearIdInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { closeFinancialYear, createFinancialYear, listFinancialYears } from './financial-years.service.ts';
import { listNumberSeries } from './number-series.service.ts';

export const settingsRouter = router({
  financialYears: router({
    list: companyProcedure('settings:read').query(({ ctx }) => listFinancialYears(ctx.deps.db, ctx.actor.companyId)),
    create: companyProcedure('settings:write')
      .input(createFinancialYearInput)
      .mutation(({ ctx, input }) => createFinancialYear(ctx, ctx.actor, input)),
    close: companyProcedure('settings:write')
      .input(financialYearIdInput)
      .mutation(({ ctx, input }) => closeFinancialYear(ctx, ctx.actor, input.financialYearId)),
  }),
  numberSeries: router({
    list: companyProcedure('settings:read').query(({ ctx }) => listNumberSeries(ctx.deps.db, ctx.actor.companyId)),
  }),
});
