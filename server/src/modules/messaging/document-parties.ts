import type { Executor } from '@tradeloom/db';
import type { ConversationAbout } from '@tradeloom/shared';
import { findContractParties } from '../contracts/contract-parties.ts';
import { findOrderParties } from '../orders/order-parties.ts';
import { findQuoteParties, findTenderParties } from '../sourcing/sourcing-parties.ts';
import { complaintParties } from '../support/complaint-parties.ts';
import { findNegotiationParties, findVisibleOfferOwner, offerCounterpartyIds } from '../tradedesk/trade-parties.ts';

// Who may talk about a document: each owner module says who its parties are, this file only
// combines the answers. A company that is no party gets null, which callers turn into NOT_FOUND.

export interface DocumentParties {
  /** The document as the asking company knows it: its own number (PO-/SO-, PC-/SC-…). */
  label: string;
  /** The asking company's page for it. */
  linkPath: string | null;
  /**
   * The companies the asking company may hold a conversation with about it, itself included.
   * For an offer seen by a non-owner: the owner only; for a tender seen by a supplier: the buyer
   * only (suppliers never learn of each other). For an offer's owner: those it negotiated with
   * (anyone who may see the offer can still reach it).
   */
  parties: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const two = (a: string, b: string, actor: string) => (actor === a || actor === b ? [a, b] : null);

export async function documentParties(db: Executor, about: ConversationAbout, actorCompanyId: string): Promise<DocumentParties | null> {
  // Every document id is a uuid; anything else names no document (and must not reach a uuid column).
  if (!UUID.test(about.id)) return null;
  const actor = actorCompanyId;
  switch (about.type) {
    case 'order': {
      const order = await findOrderParties(db, about.id);
      if (!order) return null;
      const seeing = [...(order.buyerNumber ? [order.buyerCompanyId] : []), ...(order.supplierNumber ? [order.supplierCompanyId] : [])];
      if (!seeing.includes(actor)) return null;
      const label = (actor === order.buyerCompanyId ? order.buyerNumber : order.supplierNumber) ?? '';
      return { label, linkPath: `/orders/${about.id}`, parties: seeing };
    }
    case 'tender': {
      const tender = await findTenderParties(db, about.id);
      if (!tender) return null;
      if (actor === tender.buyerCompanyId)
        return { label: tender.number, linkPath: `/tenders/${about.id}`, parties: [actor, ...tender.inviteeIds] };
      if (!tender.inviteeIds.includes(actor)) return null;
      return { label: tender.number, linkPath: `/quote-requests/${about.id}`, parties: [tender.buyerCompanyId, actor] };
    }
    case 'quote': {
      const quote = await findQuoteParties(db, about.id);
      const parties = quote && two(quote.buyerCompanyId, quote.supplierCompanyId, actor);
      if (!quote || !parties) return null;
      const buyer = actor === quote.buyerCompanyId;
      return {
        label: `Quote for ${quote.number}`,
        linkPath: buyer ? `/tenders/${quote.tenderId}` : `/quote-requests/${quote.tenderId}`,
        parties,
      };
    }
    case 'offer': {
      const offer = await findVisibleOfferOwner(db, about.id, actor);
      if (!offer) return null;
      const parties =
        actor === offer.ownerCompanyId ? [actor, ...(await offerCounterpartyIds(db, about.id))] : [offer.ownerCompanyId, actor];
      return { label: offer.number, linkPath: `/desk/offers/${about.id}`, parties };
    }
    case 'negotiation': {
      const negotiation = await findNegotiationParties(db, about.id);
      const parties = negotiation && two(negotiation.ownerCompanyId, negotiation.counterpartyCompanyId, actor);
      if (!negotiation || !parties) return null;
      return { label: `Negotiation on ${negotiation.number}`, linkPath: `/negotiations/${about.id}`, parties };
    }
    case 'contract': {
      // The broker of a contract is no party to its conversation.
      const contract = await findContractParties(db, about.id);
      const parties = contract && two(contract.sellerCompanyId, contract.buyerCompanyId, actor);
      if (!contract || !parties) return null;
      const label = actor === contract.sellerCompanyId ? contract.sellerNumber : contract.buyerNumber;
      return { label, linkPath: `/contracts/${about.id}`, parties };
    }
    case 'complaint': {
      const complaint = await complaintParties(db, about.id);
      const parties = complaint && two(complaint.buyerCompanyId, complaint.supplierCompanyId, actor);
      if (!complaint || !parties) return null;
      return { label: complaint.number, linkPath: `/complaints/${about.id}`, parties };
    }
    case 'invoice':
      // No invoices exist yet (the finance issue adds them): no one is a party.
      return null;
  }
}

/**
 * Whether two companies may be in one conversation about the document: both are parties, and one
 * counts the other among its counterparts (two suppliers of a tender never do, nor two strangers
 * who each saw the same desk offer).
 */
export async function mayTalkAbout(db: Executor, about: ConversationAbout, a: string, b: string): Promise<boolean> {
  // One after the other: inside a transaction both would queue on its one connection anyway.
  const ofA = await documentParties(db, about, a);
  const ofB = await documentParties(db, about, b);
  return ofA !== null && ofB !== null && (ofA.parties.includes(b) || ofB.parties.includes(a));
}
