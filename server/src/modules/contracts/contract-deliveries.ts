import type { Executor } from '@tradeloom/db';
import { type Expression, type RawBuilder, sql } from 'kysely';
import { commodityNameOf } from '../catalog/catalog-lookups.ts';

// What deliveries need of a contract (the contracts module owns the table): its parties, the
// quantity with its tolerance, and each side's number.

/**
 * A contract one party holds, its row locked until the caller's transaction ends: concurrent
 * dispatches against one contract queue up and never take it past its tolerance.
 */
export function lockPartyContract(trx: Executor, contractId: string, companyId: string) {
  return trx
    .selectFrom('contracts')
    .select((eb) => [
      'contracts.id',
      'contracts.seller_company_id as sellerCompanyId',
      'contracts.buyer_company_id as buyerCompanyId',
      'contracts.quantity',
      'contracts.unit',
      'contracts.quantity_tolerance_pct as tolerancePct',
      'contracts.status',
      commodityNameOf(eb.ref('contracts.commodity_code')).as('commodityName'),
    ])
    .where('contracts.id', '=', contractId)
    .where((eb) => eb.or([eb('contracts.seller_company_id', '=', companyId), eb('contracts.buyer_company_id', '=', companyId)]))
    .forUpdate()
    .executeTakeFirst();
}

/** A contract's number as one side knows it (the seller's SC, the buyer's PC), as a scalar subquery. */
export function contractNumberOf(contractId: Expression<string | null>, side: Expression<'supplier' | 'buyer'>): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select case when ${side} = 'supplier' then contracts.seller_number else contracts.buyer_number end from contracts where contracts.id = ${contractId})`;
}
