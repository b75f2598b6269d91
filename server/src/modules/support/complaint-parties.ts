import type { Executor } from '@tradeloom/db';

// Who a complaint is between, for other modules (a conversation about a complaint, its
// notifications) that must not read the complaints table themselves.

/** The buyer that filed it, the supplier it is against, and its number; undefined if there is no such complaint. */
export function complaintParties(
  db: Executor,
  complaintId: string,
): Promise<{ buyerCompanyId: string; supplierCompanyId: string; number: string } | undefined> {
  return db
    .selectFrom('complaints')
    .select(['buyer_company_id as buyerCompanyId', 'supplier_company_id as supplierCompanyId', 'number'])
    .where('id', '=', complaintId)
    .executeTakeFirst();
}
