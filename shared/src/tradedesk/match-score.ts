import type { Decimal } from 'decimal.js';
import { dec } from '../money.ts';
import { formatMoney, formatNumber } from '../number-format.ts';
import type { OfferSide } from './negotiation-machine.ts';
import { HVI_LABELS, type HviParameter } from './quality.ts';
import type { MatchFactorName, OfferMatch } from './tradedesk.outputs.ts';
import { convertPrice, convertQuantity, TRADE_UNIT_LABELS, type TradeUnit } from './units.ts';

// How well an opposite-side offer fits one offer, factor by factor, each with its reason in words
// so a trader can check the score. Pure: the server feeds it rows, the screen shows what it says.

/** Each factor's share of the score; they add up to 100. */
export const MATCH_WEIGHTS: Record<MatchFactorName, number> = {
  quality: 35,
  price: 25,
  quantity: 15,
  location: 10,
  delivery: 10,
  standing: 5,
};

/** A match at or above this score tells the owner of the matched offer. */
export const MATCH_NOTIFY_THRESHOLD = 70;

/** A quality parameter outside the asked range scores 0 once it is off by this share of the parameter's allowed range. */
export const QUALITY_FALLOFF_SHARE = '0.2';
/** A buyer’s price this many percent below the seller’s scores 0. */
export const PRICE_FALLOFF_PCT = 10;
/** Delivery periods this many days apart score 0. */
export const DELIVERY_FALLOFF_DAYS = 30;
/** Location scores: the same city needs no freight, the same state little. */
export const LOCATION_SCORES = { city: 100, state: 70, elsewhere: 30, unknown: 50 } as const;
/** Standing: a verified company scores this much, each past deal (up to five) adds the rest in steps. */
export const STANDING_VERIFIED_SCORE = 60;
export const STANDING_DEALS_COUNTED = 5;
/** A factor neither side states enough to judge scores halfway. */
const UNKNOWN_SCORE = 50;

/** Either end may be open (null, or missing in a stored offer's JSON). */
export interface MatchRange {
  min?: string | null;
  max?: string | null;
}

/** What scoring reads of an offer: the offer summary's fields, and the lot's measured values when it has one. */
export interface MatchableOffer {
  side: OfferSide;
  remainingQuantity: string;
  unit: TradeUnit;
  price: string;
  currency: string;
  priceUnit: TradeUnit;
  quality: Record<string, MatchRange>;
  /** The lot's lab results by parameter code; they stand for the offer's ranges where given. */
  lotValues?: Record<string, string> | null;
  /** The lot's place, where a sell offer names no delivery place. */
  lotStateCode?: string | null;
  lotCity?: string | null;
  deliveryStateCode: string | null;
  deliveryCity: string | null;
  deliveryFrom: string | null;
  deliveryTo: string | null;
}

export interface QualityLimit {
  name: string;
  unit: string;
  min: string;
  max: string;
}

export interface MatchContext {
  /** The commodity's allowed range per parameter code (masters' quality parameters). */
  limits: Record<string, QualityLimit>;
  /** The candidate's company: KYC-verified, and its contracts so far. */
  standing: { verified: boolean; deals: number };
}

export type MatchFactor = OfferMatch['factors'][number];
export interface MatchScore {
  score: number;
  factors: MatchFactor[];
}

const SHORT_LABELS: Partial<Record<HviParameter, string>> = {
  staple_mm: 'staple',
  micronaire: 'mic',
  strength_gpt: 'strength',
  uniformity_pct: 'uniformity',
  trash_pct: 'trash',
  moisture_pct: 'moisture',
  rd: 'Rd',
  plus_b: '+b',
};

const clampScore = (value: Decimal): number => Math.max(0, Math.min(100, value.round().toNumber()));
/** A measurement as people write it: "29", "4.2", no trailing zeros. */
const num = (value: Decimal | string): string => formatNumber(dec(value).toString());

function labelOf(code: string, limits: MatchContext['limits']): { label: string; unit: string } {
  const hvi = code as HviParameter;
  return {
    label: SHORT_LABELS[hvi] ?? limits[code]?.name ?? code,
    unit: limits[code]?.unit ?? HVI_LABELS[hvi]?.unit ?? '',
  };
}

function rangeText(range: { min: string | null; max: string | null }): string {
  if (range.min !== null && range.max !== null) return `${num(range.min)}–${num(range.max)}`;
  return range.min !== null ? `≥ ${num(range.min)}` : `≤ ${num(range.max ?? '0')}`;
}

const hasRange = (range: MatchRange | undefined): range is MatchRange => !!range && (range.min != null || range.max != null);

/** What the seller puts up for one parameter: the lot's measured value, else its stated range. */
function goodsOf(seller: MatchableOffer, code: string): MatchRange | undefined {
  const measured = seller.lotValues?.[code];
  if (measured != null) return { min: measured, max: measured };
  const stated = seller.quality[code];
  return hasRange(stated) ? stated : undefined;
}

function scoreQuality(buyer: MatchableOffer, seller: MatchableOffer, limits: MatchContext['limits']): [number, string] {
  const asked = Object.entries(buyer.quality).filter(([, range]) => hasRange(range));
  if (asked.length === 0) return [100, 'the buyer asks for no quality'];
  const scores: number[] = [];
  const parts: string[] = [];
  const unstated: string[] = [];
  for (const [code, stated] of asked) {
    const spec = { min: stated.min ?? null, max: stated.max ?? null };
    const { label, unit } = labelOf(code, limits);
    const goods = goodsOf(seller, code);
    if (!goods) {
      unstated.push(label);
      continue;
    }
    const low = dec(goods.min ?? (goods.max as string));
    const high = dec(goods.max ?? (goods.min as string));
    const below = spec.min !== null && low.lessThan(spec.min) ? dec(spec.min).minus(low) : null;
    const above = spec.max !== null && high.greaterThan(spec.max) ? high.minus(spec.max) : null;
    const goodsText = `${low.equals(high) ? num(low) : `${num(low)}–${num(high)}`}${unit ? ` ${unit}` : ''}`;
    // A stated range can reach past both ends: the larger miss counts.
    const lowSide = below !== null && (above === null || below.greaterThanOrEqualTo(above));
    const off = lowSide ? below : above;
    if (!off) {
      scores.push(100);
      parts.push(`${label} ${goodsText} inside ${rangeText(spec)}`);
      continue;
    }
    // How far outside, against the parameter's allowed range: 0.2 mm of staple matters less than 0.2 of mic.
    const limit = limits[code];
    const span = limit ? dec(limit.max).minus(limit.min) : dec(spec.max ?? spec.min ?? '1').abs();
    const zeroAt = (span.isZero() ? dec(1) : span).times(QUALITY_FALLOFF_SHARE);
    scores.push(clampScore(dec(100).minus(off.dividedBy(zeroAt).times(100))));
    const side = lowSide ? `below ${num(spec.min as string)}` : `above ${num(spec.max as string)}`;
    parts.push(`${label} ${goodsText} ${side} by ${num(off)}`);
  }
  if (unstated.length > 0) parts.push(`${unstated.join(', ')} not stated by the seller`);
  if (scores.length === 0) return [UNKNOWN_SCORE, parts.join('; ')];
  const average = scores.reduce((total, score) => total.plus(score), dec(0)).dividedBy(scores.length);
  return [clampScore(average), parts.join('; ')];
}

function scorePrice(offer: MatchableOffer, candidate: MatchableOffer, buyer: MatchableOffer, seller: MatchableOffer): [number, string] {
  if (offer.currency !== candidate.currency) {
    return [0, `prices in ${offer.currency} and ${candidate.currency} cannot be compared`];
  }
  // Both in the offer's own price unit, so the words read in the unit its owner chose.
  const unit = offer.priceUnit;
  const inUnit = (side: MatchableOffer) => convertPrice(side.price, side.priceUnit, unit);
  const bid = inUnit(buyer);
  const ask = inUnit(seller);
  const show = (value: Decimal) => `${formatMoney(value.toDecimalPlaces(2).toString(), offer.currency)} ${TRADE_UNIT_LABELS[unit].per}`;
  if (bid.greaterThanOrEqualTo(ask)) {
    return [100, `buyer’s ${show(bid)} ${bid.equals(ask) ? 'meets' : 'is above'} seller’s ${show(ask)}`];
  }
  const gapPct = ask.minus(bid).dividedBy(ask).times(100);
  const score = clampScore(dec(100).minus(gapPct.times(100).dividedBy(PRICE_FALLOFF_PCT)));
  return [score, `buyer’s ${show(bid)} is ${num(gapPct.toDecimalPlaces(1))}% below seller’s ${show(ask)}`];
}

function scoreQuantity(offer: MatchableOffer, candidate: MatchableOffer): [number, string] {
  const wanted = dec(offer.remainingQuantity);
  const unitLabel = TRADE_UNIT_LABELS[offer.unit].many;
  if (wanted.isZero()) return [0, 'nothing of this offer remains open'];
  const covered = convertQuantity(candidate.remainingQuantity, candidate.unit, offer.unit);
  const share = covered.greaterThanOrEqualTo(wanted) ? dec(1) : covered.dividedBy(wanted);
  const pct = share.times(100);
  if (share.equals(1)) return [100, `covers all ${num(wanted)} ${unitLabel} open`];
  return [
    clampScore(pct),
    `covers ${num(covered.toDecimalPlaces(1))} of ${num(wanted)} ${unitLabel} open (${num(pct.toDecimalPlaces(0))}%)`,
  ];
}

function placeOf(side: MatchableOffer): { state: string | null; city: string | null } {
  return {
    state: side.deliveryStateCode ?? side.lotStateCode ?? null,
    city: side.deliveryCity ?? (side.deliveryStateCode ? null : (side.lotCity ?? null)),
  };
}

function scoreLocation(buyer: MatchableOffer, seller: MatchableOffer): [number, string] {
  const from = placeOf(seller);
  const to = placeOf(buyer);
  if (!from.state || !to.state) return [LOCATION_SCORES.unknown, 'place not stated by both'];
  const fromText = from.city ? `${from.city} (${from.state})` : from.state;
  const toText = to.city ? `${to.city} (${to.state})` : to.state;
  if (from.state === to.state && from.city && to.city && from.city.toLowerCase() === to.city.toLowerCase()) {
    return [LOCATION_SCORES.city, `same city: ${fromText}`];
  }
  if (from.state === to.state) return [LOCATION_SCORES.state, `same state: ${fromText} to ${toText}`];
  return [LOCATION_SCORES.elsewhere, `freight from ${fromText} to ${toText}`];
}

const DAY_MS = 86_400_000;
const dayOf = (isoDate: string) =>
  Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;

function periodOf(side: MatchableOffer): [number, number] | null {
  const from = side.deliveryFrom ?? side.deliveryTo;
  const to = side.deliveryTo ?? side.deliveryFrom;
  return from && to ? [dayOf(from), dayOf(to)] : null;
}

function scoreDelivery(offer: MatchableOffer, candidate: MatchableOffer): [number, string] {
  const mine = periodOf(offer);
  const theirs = periodOf(candidate);
  if (!mine || !theirs) return [UNKNOWN_SCORE, 'delivery period not stated by both'];
  const gap = Math.max(mine[0], theirs[0]) - Math.min(mine[1], theirs[1]);
  if (gap <= 0) return [100, `delivery periods overlap by ${-gap + 1} ${-gap + 1 === 1 ? 'day' : 'days'}`];
  const score = clampScore(dec(100).minus(dec(gap).times(100).dividedBy(DELIVERY_FALLOFF_DAYS)));
  return [score, `delivery periods ${gap} ${gap === 1 ? 'day' : 'days'} apart`];
}

function scoreStanding(standing: MatchContext['standing']): [number, string] {
  const deals = Math.max(0, standing.deals);
  const base = standing.verified ? STANDING_VERIFIED_SCORE : 0;
  const perDeal = dec(100 - STANDING_VERIFIED_SCORE).dividedBy(STANDING_DEALS_COUNTED);
  const score = clampScore(perDeal.times(Math.min(deals, STANDING_DEALS_COUNTED)).plus(base));
  const dealsText = deals === 0 ? 'no past deals' : deals === 1 ? '1 past deal' : `${deals} past deals`;
  return [score, `${standing.verified ? 'verified' : 'not verified'}, ${dealsText}`];
}

/**
 * How well `candidate` (an opposite-side offer) fits `offer`, from the point of view of `offer`'s
 * owner: each factor 0–100 with its weight, its points (weight × score / 100) and the reason; the
 * score is the sum of the points, rounded.
 */
export function scoreMatch(offer: MatchableOffer, candidate: MatchableOffer, context: MatchContext): MatchScore {
  const buyer = offer.side === 'buy' ? offer : candidate;
  const seller = offer.side === 'buy' ? candidate : offer;
  const results: Record<MatchFactorName, [number, string]> = {
    quality: scoreQuality(buyer, seller, context.limits),
    price: scorePrice(offer, candidate, buyer, seller),
    quantity: scoreQuantity(offer, candidate),
    location: scoreLocation(buyer, seller),
    delivery: scoreDelivery(offer, candidate),
    standing: scoreStanding(context.standing),
  };
  const factors = (Object.keys(MATCH_WEIGHTS) as MatchFactorName[]).map((name) => {
    const weight = MATCH_WEIGHTS[name];
    const [score, detail] = results[name];
    const contribution = dec(weight).times(score).dividedBy(100).toDecimalPlaces(2).toNumber();
    return { name, weight, score, contribution, detail };
  });
  const total = factors.reduce((sum, factor) => sum.plus(dec(factor.weight).times(factor.score).dividedBy(100)), dec(0));
  return { score: clampScore(total), factors };
}
