import type { Database, Executor } from '@tradeloom/db';
import type { OrderSide } from '@tradeloom/shared';
import type { ExpressionBuilder } from 'kysely';

export interface PartyTaxProfile {
  country: string;
  /** The head office (or first) branch's state code: it decides CGST+SGST versus IGST. */
  stateCode: string | null;
  currency: string;
  threshold: string | null;
}

/** Both parties' tax profiles in one round trip. */
export async function partyTaxProfiles(db: Executor, buyerId: string, supplierId: string) {
  const rows = await db
    .selectFrom('companies as c')
    .select((eb) => [
      'c.id',
      'c.country',
      'c.base_currency',
      'c.order_approval_threshold',
      eb
        .selectFrom('branches as b')
        .select('b.state_code')
        .whereRef('b.company_id', '=', 'c.id')
        .orderBy('b.is_head_office', 'desc')
        .orderBy('b.created_at')
        .limit(1)
        .as('state_code'),
    ])
    .where('c.id', 'in', [buyerId, supplierId])
    .execute();
  const profile = (id: string): PartyTaxProfile => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`company ${id} not found`);
    return { country: row.country, stateCode: row.state_code, currency: row.base_currency, threshold: row.order_approval_threshold };
  };
  return { buyer: profile(buyerId), supplier: profile(supplierId) };
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
  return db.selectFrom('orders').selectAll('orders').where('orders.id', '=', orderId).where(visibleTo(companyId));
}

/** The visibility rule as a condition on `orders`, for queries that reach orders through a join. */
export function visibleTo(companyId: string) {
  return (eb: ExpressionBuilder<Database, 'orders'>) =>
    eb.or([
      eb.and([eb('orders.buyer_company_id', '=', companyId), eb('orders.buyer_number', 'is not', null)]),
      eb.and([eb('orders.supplier_company_id', '=', companyId), eb('orders.supplier_number', 'is not', null)]),
    ]);
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
