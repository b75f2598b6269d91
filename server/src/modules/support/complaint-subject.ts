import type { Executor } from '@tradeloom/db';
import type { ComplaintAboutType } from '@tradeloom/shared';
import { appError, notFound } from '../../trpc/errors.ts';
import { findContractParties } from '../contracts/contract-parties.ts';
import { findDeliveryParties } from '../deliveries/deliveries.service.ts';
import { findPartyOrder } from '../orders/orders.repository.ts';

// The document a complaint is about, read through the module that owns it: only the buyer of
// that document may complain about it, and the supplier must hold it too.

export interface ComplaintSubject {
  buyerCompanyId: string;
  supplierCompanyId: string;
  /** The buyer's own number of the document: its PO-… or PC-…. */
  document: string;
  currency: string;
}

const LABEL: Record<ComplaintAboutType, string> = { order: 'Order', contract: 'Contract', delivery: 'Delivery', invoice: 'Invoice' };

/** The document as the caller (its buyer) holds it; anyone else's, or one that does not exist, is not found. */
export async function findComplaintSubject(
  db: Executor,
  buyerCompanyId: string,
  about: { type: ComplaintAboutType; id: string },
): Promise<ComplaintSubject> {
  if (about.type === 'order') {
    const order = await findPartyOrder(db, about.id, buyerCompanyId).executeTakeFirst();
    if (!order || order.buyer_company_id !== buyerCompanyId || !order.buyer_number) throw notFound(LABEL.order);
    // A draft the supplier never received is no grievance of theirs yet.
    if (!order.supplier_number) {
      throw appError(
        'CONFLICT',
        'ILLEGAL_TRANSITION',
        'The supplier has not received this order yet; submit it before filing a complaint.',
      );
    }
    return { buyerCompanyId, supplierCompanyId: order.supplier_company_id, document: order.buyer_number, currency: order.currency };
  }
  if (about.type === 'contract') {
    const contract = await findContractParties(db, about.id);
    if (!contract || contract.buyerCompanyId !== buyerCompanyId) throw notFound(LABEL.contract);
    return { buyerCompanyId, supplierCompanyId: contract.sellerCompanyId, document: contract.buyerNumber, currency: contract.currency };
  }
  if (about.type === 'delivery') {
    const delivery = await findDeliveryParties(db, about.id);
    const order = delivery?.orderId ? await findPartyOrder(db, delivery.orderId, buyerCompanyId).executeTakeFirst() : undefined;
    if (!delivery || delivery.buyerCompanyId !== buyerCompanyId || !order) throw notFound(LABEL.delivery);
    return { buyerCompanyId, supplierCompanyId: delivery.supplierCompanyId, document: delivery.number, currency: order.currency };
  }
  // Invoices have no records on Tradeloom yet (the logistics and finance issues
  // add them); until then none can be found.
  throw notFound(LABEL[about.type]);
}

/** Where the document's page is, for the complaint's link; none for types without pages yet. */
export function subjectLinkPath(type: ComplaintAboutType, id: string): string | null {
  if (type === 'order') return `/orders/${id}`;
  if (type === 'contract') return `/contracts/${id}`;
  if (type === 'delivery') return `/deliveries/${id}`;
  return null;
}
