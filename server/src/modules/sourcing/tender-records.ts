import type { Executor } from '@tradeloom/db';
import {
  type AuditActionName,
  auditActions,
  type DomainEventName,
  isDomainEventName,
  type TenderAction,
  type TenderState,
  type TenderStatus,
  transitionTender,
} from '@tradeloom/shared';
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';

// What every sourcing service needs about a tender: finding the buyer's own, its state for the
// machine, its invitees, and recording a change (audit row + event with its recipients).

/** The buyer's tender; another company's is not found. */
export function findBuyerTender(db: Executor, tenderId: string, companyId: string) {
  return db.selectFrom('tenders').selectAll().where('id', '=', tenderId).where('company_id', '=', companyId);
}

/** The buyer's tender, locked for the change; another company's is NOT_FOUND. */
export async function lockBuyerTender(db: Executor, tenderId: string, companyId: string) {
  const tender = await findBuyerTender(db, tenderId, companyId).forUpdate().executeTakeFirst();
  if (!tender) throw notFound('Tender');
  return tender;
}

export type TenderRow = NonNullable<Awaited<ReturnType<ReturnType<typeof findBuyerTender>['executeTakeFirst']>>>;

/**
 * Where an invitee stands, as a column of `tender_invitations` aliased `i`: declined, quoted (an
 * active submitted quote), withdrawn (its last quote was taken back) or still invited.
 */
export function inviteeStateOf(invitation: string): RawBuilder<'invited' | 'quoted' | 'declined' | 'withdrawn'> {
  const i = (column: string) => sql.ref(`${invitation}.${column}`);
  const quoteIn = (status: string) =>
    sql`exists (select 1 from quotes q where q.tender_id = ${i('tender_id')} and q.supplier_company_id = ${i('supplier_company_id')} and q.status = ${status})`;
  return sql`(case when ${i('status')} = 'declined' then 'declined' when ${quoteIn('submitted')} then 'quoted' when ${quoteIn('withdrawn')} then 'withdrawn' else 'invited' end)`;
}

/** The submission time of the supplier's active quote (never its content), as a scalar subquery. */
export function activeQuoteSubmittedAt(tenderId: Expression<string>, supplierId: Expression<string>): RawBuilder<Date | null> {
  return sql<Date | null>`(select q.submitted_at from quotes q where q.tender_id = ${tenderId} and q.supplier_company_id = ${supplierId} and q.status = 'submitted')`;
}

/** The invited companies of a tender, in the order they were invited. */
export async function inviteeIds(db: Executor, tenderId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tender_invitations')
    .select('supplier_company_id')
    .where('tender_id', '=', tenderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.supplier_company_id);
}

/** What the state machine needs: status, whether the deadline passed, whether every invitee answered. */
export async function tenderStateOf(
  db: Executor,
  tender: { id: string; status: TenderStatus; closes_at: Date },
  now: Date,
): Promise<TenderState> {
  const pending = await db
    .selectFrom('tender_invitations as i')
    .select('i.id')
    .where('i.tender_id', '=', tender.id)
    .where(inviteeStateOf('i'), 'in', ['invited', 'withdrawn'])
    .limit(1)
    .executeTakeFirst();
  return { status: tender.status, pastDeadline: tender.closes_at.getTime() <= now.getTime(), everyInviteeAnswered: !pending };
}

const REFUSAL_MESSAGES = {
  ILLEGAL_TRANSITION: (status: TenderStatus, action: TenderAction) => `A tender that is ${status} cannot ${action}.`,
  DEADLINE_PASSED: () => 'The tender’s deadline has passed.',
  INVITEES_PENDING: () => 'Every invited supplier must quote or decline before the tender can close early.',
} as const;

/** The next status for the action, or CONFLICT with the machine's reason. */
export function assertTransition(state: TenderState, action: TenderAction): TenderStatus {
  const result = transitionTender(state, action);
  if (!result.ok) throw appError('CONFLICT', result.reason, REFUSAL_MESSAGES[result.reason](state.status, action));
  return result.next;
}

type SourcingAudit = Extract<AuditActionName, `tender.${string}` | `quote.${string}` | `clarification.${string}`>;
type TenderEvent = Extract<DomainEventName, `tender.${string}` | `quote.${string}` | `clarification.${string}`>;

export interface TenderChange {
  action: SourcingAudit;
  /** The event to emit, when it differs from the action; `null` for an action that has none. */
  event?: TenderEvent | null;
  /** The audited record when it is not the tender (a quote, a clarification). */
  entityId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The companies to tell besides the buyer; never a supplier the others should not learn of. */
  recipients: string[];
  winners?: string[];
}

/**
 * A sourcing change: an audit row in the acting company's log and a tender event naming its
 * recipients; the buyer and the recipients' open screens refresh.
 */
export async function recordTenderChange(
  trx: Executor,
  ctx: ServiceContext,
  actor: CompanyActor,
  tender: { id: string; company_id: string; number: string },
  change: TenderChange,
): Promise<void> {
  const { action, before, after, recipients } = change;
  await recordAudit(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action,
    entityType: auditActions[action].entityType,
    entityId: change.entityId ?? tender.id,
    before,
    after,
  } as Parameters<typeof recordAudit>[3]);
  // By default the event is named like the action, when the registry has one.
  const event = change.event === undefined ? (isDomainEventName(action) ? (action as TenderEvent) : null) : change.event;
  if (!event) return;
  await emitEvent(trx, actor.userId, ctx.request, {
    type: event,
    companyId: actor.companyId,
    entityType: 'tender',
    entityId: tender.id,
    audience: [...new Set([tender.company_id, actor.companyId, ...recipients])],
    payload: {
      buyerCompanyId: tender.company_id,
      actorCompanyId: actor.companyId,
      recipients,
      document: tender.number,
      ...(change.winners ? { winners: change.winners } : {}),
    },
  });
}
