import type { Executor } from '@tradeloom/db';
import type { MatchableOffer, MatchContext, MatchRange, OfferSide, TradeUnit } from '@tradeloom/shared';
import { dealCountsOf } from '../contracts/contract-stats.ts';
import { qualityLimitsFor } from '../masters/master-lookups.ts';

// What scoring needs besides the offers themselves, read once per request or job: the
// commodity's allowed quality ranges and each counterparty's standing.

/** Opposite offers scored per request: the newest this many, so a busy desk costs a bounded amount. */
export const MATCH_CANDIDATE_CAP = 200;

/** An offer row (`trade_offers as o`) with its lot's results and place (`lots as ol`, left-joined). */
export interface MatchRow {
  side: OfferSide;
  remaining_quantity: string;
  unit: TradeUnit;
  price: string;
  currency: string;
  price_unit: TradeUnit;
  quality: unknown;
  delivery_state_code: string | null;
  delivery_city: string | null;
  delivery_from: string | null;
  delivery_to: string | null;
  lot_quality: unknown;
  lot_state_code: string | null;
  lot_city: string | null;
}

const objectOf = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function matchableOf(row: MatchRow): MatchableOffer {
  const lotValues: Record<string, string> = {};
  for (const [code, value] of Object.entries(objectOf(row.lot_quality))) if (typeof value === 'string') lotValues[code] = value;
  return {
    side: row.side,
    remainingQuantity: row.remaining_quantity,
    unit: row.unit,
    price: row.price,
    currency: row.currency,
    priceUnit: row.price_unit,
    quality: objectOf(row.quality) as Record<string, MatchRange>,
    lotValues,
    lotStateCode: row.lot_state_code,
    lotCity: row.lot_city,
    deliveryStateCode: row.delivery_state_code,
    deliveryCity: row.delivery_city,
    deliveryFrom: row.delivery_from,
    deliveryTo: row.delivery_to,
  };
}

/** The allowed quality ranges of the commodity as `companyId` sees them (its own masters overriding the platform's). */
export async function matchLimitsFor(db: Executor, companyId: string, commodityCode: string): Promise<MatchContext['limits']> {
  return Object.fromEntries(await qualityLimitsFor(db, companyId, commodityCode));
}

/** A standing lookup for the given companies: KYC-verified as known by the caller, deals counted here. */
export async function standingsOf(
  db: Executor,
  companies: { id: string; verified: boolean }[],
): Promise<(companyId: string) => MatchContext['standing']> {
  const deals = await dealCountsOf(db, [...new Set(companies.map((company) => company.id))]);
  const verified = new Map(companies.map((company) => [company.id, company.verified]));
  return (companyId) => ({ verified: verified.get(companyId) ?? false, deals: deals.get(companyId) ?? 0 });
}
