import type { Permission } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';

// Each kind of record is heard only by those who may read it (an API key's scopes included).
const READ_PERMISSION: Record<string, Permission> = {
  order: 'orders:read',
  work_order: 'production:read',
  partner_link: 'partners:read',
  notification: 'notifications:read',
  product: 'catalog:read',
};

export const liveRouter = router({
  /**
   * Server-sent events: what changed in the active company, as `{ type, entityType, entityId }`,
   * after a first `live.ready`.
   * Clients refetch what they show. The stream ends after `sse.maxDurationMs` and the client
   * reconnects, so a member removed meanwhile stops hearing within that time.
   */
  updates: companyProcedure('company:read').subscription(async function* ({ ctx, signal }) {
    const updates = ctx.deps.live.updates(ctx.actor.companyId, signal);
    // First message: from here on nothing is missed (tRPC's own `connected` comes before the checks).
    yield { type: 'live.ready', entityType: 'stream', entityId: ctx.actor.companyId };
    for await (const update of updates) {
      const permission = READ_PERMISSION[update.entityType];
      if (permission && ctx.actor.permissions.has(permission)) yield update;
    }
  }),
});
