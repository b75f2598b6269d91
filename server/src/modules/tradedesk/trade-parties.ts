import type { Executor } from '@tradeloom/db';
import { selectVisibleOffers } from './offer-records.ts';

// Who takes part in an offer or a negotiation, for another module that keys records to them
// (conversations). An offer's parties are its owner and whoever may see it (the one visibility
// rule, selectVisibleOffers); a negotiation's are its two companies.

/** The offer's owner and number, if `viewerCompanyId` may see it; undefined otherwise. */
export function findVisibleOfferOwner(db: Executor, offerId: string, viewerCompanyId: string) {
  return selectVisibleOffers(db, viewerCompanyId)
    .select(['o.company_id as ownerCompanyId', 'o.number'])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
}

/** The companies that negotiated on an offer: the ones its owner already deals with. */
export async function offerCounterpartyIds(db: Executor, offerId: string): Promise<string[]> {
  const rows = await db.selectFrom('negotiations').select('counterparty_company_id').distinct().where('offer_id', '=', offerId).execute();
  return rows.map((row) => row.counterparty_company_id);
}

/** A negotiation's two companies and the offer number it is known by. */
export function findNegotiationParties(db: Executor, negotiationId: string) {
  return db
    .selectFrom('negotiations as n')
    .innerJoin('trade_offers as o', 'o.id', 'n.offer_id')
    .select(['n.owner_company_id as ownerCompanyId', 'n.counterparty_company_id as counterpartyCompanyId', 'o.number'])
    .where('n.id', '=', negotiationId)
    .executeTakeFirst();
}
