import { retryJobInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { platformAdminProcedure } from '../../trpc/procedures.ts';
import { getJobsOverview, retryJob } from './operations.service.ts';

// The platform operator's view of the machinery: background queues, failures, schedules.
export const operationsRouter = router({
  jobs: platformAdminProcedure.query(({ ctx }) => getJobsOverview(ctx)),
  retryJob: platformAdminProcedure.input(retryJobInput).mutation(({ ctx, input }) => retryJob(ctx, ctx.session.userId, input)),
});
