import { auditListInput, auditPage } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { listAudit } from './audit.service.ts';

export const auditRouter = router({
  list: companyProcedure('audit:read')
    .input(auditListInput)
    .output(auditPage)
    .query(({ ctx, input }) => listAudit(ctx.deps.db, ctx.actor.companyId, input)),
});
