import { createFinancialYearInput, financialYearIdInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { startYearClose } from '../finance/year-close.service.ts';
import { createFinancialYear, listFinancialYears } from './financial-years.service.ts';
import { listNumberSeries } from './number-series.service.ts';

export const settingsRouter = router({
  financialYears: router({
    list: companyProcedure('settings:read').query(({ ctx }) => listFinancialYears(ctx.deps.db, ctx.actor.companyId)),
    create: companyProcedure('settings:write')
      .input(createFinancialYearInput)
      .mutation(({ ctx, input }) => createFinancialYear(ctx, ctx.actor, input)),
    // The same close as finance.years.close (a background job carries the balances forward).
    close: companyProcedure('settings:write')
      .input(financialYearIdInput)
      .mutation(({ ctx, input }) => startYearClose(ctx, ctx.actor, { financialYearId: input.financialYearId })),
  }),
  numberSeries: router({
    list: companyProcedure('settings:read').query(({ ctx }) => listNumberSeries(ctx.deps.db, ctx.actor.companyId)),
  }),
});
