import type { Executor } from '@tradeloom/db';
import { type NegotiationTerms, type negotiationSummary, negotiationTerms } from '@tradeloom/shared';
import type { z } from 'zod';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { companyNameOf, companyVerifiedOf } from '../companies/company-reads.ts';

// The negotiations an offer's page lists: the owner sees every one on its offer, another company
// only those it opened. Rounds and diffs are the negotiation screen's (negotiation-reads.ts).

type NegotiationSummary = z.infer<typeof negotiationSummary>;

export async function negotiationSummariesFor(
  db: Executor,
  viewerCompanyId: string,
  offer: { id: string; number: string; side: 'buy' | 'sell'; company_id: string; commodity_name: string },
): Promise<NegotiationSummary[]> {
  const mine = offer.company_id === viewerCompanyId;
  let query = db
    .selectFrom('negotiations as n')
    .innerJoin('negotiation_rounds as r', (join) =>
      join.onRef('r.negotiation_id', '=', 'n.id').onRef('r.version', '=', 'n.current_version'),
    )
    .select((eb) => [
      'n.id',
      'n.status',
      'n.current_version',
      'n.counterparty_company_id',
      'n.proposed_by_company_id',
      'n.contract_id',
      'r.terms',
      companyNameOf(eb.ref('n.counterparty_company_id')).as('counterparty_name'),
      companyVerifiedOf(eb.ref('n.counterparty_company_id')).as('counterparty_verified'),
      companyNameOf(eb.ref('n.owner_company_id')).as('owner_name'),
      companyVerifiedOf(eb.ref('n.owner_company_id')).as('owner_verified'),
      isoTimestamp(eb.ref('n.expires_at')).as('expires_at'),
      isoTimestamp(eb.ref('n.updated_at')).as('updated_at'),
    ])
    .where('n.offer_id', '=', offer.id);
  if (!mine) query = query.where('n.counterparty_company_id', '=', viewerCompanyId);
  const rows = await query.orderBy('n.updated_at', 'desc').orderBy('n.id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    offerId: offer.id,
    offerNumber: offer.number,
    offerSide: offer.side,
    commodityName: offer.commodity_name,
    status: row.status,
    currentVersion: row.current_version,
    myRole: mine ? 'owner' : 'counterparty',
    counterparty: mine
      ? { id: row.counterparty_company_id, name: row.counterparty_name, verified: row.counterparty_verified ?? false }
      : { id: offer.company_id, name: row.owner_name, verified: row.owner_verified ?? false },
    yourTurn: row.status === 'open' && row.proposed_by_company_id !== viewerCompanyId,
    latestTerms: negotiationTerms.parse(row.terms) as NegotiationTerms,
    expiresAt: row.expires_at,
    contractId: row.contract_id,
    updatedAt: row.updated_at,
  }));
}
