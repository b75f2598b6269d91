import { inTransaction } from '@tradeloom/db';
import type { RetryJobInput } from '@tradeloom/shared';
import type { ServiceContext } from '../../deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { jobsOverview, retryDeadJob } from '../events/job-admin.ts';

export function getJobsOverview(ctx: ServiceContext) {
  return jobsOverview(ctx.deps.db, ctx.deps.clock);
}

/** An operator's retry of a dead job, in the platform's audit log (no company's). */
export function retryJob(ctx: ServiceContext, operatorUserId: string, input: RetryJobInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const job = await retryDeadJob(trx, ctx.deps.clock, input.jobId);
    await recordAudit(trx, { userId: operatorUserId }, ctx.request, {
      companyId: null,
      action: 'job.retried',
      entityType: 'job',
      entityId: String(input.jobId),
      before: { status: 'dead' },
      after: { status: 'pending' },
    });
    return job;
  });
}
