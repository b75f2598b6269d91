import type { Executor } from '@tradeloom/db';

// A contract's two parties and each one's own number, for the trade desk's notifications and
// the complaints a buyer files about it.

/** Seller and buyer with the number each keeps (`SC-…` the seller's, `PC-…` the buyer's) the contract's currency, value and status; undefined if there is no such contract. */
export function findContractParties(db: Executor, contractId: string) {
  return db
    .selectFrom('contracts')
    .select([
      'seller_company_id as sellerCompanyId',
      'buyer_company_id as buyerCompanyId',
      'seller_number as sellerNumber',
      'buyer_number as buyerNumber',
      'currency',
      'value',
      'status',
    ])
    .where('id', '=', contractId)
    .executeTakeFirst();
}
