import type { Executor } from '@tradeloom/db';
import {
  allowedNegotiationActions,
  type NegotiationView,
  type negotiationListInput,
  type negotiationSummary,
  type Page,
  termsChanges,
} from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { commodityNameOf } from '../catalog/catalog-lookups.ts';
import { companyNameOf, companyVerifiedOf } from '../companies/company-reads.ts';
import { machineActor, negotiationState, termsOf } from './negotiation-records.ts';
import { offerSummariesOf } from './offer-reads.ts';

// Negotiations as their two parties see them (nobody else: another company's is NOT_FOUND): the
// list, and one negotiation with its rounds, what each round changed, and what the caller may do.

type NegotiationSummary = z.infer<typeof negotiationSummary>;
type NegotiationListInput = z.output<typeof negotiationListInput>;

/** The party's negotiations with what a summary shows, as a select over `negotiations as n`. */
export function selectNegotiationSummaries(db: Executor, viewerCompanyId: string) {
  return db
    .selectFrom('negotiations as n')
    .innerJoin('trade_offers as o', 'o.id', 'n.offer_id')
    .innerJoin('negotiation_rounds as r', (join) =>
      join.onRef('r.negotiation_id', '=', 'n.id').onRef('r.version', '=', 'n.current_version'),
    )
    .select((eb) => [
      'n.id',
      'n.offer_id',
      'n.owner_company_id',
      'n.counterparty_company_id',
      'n.proposed_by_company_id',
      'n.status',
      'n.current_version',
      'n.expires_at',
      'n.end_reason',
      'n.contract_id',
      'o.number as offer_number',
      'o.side as offer_side',
      'r.terms',
      commodityNameOf(eb.ref('o.commodity_code')).as('commodity_name'),
      companyNameOf(eb.ref('n.owner_company_id')).as('owner_name'),
      companyVerifiedOf(eb.ref('n.owner_company_id')).as('owner_verified'),
      companyNameOf(eb.ref('n.counterparty_company_id')).as('counterparty_name'),
      companyVerifiedOf(eb.ref('n.counterparty_company_id')).as('counterparty_verified'),
      isoTimestamp(eb.ref('n.expires_at')).as('expires_at_iso'),
      isoTimestamp(eb.ref('n.updated_at')).as('updated_at_iso'),
    ])
    .where((eb) => eb.or([eb('n.owner_company_id', '=', viewerCompanyId), eb('n.counterparty_company_id', '=', viewerCompanyId)]));
}

type SummaryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectNegotiationSummaries>['executeTakeFirst']>>>;

export function toNegotiationSummary(row: SummaryRow, viewerCompanyId: string): NegotiationSummary {
  const owner = row.owner_company_id === viewerCompanyId;
  return {
    id: row.id,
    offerId: row.offer_id,
    offerNumber: row.offer_number,
    offerSide: row.offer_side,
    commodityName: row.commodity_name,
    status: row.status,
    currentVersion: row.current_version,
    myRole: owner ? 'owner' : 'counterparty',
    counterparty: owner
      ? { id: row.counterparty_company_id, name: row.counterparty_name, verified: row.counterparty_verified ?? false }
      : { id: row.owner_company_id, name: row.owner_name, verified: row.owner_verified ?? false },
    yourTurn: row.status === 'open' && row.proposed_by_company_id !== viewerCompanyId,
    latestTerms: termsOf(row.terms),
    expiresAt: row.expires_at_iso,
    contractId: row.contract_id,
    updatedAt: row.updated_at_iso,
  };
}

/** The negotiations on one offer the viewer may see: the owner every one, another company its own. */
export async function negotiationSummariesOf(db: Executor, viewerCompanyId: string, offerId: string): Promise<NegotiationSummary[]> {
  const rows = await selectNegotiationSummaries(db, viewerCompanyId)
    .where('n.offer_id', '=', offerId)
    .orderBy('n.updated_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  return rows.map((row) => toNegotiationSummary(row, viewerCompanyId));
}

export async function getNegotiation(ctx: ServiceContext, actor: CompanyActor, negotiationId: string): Promise<NegotiationView> {
  const { db } = ctx.deps;
  const row = await selectNegotiationSummaries(db, actor.companyId).where('n.id', '=', negotiationId).executeTakeFirst();
  if (!row) throw notFound('Negotiation');
  const [offers, rounds] = await Promise.all([
    offerSummariesOf(db, actor.companyId, [row.offer_id]),
    db
      .selectFrom('negotiation_rounds as r')
      .select((eb) => [
        'r.version',
        'r.company_id',
        'r.terms',
        'r.message',
        companyNameOf(eb.ref('r.company_id')).as('company_name'),
        isoTimestamp(eb.ref('r.created_at')).as('created_at'),
      ])
      .where('r.negotiation_id', '=', row.id)
      .orderBy('r.version')
      .execute(),
  ]);
  const offer = offers.get(row.offer_id);
  if (!offer) throw notFound('Negotiation');
  const terms = rounds.map((round) => termsOf(round.terms));
  const state = negotiationState(row, ctx.deps.clock.now());
  // A member who may only read sees no action to take.
  const allowedActions = actor.permissions.has('tradedesk:write')
    ? allowedNegotiationActions(state, machineActor(row, actor.companyId))
    : [];
  return {
    ...toNegotiationSummary(row, actor.companyId),
    offer,
    rounds: rounds.map((round, index) => ({
      version: round.version,
      byCompany: { id: round.company_id, name: round.company_name },
      byYou: round.company_id === actor.companyId,
      terms: terms[index] as NonNullable<(typeof terms)[number]>,
      changes:
        index === 0
          ? []
          : termsChanges(terms[index - 1] as NonNullable<(typeof terms)[number]>, terms[index] as NonNullable<(typeof terms)[number]>),
      message: round.message,
      createdAt: round.created_at,
    })),
    allowedActions,
    endReason: row.end_reason,
  };
}

/** `mine`: on the caller's offers; `theirs`: those it opened on others' offers. Latest activity first. */
export async function listNegotiations(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: NegotiationListInput,
): Promise<Page<NegotiationSummary>> {
  const { companyId } = actor;
  let query = selectNegotiationSummaries(ctx.deps.db, companyId);
  if (input.role === 'mine') query = query.where('n.owner_company_id', '=', companyId);
  if (input.role === 'theirs') query = query.where('n.counterparty_company_id', '=', companyId);
  if (input.status) query = query.where('n.status', '=', input.status);
  if (input.offerId) query = query.where('n.offer_id', '=', input.offerId);
  if (input.cursor) {
    const cursor = input.cursor;
    const ours = (alias: string) =>
      sql<SqlBool>`(${sql.ref(`${alias}.owner_company_id`)} = ${companyId} or ${sql.ref(`${alias}.counterparty_company_id`)} = ${companyId})`;
    query = query.where(
      afterCursorRow(cursor, { name: 'negotiations', alias: 'n' }, (alias) => sql.ref(`${alias}.updated_at`), 'desc', ours),
    );
  }
  const rows = await query
    .orderBy('n.updated_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit).map((row) => toNegotiationSummary(row, companyId));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}
