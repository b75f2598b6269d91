import type { Executor } from '@tradeloom/db';

// A complaint's two parties and its number, for another module that keys records to a complaint
// (conversations). Both parties know a complaint by the one number the buyer gave it.

export function complaintParties(db: Executor, complaintId: string) {
  return db
    .selectFrom('complaints')
    .select(['buyer_company_id as buyerCompanyId', 'supplier_company_id as supplierCompanyId', 'number'])
    .where('id', '=', complaintId)
    .executeTakeFirst();
}
