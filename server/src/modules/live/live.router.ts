import type { Permission } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure, resolveCompanyActor } from '../../trpc/procedures.ts';

// Each kind of record is heard only by those who may read it (an API key's scopes included).
const READ_PERMISSION: Record<string, Permission> = {
  order: 'orders:read',
  work_order: 'production:read',
  partner_link: 'partners:read',
  notification: 'notifications:read',
  product: 'catalog:read',
  user: 'members:read',
};

export const liveRouter = router({
  /**
   * Server-sent events: what changed in the active company, as `{ type, entityType, entityId }`,
   * after a first `live.ready`. Clients refetch what they show. When the company's members or
   * API keys change, the stream checks its listener again: removed, revoked (or switched to
   * another company) ends it, a new role changes what it hears. Streams also end every `sse.maxDurationMs` and the
   * client reconnects.
   */
  updates: companyProcedure('company:read').subscription(async function* ({ ctx, signal }) {
    const { companyId } = ctx.actor;
    let actor = ctx.actor;
    const updates = ctx.deps.live.updates(companyId, signal);
    // First message: from here on nothing is missed (tRPC's own `connected` comes before the checks).
    yield { type: 'live.ready', entityType: 'stream', entityId: companyId };
    for await (const update of updates) {
      // Someone joined, left or changed role, or a key was revoked: may this listener still listen?
      if (update.entityType === 'user' || update.entityType === 'api_key') {
        try {
          actor = (await resolveCompanyActor(ctx, 'company:read')).actor;
        } catch {
          return;
        }
        if (actor.companyId !== companyId) return;
      }
      const permission = READ_PERMISSION[update.entityType];
      if (permission && actor.permissions.has(permission)) yield update;
    }
  }),
});
