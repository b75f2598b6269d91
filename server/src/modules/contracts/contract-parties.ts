import type { Executor } from '@tradeloom/db';
import { commodityNameOf } from '../catalog/catalog-lookups.ts';

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

/** The HSN code a contract's commodity is invoiced under (GST tariff chapter 52 for cotton). */
export const COMMODITY_HSN: Readonly<Record<string, string>> = {
  'cotton-lint': '5201',
  'cotton-yarn': '5205',
  'grey-fabric': '5208',
  'finished-fabric': '5208',
  'cotton-seed': '1207',
};

/**
 * What finance needs of a contract to invoice it: its parties, each side's number, the commodity
 * with its HSN code, quantity unit, price per `priceUnit`, currency and payment days. One party
 * reaches it (anyone else: undefined); `lock` holds the row until the caller's transaction ends,
 * so concurrent invoices against one contract queue up.
 */
export async function findContractForInvoicing(db: Executor, contractId: string, companyId: string, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('contracts')
    .select((eb) => [
      'contracts.id',
      'contracts.seller_company_id as sellerCompanyId',
      'contracts.buyer_company_id as buyerCompanyId',
      'contracts.seller_number as sellerNumber',
      'contracts.buyer_number as buyerNumber',
      'contracts.commodity_code as commodityCode',
      commodityNameOf(eb.ref('contracts.commodity_code')).as('commodityName'),
      'contracts.unit',
      'contracts.price',
      'contracts.price_unit as priceUnit',
      'contracts.currency',
      'contracts.payment_days as paymentDays',
      'contracts.status',
    ])
    .where('contracts.id', '=', contractId)
    .where((eb) => eb.or([eb('contracts.seller_company_id', '=', companyId), eb('contracts.buyer_company_id', '=', companyId)]));
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { ...row, hsnCode: COMMODITY_HSN[row.commodityCode] ?? null } : undefined;
}

/** The contract numbers of `contractIds`, each side's, for invoices that name their contract. */
export async function contractNumbersOf(db: Executor, contractIds: string[]) {
  if (!contractIds.length) return [];
  return db
    .selectFrom('contracts')
    .select(['id', 'seller_number as sellerNumber', 'buyer_number as buyerNumber'])
    .where('id', 'in', contractIds)
    .execute();
}
