import type { Executor } from '@tradeloom/db';
import { type ContractSummary, type ContractView, type contractListInput, dec, type Page } from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, escapeLike, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { commodityNameOf } from '../catalog/catalog-lookups.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { varietyNameOf } from '../masters/variety-names.ts';
import { lotSummariesOf } from '../tradedesk/lot-reads.ts';
import { qualityRangesOf } from '../tradedesk/trade-quality.ts';

// Contracts as their two parties see them: each under its own number (the seller's SC-…, the
// buyer's PC-…), the other side's beside it. Anyone else's contract is NOT_FOUND.

type ContractListInput = z.output<typeof contractListInput>;

const isParty = (alias: string, companyId: string) =>
  sql<SqlBool>`(${sql.ref(`${alias}.seller_company_id`)} = ${companyId} or ${sql.ref(`${alias}.buyer_company_id`)} = ${companyId})`;

function selectPartyContracts(db: Executor, companyId: string) {
  return db
    .selectFrom('contracts as c')
    .selectAll('c')
    .select((eb) => [
      companyNameOf(eb.ref('c.seller_company_id')).as('seller_name'),
      companyNameOf(eb.ref('c.buyer_company_id')).as('buyer_name'),
      commodityNameOf(eb.ref('c.commodity_code')).as('commodity_name'),
      varietyNameOf(eb.ref('c.seller_company_id'), eb.ref('c.commodity_code'), eb.ref('c.variety_code')).as('variety_name'),
      isoTimestamp(eb.ref('c.signed_at')).as('signed_at_iso'),
    ])
    .where(isParty('c', companyId));
}

type ContractRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectPartyContracts>['executeTakeFirst']>>>;

function toSummary(row: ContractRow, companyId: string): ContractSummary {
  const seller = row.seller_company_id === companyId;
  return {
    id: row.id,
    number: seller ? row.seller_number : row.buyer_number,
    counterpartyNumber: seller ? row.buyer_number : row.seller_number,
    role: seller ? 'seller' : 'buyer',
    counterparty: seller ? { id: row.buyer_company_id, name: row.buyer_name } : { id: row.seller_company_id, name: row.seller_name },
    commodityCode: row.commodity_code,
    commodityName: row.commodity_name,
    varietyName: row.variety_name,
    quantity: row.quantity,
    unit: row.unit,
    price: row.price,
    currency: row.currency,
    priceUnit: row.price_unit,
    value: row.value,
    status: row.status,
    signedAt: row.signed_at_iso,
  };
}

export async function getContract(ctx: ServiceContext, actor: CompanyActor, contractId: string): Promise<ContractView> {
  const { db } = ctx.deps;
  const row = await selectPartyContracts(db, actor.companyId).where('c.id', '=', contractId).executeTakeFirst();
  if (!row) throw notFound('Contract');
  const [deliveries, commission, lots] = await Promise.all([
    db
      .selectFrom('contract_deliveries')
      .select(['seq', 'due_from as dueFrom', 'due_to as dueTo', 'quantity'])
      .where('contract_id', '=', row.id)
      .orderBy('seq')
      .execute(),
    db.selectFrom('contract_commissions').selectAll().where('contract_id', '=', row.id).executeTakeFirst(),
    row.lot_id ? lotSummariesOf(db, [row.lot_id]) : Promise.resolve(new Map()),
  ]);
  const seller = row.seller_company_id === actor.companyId;
  const lot = row.lot_id ? lots.get(row.lot_id) : undefined;
  const tolerance = dec(row.quantity).times(row.quantity_tolerance_pct).dividedBy(100);
  return {
    ...toSummary(row, actor.companyId),
    negotiationId: row.negotiation_id,
    offerId: row.offer_id,
    acceptedVersion: row.accepted_version,
    lot: lot ? { id: lot.id, number: lot.number, bales: lot.bales, quality: lot.quality } : null,
    quantityTolerancePct: row.quantity_tolerance_pct,
    quantityMin: dec(row.quantity).minus(tolerance).toFixed(3),
    quantityMax: dec(row.quantity).plus(tolerance).toFixed(3),
    quality: qualityRangesOf(row.quality),
    deliveryStateCode: row.delivery_state_code,
    deliveryCity: row.delivery_city,
    deliveryTerm: row.delivery_term,
    paymentDays: row.payment_days,
    paymentTerm: row.payment_term,
    termsCode: row.terms_code,
    termsText: row.terms_text,
    deliveries,
    commission: commission
      ? {
          brokerName: commission.broker_name,
          brokerCompanyId: commission.broker_company_id,
          basis: commission.basis,
          rate: commission.rate,
          sellerSharePct: commission.seller_share_pct,
          amount: commission.amount,
          sellerAmount: commission.seller_amount,
          buyerAmount: commission.buyer_amount,
          yourShare: seller ? commission.seller_amount : commission.buyer_amount,
        }
      : null,
  };
}

/** `sales`: the caller sells (its SC- numbers); `purchases`: it buys. Latest signed first. */
export async function listContracts(ctx: ServiceContext, actor: CompanyActor, input: ContractListInput): Promise<Page<ContractSummary>> {
  const { companyId } = actor;
  let query = selectPartyContracts(ctx.deps.db, companyId);
  if (input.role === 'sales') query = query.where('c.seller_company_id', '=', companyId);
  if (input.role === 'purchases') query = query.where('c.buyer_company_id', '=', companyId);
  if (input.status) query = query.where('c.status', '=', input.status);
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    const counterparty = sql<string>`(case when c.seller_company_id = ${companyId} then c.buyer_company_id else c.seller_company_id end)`;
    query = query.where(
      sql<SqlBool>`(c.seller_number ilike ${pattern} or c.buyer_number ilike ${pattern} or ${companyNameOf(counterparty)} ilike ${pattern})`,
    );
  }
  if (input.cursor) {
    query = query.where(
      afterCursorRow(
        input.cursor,
        { name: 'contracts', alias: 'c' },
        (alias) => sql.ref(`${alias}.signed_at`),
        'desc',
        (alias) => isParty(alias, companyId),
      ),
    );
  }
  const rows = await query
    .orderBy('c.signed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit).map((row) => toSummary(row, companyId));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** The company's own number of a contract it is party to (for notices), or undefined. */
export async function contractNumberFor(db: Executor, contractId: string, companyId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('contracts as c')
    .select(['c.seller_company_id', 'c.seller_number', 'c.buyer_number'])
    .where('c.id', '=', contractId)
    .where(isParty('c', companyId))
    .executeTakeFirst();
  return row && (row.seller_company_id === companyId ? row.seller_number : row.buyer_number);
}

/**
 * Brokerage a broker company is owed and has not billed yet: one row per contract, with both
 * parties' numbers and shares (finance raises the broker's bills from these).
 */
export function commissionsToBill(db: Executor, companyId: string) {
  return db
    .selectFrom('contract_commissions as cc')
    .innerJoin('contracts as c', 'c.id', 'cc.contract_id')
    .select((eb) => [
      'cc.id',
      'cc.contract_id as contractId',
      'c.seller_company_id as sellerCompanyId',
      'c.buyer_company_id as buyerCompanyId',
      companyNameOf(eb.ref('c.seller_company_id')).as('sellerName'),
      companyNameOf(eb.ref('c.buyer_company_id')).as('buyerName'),
      'c.seller_number as sellerNumber',
      'c.buyer_number as buyerNumber',
      'c.currency',
      'cc.basis',
      'cc.rate',
      'cc.amount',
      'cc.seller_amount as sellerAmount',
      'cc.buyer_amount as buyerAmount',
      isoTimestamp(eb.ref('c.signed_at')).as('signedAt'),
    ])
    .where('cc.broker_company_id', '=', companyId)
    .where('cc.billed_at', 'is', null)
    .where('c.status', '<>', 'cancelled')
    .orderBy('c.signed_at')
    .orderBy('cc.id')
    .execute();
}
