import type { Executor } from '@tradeloom/db';
import type { OrderSide } from '@tradeloom/shared';

/** The head office (or first) branch's state code: it decides CGST+SGST versus IGST. */
export async function partyTaxProfile(db: Executor, companyId: string) {
  const company = await db
    .selectFrom('companies')
    .select(['country', 'base_currency', 'order_approval_threshold'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const branch = await db
    .selectFrom('branches')
    .select('state_code')
    .where('company_id', '=', companyId)
    .orderBy('is_head_office', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return {
    country: company.country,
    stateCode: branch?.state_code ?? null,
    currency: company.base_currency,
    threshold: company.order_approval_threshold,
  };
}

/** An accepted link between these two companies in these roles. */
export async function linkAccepted(db: Executor, buyerId: string, supplierId: string): Promise<boolean> {
  const link = await db
    .selectFrom('partner_links')
    .select('id')
    .where('buyer_company_id', '=', buyerId)
    .where('supplier_company_id', '=', supplierId)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  return link !== undefined;
}

/**
 * An order as one party may see it. A party sees an order once it holds its own number for it:
 * the creating side from the start, the other side from the moment the order was submitted to
 * it (a draft cancelled before that stays the creator's). Anything else is not found.
 */
export function findPartyOrder(db: Executor, orderId: string, companyId: string) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .where((eb) =>
      eb.or([
        eb.and([eb('buyer_company_id', '=', companyId), eb('buyer_number', 'is not', null)]),
        eb.and([eb('supplier_company_id', '=', companyId), eb('supplier_number', 'is not', null)]),
      ]),
    );
}

/** The companies that can see the order now: the audience of its live updates. */
export function partiesSeeing(order: {
  buyer_company_id: string;
  supplier_company_id: string;
  buyer_number: string | null;
  supplier_number: string | null;
}): string[] {
  return [...(order.buyer_number ? [order.buyer_company_id] : []), ...(order.supplier_number ? [order.supplier_company_id] : [])];
}

export function sideIn(order: { buyer_company_id: string }, companyId: string): OrderSide {
  return order.buyer_company_id === companyId ? 'buyer' : 'supplier';
}
