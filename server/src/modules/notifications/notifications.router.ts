import { markReadInput, notificationListInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { listNotifications, markNotificationsRead } from './notifications.service.ts';

export const notificationsRouter = router({
  list: companyProcedure('notifications:read')
    .input(notificationListInput)
    .query(({ ctx, input }) => listNotifications(ctx, ctx.actor, input)),
  markRead: companyProcedure('notifications:read')
    .input(markReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx, ctx.actor, input.ids)),
});
