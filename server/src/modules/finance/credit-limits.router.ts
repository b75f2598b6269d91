import { creditLimitPartnerInput, creditLimitRow, setCreditLimitInput } from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { listCreditLimits, removeCreditLimit, setCreditLimit } from './credit-limits.service.ts';

const partnerRef = z.object({ partnerId: z.string() });

export const creditLimitsRouter = router({
  list: companyProcedure('finance:read')
    .output(z.array(creditLimitRow))
    .query(({ ctx }) => listCreditLimits(ctx, ctx.actor)),
  set: companyProcedure('finance:approve')
    .input(setCreditLimitInput)
    .output(partnerRef)
    .mutation(({ ctx, input }) => setCreditLimit(ctx, ctx.actor, input)),
  remove: companyProcedure('finance:approve')
    .input(creditLimitPartnerInput)
    .output(partnerRef)
    .mutation(({ ctx, input }) => removeCreditLimit(ctx, ctx.actor, input.partnerId)),
});
