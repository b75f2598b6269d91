import { type Expression, type RawBuilder, sql } from 'kysely';

/**
 * The name of a variety as `companyId` sees it (its own row overriding the platform's by code,
 * inactive ones included: an old offer keeps its variety's name), as a scalar subquery; null when
 * the code is null or unknown.
 */
export function varietyNameOf(
  companyId: Expression<string>,
  commodityCode: Expression<string>,
  code: Expression<string | null>,
): RawBuilder<string | null> {
  return sql<string | null>`(select v.name from commodity_varieties as v
    where v.commodity_code = ${commodityCode} and v.code = ${code} and (v.company_id = ${companyId} or v.company_id is null)
    order by v.company_id nulls last limit 1)`;
}
