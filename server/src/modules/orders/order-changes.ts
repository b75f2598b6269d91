import type { Executor } from '@tradeloom/db';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';

export interface OrderChange {
  orderId: string;
  /** The audit action, e.g. `order.ship`. */
  action: string;
  /** The event type when it differs from the action (a transition's event names the new state). */
  event?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  /** The companies whose screens should refresh; by default ours. */
  audience?: string[];
}

/** Every change to an order: an audit row in our company's log and an event for subscribers. */
export async function recordOrderChange(trx: Executor, ctx: ServiceContext, actor: CompanyActor, change: OrderChange) {
  await recordAudit(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: change.action,
    entityType: 'order',
    entityId: change.orderId,
    before: change.before,
    after: change.after,
  });
  await emitEvent(trx, actor.userId, ctx.request, {
    type: change.event ?? change.action,
    companyId: actor.companyId,
    entityType: 'order',
    entityId: change.orderId,
    payload: change.payload,
    audience: change.audience,
  });
}
