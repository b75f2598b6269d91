import type { Executor, Tx } from '@tradeloom/db';
import {
  auditActions,
  type DomainEventName,
  type NegotiationAction,
  type NegotiationStatus,
  type NegotiationTerms,
  type NegotiationTransition,
  negotiationTerms,
  transitionNegotiation,
} from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';

// What the negotiation services, the clock and the reads share: the row of a party's negotiation,
// the machine's verdict for it, its rounds' stored terms, and recording a change (audit row and
// an event to both parties).

/** A negotiation runs 48 hours from its last proposal, never past the offer's validity. */
export const NEGOTIATION_WINDOW_MS = 48 * 60 * 60 * 1000;

export function negotiationExpiry(now: Date, offerValidUntil: Date): Date {
  return new Date(Math.min(now.getTime() + NEGOTIATION_WINDOW_MS, offerValidUntil.getTime()));
}

/** A negotiation the company is a party of (owner of the offer or the counterparty). */
export function findPartyNegotiation(db: Executor, negotiationId: string, companyId: string) {
  return db
    .selectFrom('negotiations')
    .selectAll()
    .where('id', '=', negotiationId)
    .where((eb) => eb.or([eb('owner_company_id', '=', companyId), eb('counterparty_company_id', '=', companyId)]));
}

export type NegotiationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof findPartyNegotiation>['executeTakeFirst']>>>;

/** The party's negotiation locked until commit; anyone else's is NOT_FOUND. */
export async function lockPartyNegotiation(trx: Tx, negotiationId: string, companyId: string): Promise<NegotiationRow> {
  const row = await findPartyNegotiation(trx, negotiationId, companyId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Negotiation');
  return row;
}

/** The other party of a negotiation, seen from `companyId`. */
export function otherParty(negotiation: { owner_company_id: string; counterparty_company_id: string }, companyId: string): string {
  return negotiation.owner_company_id === companyId ? negotiation.counterparty_company_id : negotiation.owner_company_id;
}

/** Who the caller is to the machine: the side that proposed the current version, or the side to answer it. */
export function machineActor(negotiation: { proposed_by_company_id: string }, companyId: string): 'proposer' | 'responder' {
  return negotiation.proposed_by_company_id === companyId ? 'proposer' : 'responder';
}

export function negotiationState(negotiation: { status: NegotiationStatus; expires_at: Date }, now: Date) {
  return { status: negotiation.status, pastExpiry: negotiation.expires_at.getTime() <= now.getTime() };
}

const REFUSALS: Record<Exclude<NegotiationTransition, { ok: true }>['reason'], (status: NegotiationStatus) => string> = {
  ILLEGAL_TRANSITION: (status) => `This negotiation is ${status}; it cannot change any more.`,
  NOT_YOUR_TURN: () => 'The current terms are your own proposal; wait for the other side to answer them.',
  NEGOTIATION_EXPIRED: () => 'This negotiation has expired; open a new one on the offer.',
  WRONG_SIDE: () => 'Only the other side can do this.',
};

/** The next status the machine allows, or CONFLICT with its reason. */
export function assertNegotiationTransition(
  negotiation: NegotiationRow,
  action: NegotiationAction,
  companyId: string,
  now: Date,
): NegotiationStatus {
  const state = negotiationState(negotiation, now);
  const result = transitionNegotiation(state, action, machineActor(negotiation, companyId));
  if (!result.ok) throw appError('CONFLICT', result.reason, REFUSALS[result.reason](negotiation.status));
  return result.next;
}

/** A round's stored terms, read back through the wire schema (the JSON column holds it whole). */
export function termsOf(column: unknown): NegotiationTerms {
  return negotiationTerms.parse(typeof column === 'string' ? JSON.parse(column) : column);
}

export async function roundTerms(
  db: Executor,
  negotiationId: string,
  version: number,
): Promise<{ terms: NegotiationTerms; companyId: string }> {
  const round = await db
    .selectFrom('negotiation_rounds')
    .select(['terms', 'company_id'])
    .where('negotiation_id', '=', negotiationId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return { terms: termsOf(round.terms), companyId: round.company_id };
}

type NegotiationChangeAction = Extract<DomainEventName, `negotiation.${string}`>;

export interface NegotiationChange {
  action: NegotiationChangeAction;
  negotiation: { id: string; owner_company_id: string; counterparty_company_id: string };
  /** The offer's number: notifications name it. */
  document: string;
  /** The acting company, or null for the clock or the offer's end (then both parties are told). */
  actorCompanyId: string | null;
  actor: { userId: string | null; apiKeyId?: string | null };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * An audit row in the acting company's log (each party's, when the system acted) and one event
 * whose recipients are the party that did not act: both screens refresh, the other side is told.
 */
export async function recordNegotiationChange(trx: Executor, request: RequestMeta, change: NegotiationChange): Promise<void> {
  const { negotiation, actorCompanyId } = change;
  const parties = [negotiation.owner_company_id, negotiation.counterparty_company_id];
  const auditCompanies = actorCompanyId ? [actorCompanyId] : parties;
  for (const companyId of auditCompanies) {
    await recordAudit(trx, change.actor, request, {
      companyId,
      action: change.action,
      entityType: auditActions[change.action].entityType,
      entityId: negotiation.id,
      before: change.before,
      after: change.after,
    } as Parameters<typeof recordAudit>[3]);
  }
  const recipients = parties.filter((party) => party !== actorCompanyId);
  // The version the change made or acted on: a notice read after a later counter still names its own.
  const version = typeof change.after?.version === 'number' ? change.after.version : undefined;
  await emitEvent(trx, change.actor.userId, request, {
    type: change.action,
    companyId: actorCompanyId ?? negotiation.owner_company_id,
    entityType: 'negotiation',
    entityId: negotiation.id,
    audience: parties,
    payload: { actorCompanyId: actorCompanyId ?? negotiation.owner_company_id, recipients, document: change.document, version },
  });
}
