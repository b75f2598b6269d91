import type { Executor } from '@tradeloom/db';
import {
  KG_PER_UNIT,
  type OfferSummary,
  type OfferView,
  type offerListInput,
  type Page,
  type QualityRanges,
  type TradeUnit,
  transitionOffer,
} from '@tradeloom/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, escapeLike, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { commodityNameOf } from '../catalog/catalog-lookups.ts';
import { companyNameOf, companyVerifiedOf } from '../companies/company-reads.ts';
import { varietyNameOf } from '../masters/variety-names.ts';
import { lotSummariesOf } from './lot-reads.ts';
import { negotiationSummariesOf } from './negotiation-reads.ts';
import { LIVE_OFFER_STATUSES, selectVisibleOffers } from './offer-records.ts';
import { qualityRangesOf } from './trade-quality.ts';

// Reading offers: always through `selectVisibleOffers`, so a hidden offer is simply absent (NOT_FOUND
// on get). The owner's notes and source text never reach another company.

type OfferListInput = z.output<typeof offerListInput>;

/**
 * The offers `viewerCompanyId` may see, with what a summary shows (owner's name and standing,
 * commodity and variety names, lot number, running negotiations). Narrow it with `.where` on
 * `o.*` and map rows with `toOfferSummary`: matches and negotiation reads use it too.
 */
export function selectOfferSummaries(db: Executor, viewerCompanyId: string) {
  return selectVisibleOffers(db, viewerCompanyId)
    .leftJoin('lots as ol', 'ol.id', 'o.lot_id')
    .selectAll('o')
    .select((eb) => [
      'ol.number as lot_number',
      companyNameOf(eb.ref('o.company_id')).as('company_name'),
      companyVerifiedOf(eb.ref('o.company_id')).as('company_verified'),
      commodityNameOf(eb.ref('o.commodity_code')).as('commodity_name'),
      varietyNameOf(eb.ref('o.company_id'), eb.ref('o.commodity_code'), eb.ref('o.variety_code')).as('variety_name'),
      eb
        .selectFrom('negotiations as ng')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('ng.offer_id', '=', 'o.id')
        .where('ng.status', '=', 'open')
        .as('open_negotiations'),
      isoTimestamp(eb.ref('o.valid_until')).as('valid_until_iso'),
      isoTimestamp(eb.ref('o.created_at')).as('created_at_iso'),
      isoTimestamp(eb.ref('o.updated_at')).as('updated_at_iso'),
    ]);
}

export type OfferSummaryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectOfferSummaries>['executeTakeFirst']>>>;

export function toOfferSummary(row: OfferSummaryRow, viewerCompanyId: string): OfferSummary {
  return {
    id: row.id,
    number: row.number,
    side: row.side,
    status: row.status,
    company: { id: row.company_id, name: row.company_name, verified: row.company_verified ?? false },
    mine: row.company_id === viewerCompanyId,
    commodityCode: row.commodity_code,
    commodityName: row.commodity_name,
    varietyCode: row.variety_code,
    varietyName: row.variety_name,
    lotId: row.lot_id,
    lotNumber: row.lot_number,
    quantity: row.quantity,
    remainingQuantity: row.remaining_quantity,
    unit: row.unit,
    price: row.price,
    currency: row.currency,
    priceUnit: row.price_unit,
    quality: qualityRangesOf(row.quality),
    deliveryStateCode: row.delivery_state_code,
    deliveryCity: row.delivery_city,
    deliveryTerm: row.delivery_term,
    deliveryFrom: row.delivery_from,
    deliveryTo: row.delivery_to,
    paymentDays: row.payment_days,
    paymentTerm: row.payment_term,
    validUntil: row.valid_until_iso,
    visibility: row.visibility,
    openNegotiations: Number(row.open_negotiations ?? 0),
    createdAt: row.created_at_iso,
  };
}

/** Summaries of the offers among `offerIds` the viewer may see (others are left out). */
export async function offerSummariesOf(db: Executor, viewerCompanyId: string, offerIds: string[]): Promise<Map<string, OfferSummary>> {
  if (!offerIds.length) return new Map();
  const rows = await selectOfferSummaries(db, viewerCompanyId).where('o.id', 'in', offerIds).execute();
  return new Map(rows.map((row) => [row.id, toOfferSummary(row, viewerCompanyId)]));
}

export async function getOffer(ctx: ServiceContext, actor: CompanyActor, offerId: string): Promise<OfferView> {
  const { db } = ctx.deps;
  const row = await selectOfferSummaries(db, actor.companyId).where('o.id', '=', offerId).executeTakeFirst();
  if (!row) throw notFound('Offer');
  const mine = row.company_id === actor.companyId;
  const state = { status: row.status, pastValidity: row.valid_until.getTime() <= ctx.deps.clock.now().getTime() };
  const lot = row.lot_id ? ((await lotSummariesOf(db, [row.lot_id])).get(row.lot_id) ?? null) : null;
  const negotiations = await negotiationSummariesOf(db, actor.companyId, row.id);
  const openByMe = negotiations.some((n) => n.myRole === 'counterparty' && n.status === 'open');
  return {
    ...toOfferSummary(row, actor.companyId),
    notes: mine ? row.notes : null,
    sourceText: mine ? row.source_text : null,
    version: row.version,
    lot,
    negotiations,
    canWithdraw: transitionOffer(state, 'withdraw', mine ? 'owner' : 'other').ok,
    canNegotiate: transitionOffer(state, 'negotiate', mine ? 'owner' : 'other').ok && !openByMe,
    updatedAt: row.updated_at_iso,
  };
}

/** Kilograms in one `unit` of the column, as SQL: the constants of shared/src/tradedesk/units.ts. */
function kgPerUnitOf(unit: Expression<TradeUnit>): RawBuilder<string> {
  const cases = Object.entries(KG_PER_UNIT).map(([name, kg]) => sql`when ${name} then ${sql.lit(kg)}::numeric`);
  return sql<string>`(case ${unit} ${sql.join(cases, sql` `)} end)`;
}

/**
 * The offer's price compared with `bound` (given per `boundUnit`) without dividing: price per
 * price unit × kg per bound unit against bound × kg per price unit.
 */
function priceComparedTo(op: '>=' | '<=', bound: string, boundUnit: TradeUnit): RawBuilder<SqlBool> {
  const left = sql`o.price * ${sql.lit(KG_PER_UNIT[boundUnit])}::numeric`;
  const right = sql`${bound}::numeric * ${kgPerUnitOf(sql.ref('o.price_unit'))}`;
  return sql<SqlBool>`${left} ${sql.raw(op)} ${right}`;
}

/**
 * An offer meets a quality filter when, for every filtered parameter, its range overlaps the
 * filter's (an open end reaches anything); an offer that states no range for it is judged by its
 * lot's measured value, and passes when it has none: it asks nothing of that parameter.
 */
function qualityOverlaps(ranges: QualityRanges): RawBuilder<SqlBool>[] {
  return Object.entries(ranges).map(([code, range]) => {
    const end = (which: 'min' | 'max') => sql`(o.quality -> ${code} ->> ${which})::numeric`;
    const lotValue = sql`(ol.quality ->> ${code})::numeric`;
    const min = range.min === undefined ? null : sql`${range.min}::numeric`;
    const max = range.max === undefined ? null : sql`${range.max}::numeric`;
    const rangeOk = sql.join(
      [
        max ? sql`(${end('min')} is null or ${end('min')} <= ${max})` : sql`true`,
        min ? sql`(${end('max')} is null or ${end('max')} >= ${min})` : sql`true`,
      ],
      sql` and `,
    );
    const valueOk = sql.join([max ? sql`${lotValue} <= ${max}` : sql`true`, min ? sql`${lotValue} >= ${min}` : sql`true`], sql` and `);
    return sql<SqlBool>`(case when o.quality -> ${code} is not null then (${rangeOk}) when ${lotValue} is not null then (${valueOk}) else true end)`;
  });
}

/**
 * `desk`: other companies' live offers the caller may see; `mine`: the caller's own, any status.
 * Newest first, keyset-paged; prices filtered in the filter's unit, converted in SQL.
 */
export async function listOffers(ctx: ServiceContext, actor: CompanyActor, input: OfferListInput): Promise<Page<OfferSummary>> {
  const { db } = ctx.deps;
  const { companyId } = actor;
  let query = selectOfferSummaries(db, companyId);
  if (input.scope === 'mine') query = query.where('o.company_id', '=', companyId);
  else {
    // Past its validity an offer takes no negotiation: off the desk before the clock gets to it.
    query = query
      .where('o.company_id', '!=', companyId)
      .where('o.status', 'in', LIVE_OFFER_STATUSES)
      .where('o.valid_until', '>', ctx.deps.clock.now());
  }
  if (input.status) query = query.where('o.status', '=', input.status);
  if (input.side) query = query.where('o.side', '=', input.side);
  if (input.commodity) query = query.where('o.commodity_code', '=', input.commodity);
  if (input.variety) query = query.where('o.variety_code', '=', input.variety);
  if (input.stateCode) query = query.where('o.delivery_state_code', '=', input.stateCode);
  if (input.city) query = query.where(sql`lower(o.delivery_city)`, '=', input.city.toLowerCase());
  if (input.priceMin) query = query.where(priceComparedTo('>=', input.priceMin, input.priceUnit));
  if (input.priceMax) query = query.where(priceComparedTo('<=', input.priceMax, input.priceUnit));
  for (const condition of qualityOverlaps(input.quality ?? {})) query = query.where(condition);
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('o.number', 'ilike', pattern),
        eb('o.variety_code', 'ilike', pattern),
        eb('o.delivery_city', 'ilike', pattern),
        eb(companyNameOf(eb.ref('o.company_id')), 'ilike', pattern),
      ]),
    );
  }
  if (input.cursor) {
    // The cursor's row must be one the caller may see: a hidden offer's id positions nothing.
    const visibleIds = selectVisibleOffers(db, companyId).select('o.id');
    query = query.where(
      afterCursorRow(
        input.cursor,
        { name: 'trade_offers', alias: 'o' },
        (alias) => sql.ref(`${alias}.created_at`),
        'desc',
        (alias) => sql<SqlBool>`${sql.ref(`${alias}.id`)} in (${visibleIds})`,
      ),
    );
  }
  const rows = await query
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toOfferSummary(row, companyId)),
    nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null,
  };
}
