import type { Executor } from '@tradeloom/db';
import type { commodityMaster, TermKind } from '@tradeloom/shared';
import type { z } from 'zod';
import { commodityList } from '../catalog/catalog-lookups.ts';
import { inForceFor, selectCommissionStructures, selectQualityParameters, selectTerms, selectVarieties } from './master-rows.ts';

// The masters as other modules read them (offers, lots, the parser, matching, contracts): the
// rows in force for one company (its own overriding the platform's by code), inactive ones left
// out. Call these instead of querying the masters' tables.

/**
 * Commodities with their varieties and quality parameters in force for the company.
 * `includeInactive` keeps deactivated rows (the settings screens show them); no company, the
 * platform's defaults alone.
 */
export async function commodityMastersFor(
  db: Executor,
  companyId: string | null,
  options: { includeInactive?: boolean; commodityCodes?: string[] } = {},
): Promise<z.infer<typeof commodityMaster>[]> {
  const [commodities, varieties, parameters] = await Promise.all([
    commodityList(db, options.commodityCodes),
    selectVarieties(db)
      .where(inForceFor('commodity_varieties', companyId))
      .$if(!options.includeInactive, (q) => q.where('commodity_varieties.active', '=', true))
      .$if(options.commodityCodes !== undefined, (q) => q.where('commodity_varieties.commodity_code', 'in', options.commodityCodes ?? []))
      .orderBy('commodity_varieties.name')
      .orderBy('commodity_varieties.code')
      .execute(),
    selectQualityParameters(db)
      .where(inForceFor('quality_parameters', companyId))
      .$if(!options.includeInactive, (q) => q.where('quality_parameters.active', '=', true))
      .$if(options.commodityCodes !== undefined, (q) => q.where('quality_parameters.commodity_code', 'in', options.commodityCodes ?? []))
      .orderBy('quality_parameters.sort_order')
      .orderBy('quality_parameters.code')
      .execute(),
  ]);
  return commodities.map((commodity) => ({
    code: commodity.code,
    name: commodity.name,
    varieties: varieties.filter((variety) => variety.commodityCode === commodity.code),
    parameters: parameters.filter((parameter) => parameter.commodityCode === commodity.code),
  }));
}

export interface QualityLimit {
  name: string;
  unit: string;
  /** The allowed range, decimal strings. */
  min: string;
  max: string;
}

/** The active quality parameters of a commodity for the company: code → name, unit, allowed range. */
export async function qualityLimitsFor(db: Executor, companyId: string, commodityCode: string): Promise<Map<string, QualityLimit>> {
  const rows = await selectQualityParameters(db)
    .where(inForceFor('quality_parameters', companyId))
    .where('quality_parameters.active', '=', true)
    .where('quality_parameters.commodity_code', '=', commodityCode)
    .orderBy('quality_parameters.sort_order')
    .orderBy('quality_parameters.code')
    .execute();
  return new Map(rows.map((row) => [row.code, { name: row.name, unit: row.unit, min: row.minAllowed, max: row.maxAllowed }]));
}

/** The active variety of the commodity with this code, as the company sees it; undefined if none. */
export function varietyOf(db: Executor, companyId: string, commodityCode: string, code: string) {
  return selectVarieties(db)
    .where(inForceFor('commodity_varieties', companyId))
    .where('commodity_varieties.active', '=', true)
    .where('commodity_varieties.commodity_code', '=', commodityCode)
    .where('commodity_varieties.code', '=', code)
    .executeTakeFirst();
}

/** The active trade term of this kind and code, as the company sees it; undefined if none. */
export async function termOf(
  db: Executor,
  companyId: string,
  kind: TermKind,
  code: string,
): Promise<{ code: string; name: string; body: string; paymentDays: number | null } | undefined> {
  const term = await selectTerms(db)
    .where(inForceFor('trade_terms', companyId))
    .where('trade_terms.active', '=', true)
    .where('trade_terms.kind', '=', kind)
    .where('trade_terms.code', '=', code)
    .executeTakeFirst();
  return term && { code: term.code, name: term.name, body: term.body, paymentDays: term.paymentDays };
}

/** The company's own commission structure with this id (active or not); undefined for anyone else's. */
export function commissionStructureOf(db: Executor, companyId: string, id: string) {
  return selectCommissionStructures(db)
    .where('commission_structures.company_id', '=', companyId)
    .where('commission_structures.id', '=', id)
    .executeTakeFirst();
}
