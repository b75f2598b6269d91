import type { Executor } from '@tradeloom/db';
import type { AuditActionName, AuditChange, AuditEntityType, AuditListInput, AuditRow, Page } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { auditEntityLabel } from './entity-labels.ts';

export interface AuditActor {
  userId: string | null;
  apiKeyId?: string | null;
}

/** One audit row: the action is a name from the shared registry, and fixes the entity type. */
export interface AuditEntry<A extends AuditActionName = AuditActionName> {
  companyId: string | null;
  action: A;
  entityType: AuditEntityType<A>;
  entityId: string;
  before?: AuditChange<A>['before'];
  after?: AuditChange<A>['after'];
}

/** Appends one audit row; call it with the mutation's own transaction. */
export async function recordAudit<A extends AuditActionName>(
  trx: Executor,
  actor: AuditActor,
  request: RequestMeta,
  entry: AuditEntry<A>,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      company_id: entry.companyId,
      actor_user_id: actor.userId,
      actor_api_key_id: actor.apiKeyId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: request.requestId,
      ip: request.ip,
    })
    .execute();
}

export async function listAudit(db: Executor, companyId: string, input: AuditListInput): Promise<Page<AuditRow>> {
  let query = db
    .selectFrom('audit_log')
    .select((eb) => [
      'audit_log.id',
      isoTimestamp(eb.ref('audit_log.occurred_at')).as('occurredAt'),
      'audit_log.action',
      'audit_log.entity_type as entityType',
      'audit_log.entity_id as entityId',
      auditEntityLabel(eb.ref('audit_log.entity_type'), eb.ref('audit_log.entity_id'), companyId).as('entityLabel'),
      'audit_log.actor_user_id as actorUserId',
      userNameOf(eb.ref('audit_log.actor_user_id')).as('actorName'),
      'audit_log.actor_api_key_id as actorApiKeyId',
      'audit_log.before',
      'audit_log.after',
      'audit_log.request_id as requestId',
    ])
    .where('audit_log.company_id', '=', companyId)
    // The log's ids count up as entries are written, so they are its time order without ties.
    .orderBy('audit_log.id', input.sortDirection)
    .limit(input.limit + 1);
  if (input.action) query = query.where('audit_log.action', 'like', `${input.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (input.entityType) query = query.where('audit_log.entity_type', '=', input.entityType);
  if (input.actorUserId) query = query.where('audit_log.actor_user_id', '=', input.actorUserId);
  if (input.from) query = query.where('audit_log.occurred_at', '>=', input.from);
  if (input.to) query = query.where('audit_log.occurred_at', '<', input.to);
  if (input.cursor) query = query.where('audit_log.id', input.sortDirection === 'asc' ? '>' : '<', Number(input.cursor));
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.id) : null };
}
