import {
  cycleTime,
  cycleTimeInput,
  dateRangeInput,
  monthTotal,
  overviewFigures as overviewFiguresOutput,
  partnerTotal,
  productTotal,
  reportRangeInput,
  stageLoadByMonth,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { orderCycleTimes, purchasesByMonth, purchasesBySupplier, salesByBuyer, salesByProduct } from '../orders/order-reports.ts';
import { loadByStageOverTime } from '../production/production-reports.ts';
import { overviewFigures } from './reports.service.ts';

// A table of contents of the reports: each procedure hands the active company to the owning
// module's report function, which scopes and groups in SQL.
export const reportsRouter = router({
  overview: companyProcedure('orders:read')
    .output(overviewFiguresOutput)
    .query(({ ctx }) => overviewFigures(ctx, ctx.actor)),
  purchasesBySupplier: companyProcedure('orders:read')
    .input(reportRangeInput)
    .output(z.array(partnerTotal))
    .query(({ ctx, input }) => purchasesBySupplier(ctx.deps.db, ctx.actor.companyId, input)),
  purchasesByMonth: companyProcedure('orders:read')
    .input(reportRangeInput)
    .output(z.array(monthTotal))
    .query(({ ctx, input }) => purchasesByMonth(ctx.deps.db, ctx.actor.companyId, input)),
  salesByProduct: companyProcedure('orders:read')
    .input(reportRangeInput)
    .output(z.array(productTotal))
    .query(({ ctx, input }) => salesByProduct(ctx.deps.db, ctx.actor.companyId, input)),
  salesByBuyer: companyProcedure('orders:read')
    .input(reportRangeInput)
    .output(z.array(partnerTotal))
    .query(({ ctx, input }) => salesByBuyer(ctx.deps.db, ctx.actor.companyId, input)),
  cycleTimes: companyProcedure('orders:read')
    .input(cycleTimeInput)
    .output(z.array(cycleTime))
    .query(({ ctx, input }) => orderCycleTimes(ctx.deps.db, ctx.actor.companyId, input.side, input)),
  productionLoad: companyProcedure('production:read')
    .input(dateRangeInput)
    .output(z.array(stageLoadByMonth))
    .query(({ ctx, input }) => loadByStageOverTime(ctx.deps.db, ctx.actor.companyId, input)),
});
