import type { Executor } from '@tradeloom/db';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';

// The masters as rows in force for one company: a platform row (no company) applies unless the
// company saved its own row with the same key, which replaces it for that company only. One
// condition for every read, so lists, lookups and saves cannot disagree about which row wins.

/** Master tables keyed by (scope, code) within a commodity or a kind. */
export type OverridableTable = 'commodity_varieties' | 'quality_parameters' | 'trade_locations' | 'trade_terms';

/** The column that, with `code`, names a row within its scope. */
export const GROUP_COLUMN = {
  commodity_varieties: 'commodity_code',
  quality_parameters: 'commodity_code',
  trade_locations: 'kind',
  trade_terms: 'kind',
} as const satisfies Record<OverridableTable, string>;

/**
 * The table's rows that apply to the company: its own, and the platform's it has not overridden.
 * Inactive rows stay in (the caller filters `active`): a company's inactive row hides the
 * platform's default of the same code. With no company (operators' screens): the defaults alone.
 */
export function inForceFor(table: OverridableTable, companyId: string | null): RawBuilder<SqlBool> {
  const group = GROUP_COLUMN[table];
  const own = sql.ref(`${table}.company_id`);
  if (companyId === null) return sql<SqlBool>`${own} is null`;
  return sql<SqlBool>`(${own} = ${companyId} or (${own} is null and not exists (
    select 1 from ${sql.table(table)} as o
    where o.company_id = ${companyId} and o.${sql.ref(group)} = ${sql.ref(`${table}.${group}`)} and o.code = ${sql.ref(`${table}.code`)})))`;
}

/** `platform` for a default, `company` for the company's own row. */
function originOf(table: OverridableTable) {
  return sql<'platform' | 'company'>`case when ${sql.ref(`${table}.company_id`)} is null then 'platform' else 'company' end`.as('origin');
}

export function selectVarieties(db: Executor) {
  return db
    .selectFrom('commodity_varieties')
    .select([
      'commodity_varieties.id',
      originOf('commodity_varieties'),
      'commodity_varieties.active',
      'commodity_varieties.version',
      isoTimestamp(sql.ref<Date>('commodity_varieties.updated_at')).as('updatedAt'),
      'commodity_varieties.commodity_code as commodityCode',
      'commodity_varieties.code',
      'commodity_varieties.name',
      'commodity_varieties.aliases',
    ]);
}

export function selectQualityParameters(db: Executor) {
  return db
    .selectFrom('quality_parameters')
    .select([
      'quality_parameters.id',
      originOf('quality_parameters'),
      'quality_parameters.active',
      'quality_parameters.version',
      isoTimestamp(sql.ref<Date>('quality_parameters.updated_at')).as('updatedAt'),
      'quality_parameters.commodity_code as commodityCode',
      'quality_parameters.code',
      'quality_parameters.name',
      'quality_parameters.unit',
      'quality_parameters.min_allowed as minAllowed',
      'quality_parameters.max_allowed as maxAllowed',
      'quality_parameters.sort_order as sortOrder',
    ]);
}

export function selectLocations(db: Executor) {
  return db
    .selectFrom('trade_locations')
    .select([
      'trade_locations.id',
      originOf('trade_locations'),
      'trade_locations.active',
      'trade_locations.version',
      isoTimestamp(sql.ref<Date>('trade_locations.updated_at')).as('updatedAt'),
      'trade_locations.kind',
      'trade_locations.code',
      'trade_locations.name',
      'trade_locations.state_code as stateCode',
      'trade_locations.city',
      'trade_locations.address',
    ]);
}

export function selectTerms(db: Executor) {
  return db
    .selectFrom('trade_terms')
    .select([
      'trade_terms.id',
      originOf('trade_terms'),
      'trade_terms.active',
      'trade_terms.version',
      isoTimestamp(sql.ref<Date>('trade_terms.updated_at')).as('updatedAt'),
      'trade_terms.kind',
      'trade_terms.code',
      'trade_terms.name',
      'trade_terms.body',
      'trade_terms.payment_days as paymentDays',
    ]);
}

export function selectCommissionStructures(db: Executor) {
  return db
    .selectFrom('commission_structures')
    .select([
      'commission_structures.id',
      'commission_structures.name',
      'commission_structures.broker_company_id as brokerCompanyId',
      'commission_structures.broker_name as brokerName',
      'commission_structures.basis',
      'commission_structures.rate',
      'commission_structures.seller_share_pct as sellerSharePct',
      'commission_structures.active',
      'commission_structures.version',
    ]);
}
