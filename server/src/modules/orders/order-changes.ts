import type { Executor } from '@tradeloom/db';
import type { AuditActionName, DomainEventName } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import type { PayloadOf } from '../events/events.service.ts';
import { type Change, recordChange } from '../events/record-change.ts';

type OrderName<N extends string> = Extract<N, `order.${string}`>;

export type OrderChange<A extends OrderName<AuditActionName>, E extends OrderName<DomainEventName>> = {
  orderId: string;
  /** The audit action, e.g. `order.ship`. */
  action: A;
  /** The event type when it differs from the action (a transition's event names the new state). */
  event?: E;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The companies whose screens should refresh; by default ours. */
  audience?: string[];
} & PayloadOf<E>;

/** Every change to an order: an audit row in our company's log and an event for subscribers. */
export async function recordOrderChange<
  A extends OrderName<AuditActionName>,
  E extends OrderName<DomainEventName> = Extract<A, OrderName<DomainEventName>>,
>(trx: Executor, ctx: ServiceContext, actor: CompanyActor, change: OrderChange<A, E>) {
  const { orderId, ...rest } = change;
  const orderChange = { ...rest, companyId: actor.companyId, entityType: 'order', entityId: orderId };
  // Every name here starts with `order.`, whose entity type is `order`: TypeScript cannot see that generically.
  await recordChange(trx, actor, ctx.request, orderChange as unknown as Change<A, E>);
}
