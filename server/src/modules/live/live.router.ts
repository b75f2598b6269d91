import type { Permission } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { listenerAccess } from './live-access.ts';
import type { LiveListener, LiveUpdate } from './live-hub.ts';

// Each kind of record is heard only by those who may read it (an API key's scopes included).
const READ_PERMISSION: Record<string, Permission> = {
  order: 'orders:read',
  work_order: 'production:read',
  partner_link: 'partners:read',
  notification: 'notifications:read',
  product: 'catalog:read',
  user: 'members:read',
  negotiation: 'tradedesk:read',
  lot: 'tradedesk:read',
  trade_offer: 'tradedesk:read',
  desk: 'tradedesk:read',
  contract: 'contracts:read',
  conversation: 'messaging:read',
  complaint: 'support:read',
  webhook_delivery: 'webhooks:manage',
  webhook_endpoint: 'webhooks:manage',
};

// Someone joined, left, changed role or was disabled, a key was revoked, or the company was
// suspended: may each listener still listen?
const changesAccess = (update: LiveUpdate) => ['user', 'api_key', 'company'].includes(update.entityType);

export const liveRouter = router({
  /**
   * Server-sent events: what changed in the active company, as `{ type, entityType, entityId }`,
   * after a first `live.ready`. Clients refetch what they show. When the company's members or
   * API keys change, every stream of the company is checked again in one batch: removed, revoked
   * (or switched to another company) ends it, a new role changes what it hears. At most
   * `MAX_STREAMS_PER_LISTENER` streams per session or API key: a further one ends the oldest.
   * Streams also end every `sse.maxDurationMs` and the client reconnects.
   */
  updates: companyProcedure('company:read').subscription(async function* ({ ctx, signal }) {
    const { companyId } = ctx.actor;
    const { db, live } = ctx.deps;
    const listener: LiveListener = { sessionId: ctx.session?.sessionId ?? null, apiKeyId: ctx.actor.apiKeyId };
    let permissions = ctx.actor.permissions;
    const deliveries = live.updates(companyId, listener, signal);
    // First message: from here on nothing is missed (tRPC's own `connected` comes before the checks).
    yield { type: 'live.ready', entityType: 'stream', entityId: companyId };
    for await (const { update, once } of deliveries) {
      if (changesAccess(update)) {
        const access = await once(() => listenerAccess(db, companyId, live.listenersOf(companyId)));
        const current = access.get(listener);
        if (!current) return;
        permissions = current;
      }
      const permission = READ_PERMISSION[update.entityType];
      if (permission && permissions.has(permission)) yield update;
    }
  }),
});
