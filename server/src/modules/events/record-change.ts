import type { Executor } from '@tradeloom/db';
import type { AuditActionName, AuditChange, AuditEntityType, DomainEventEntityType, DomainEventName } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { type AuditActor, recordAudit } from '../audit/audit.service.ts';
import { type DomainEvent, emitEvent, type PayloadOf } from './events.service.ts';

/**
 * One change to a record: the audit action, and the event when its name differs from the action
 * (an order's `order.ship` action announces `order.shipped`). Both names come from the registry
 * and must agree on the entity type.
 */
export type Change<A extends AuditActionName, E extends DomainEventName> = {
  companyId: string | null;
  action: A;
  event?: E;
  entityType: AuditEntityType<A> & DomainEventEntityType<E>;
  entityId: string;
  before?: AuditChange<A>['before'];
  after?: AuditChange<A>['after'];
  /** The companies whose open screens should refresh; by default the acting company. */
  audience?: string[];
} & PayloadOf<E>;

/** Records a change the way every module must: its audit row and its event, in the caller's transaction. */
export async function recordChange<A extends AuditActionName, E extends DomainEventName = Extract<A, DomainEventName>>(
  trx: Executor,
  actor: AuditActor,
  request: RequestMeta,
  change: Change<A, E>,
): Promise<void> {
  const { companyId, action, entityType, entityId, before, after } = change;
  await recordAudit(trx, actor, request, { companyId, action, entityType, entityId, before, after });
  // The signature checked names, entity and payload against the registry; TypeScript cannot
  // follow the generic default (event = action) through the spread.
  const event = { ...change, type: change.event ?? action } as unknown as DomainEvent<E>;
  await emitEvent(trx, actor.userId, request, event);
}
