import { OFFER_SIDES, OFFER_STATUSES, type OfferListInput } from '@tradeloom/shared';

// The desk's filters live in the address (`?commodity=cotton-lint&stapleMin=28`), so Back and a
// shared link show the same offers. These turn the address into `tradedesk.offers.list`'s input;
// a half-typed number ("28.") is left out rather than sent for the server to refuse.

/** The quality filters the desk offers, by parameter code: the ends a trader asks for. */
export const QUALITY_FILTERS = [
  { code: 'staple_mm', ends: ['min', 'max'] },
  { code: 'micronaire', ends: ['min', 'max'] },
  { code: 'strength_gpt', ends: ['min'] },
] as const satisfies readonly { code: string; ends: readonly ('min' | 'max')[] }[];

/** The address parameter for one end of a quality filter: `q.staple_mm.min`. */
export const qualityParam = (code: string, end: 'min' | 'max') => `q.${code}.${end}`;

const NUMBER = /^\d+(\.\d+)?$/;
const STATE = /^[A-Za-z]{2}$/;
const number = (value: string) => (NUMBER.test(value.trim()) ? value.trim() : undefined);
const text = (value: string) => value.trim() || undefined;
/** One of `allowed`, or nothing for a missing or unknown value. */
export const oneOfOrNone = <T extends string>(value: string, allowed: readonly T[]): T | undefined =>
  (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** The list input for a tab (`desk` or `mine`) from the address's parameters. */
export function offerListFilters(scope: 'desk' | 'mine', get: (name: string) => string): OfferListInput {
  const quality: NonNullable<OfferListInput['quality']> = {};
  for (const filter of QUALITY_FILTERS) {
    const range: { min?: string; max?: string } = {};
    for (const end of filter.ends) {
      const value = number(get(qualityParam(filter.code, end)));
      if (value !== undefined) range[end] = value;
    }
    if (range.min !== undefined && range.max !== undefined && Number(range.min) > Number(range.max)) continue;
    if (range.min !== undefined || range.max !== undefined) quality[filter.code] = range;
  }
  const state = get('state').trim();
  const priceMin = number(get('priceMin'));
  const priceMax = number(get('priceMax'));
  return {
    scope,
    commodity: text(get('commodity')),
    side: oneOfOrNone(get('side'), OFFER_SIDES),
    variety: text(get('variety')),
    // Only my own offers have a status to pick: the desk shows live ones.
    status: scope === 'mine' ? oneOfOrNone(get('status'), OFFER_STATUSES) : undefined,
    stateCode: STATE.test(state) ? state.toUpperCase() : undefined,
    city: text(get('city')),
    priceMin,
    priceMax,
    priceUnit: 'candy',
    quality: Object.keys(quality).length ? quality : undefined,
    q: text(get('q')),
  };
}

/**
 * How many filters narrow a tab: an empty list then says "nothing matches" rather than "nothing yet",
 * and the folded filters' button on a phone says "Filters (3)".
 */
export function offerFilterCount(scope: 'desk' | 'mine', get: (name: string) => string): number {
  const { scope: _scope, priceUnit: _unit, quality, ...rest } = offerListFilters(scope, get);
  const ends = Object.values(quality ?? {}).reduce(
    (count, range) => count + (range.min !== undefined ? 1 : 0) + (range.max !== undefined ? 1 : 0),
    0,
  );
  return Object.values(rest).filter((value) => value !== undefined).length + ends;
}
