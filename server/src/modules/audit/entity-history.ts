import type { Executor } from '@tradeloom/db';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { companyNameOf } from '../companies/company-reads.ts';

export interface SharedHistoryQuery {
  entityType: string;
  entityId: string;
  /** The viewer sees all of its own company's entries… */
  viewerCompanyId: string;
  /** …and, of the other parties' entries, only these actions. */
  sharedActions: readonly string[];
}

/**
 * The history of a record, oldest first, with who did what: a record two companies share (an order)
 * names the other party's actions it may see; a company's own record (a work order) names none.
 */
export function sharedEntityHistory(db: Executor, query: SharedHistoryQuery) {
  return db
    .selectFrom('audit_log as a')
    .select((eb) => [
      'a.id',
      isoTimestamp(eb.ref('a.occurred_at')).as('occurredAt'),
      'a.action',
      'a.after',
      userNameOf(eb.ref('a.actor_user_id')).as('actorName'),
      // Company-less rows (platform actions) never concern a shared record.
      companyNameOf(eb.ref('a.company_id').$castTo<string>()).as('companyName'),
    ])
    .where('a.entity_type', '=', query.entityType)
    .where('a.entity_id', '=', query.entityId)
    .where('a.company_id', 'is not', null)
    .where((eb) =>
      query.sharedActions.length
        ? eb.or([eb('a.company_id', '=', query.viewerCompanyId), eb('a.action', 'in', [...query.sharedActions])])
        : eb('a.company_id', '=', query.viewerCompanyId),
    )
    .orderBy('a.id')
    .execute();
}

/** One record's own history, newest first: a company's rows as an operator reads them in the console. */
export function entityHistory(db: Executor, query: { entityType: string; entityId: string; limit: number }) {
  return db
    .selectFrom('audit_log as a')
    .select((eb) => [
      'a.id',
      isoTimestamp(eb.ref('a.occurred_at')).as('occurredAt'),
      'a.action',
      'a.after',
      userNameOf(eb.ref('a.actor_user_id')).as('actorName'),
    ])
    .where('a.entity_type', '=', query.entityType)
    .where('a.entity_id', '=', query.entityId)
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .execute();
}
