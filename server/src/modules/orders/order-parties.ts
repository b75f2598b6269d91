import type { Executor } from '@tradeloom/db';

// An order's parties and each one's own number, for another module that keys records to an
// order (conversations). A side sees the order once it holds its number (see findPartyOrder).

export function findOrderParties(db: Executor, orderId: string) {
  return db
    .selectFrom('orders')
    .select([
      'buyer_company_id as buyerCompanyId',
      'supplier_company_id as supplierCompanyId',
      'buyer_number as buyerNumber',
      'supplier_number as supplierNumber',
    ])
    .where('id', '=', orderId)
    .executeTakeFirst();
}
