import type { Decimal } from 'decimal.js';
import { dec, money, sum } from '../money.ts';
import type { PaymentTerms } from '../orders/payment-terms.ts';
import type { ComparisonCell, ComparisonSupplier, TenderComparison } from './sourcing.outputs.ts';
import { TENDER_CRITERIA, type TenderCriterion } from './sourcing.schemas.ts';

// The comparison of a closed tender's quotes as a pure function: each quote line normalised to
// the item's unit and the tender's currency with the buyer's conversions, landed cost, the lowest
// offer per item and a weighted score per quote. The server answers it, the screen explains it
// with COMPARISON_RULES, the CSV export writes it: one set of rules.

/** How the comparison is computed, in words: the screen shows these next to the matrix. */
export const COMPARISON_RULES = {
  normalise:
    'Prices, freight and quantities are converted to the item’s unit and the tender’s currency with the conversions you enter (1 foreign = rate × tender currency; 1 from-unit = factor × to-unit, used either way).',
  landed:
    'Landed unit cost = (price + freight per unit) plus GST at the line’s tax rate; landed total = landed unit cost × the quantity asked, or the quantity offered if less.',
  lowest: 'The lowest landed unit cost per item among offers as asked (alternatives excluded) is marked; ties are all marked.',
  criteria: {
    price: 'The lowest landed total over the items scores 100; others score lowest ÷ theirs × 100.',
    leadTime: 'The shortest lead time scores 100; others score shortest ÷ theirs × 100; no lead time given scores 0.',
    paymentTerms:
      'More credit days are better: advance and against delivery count as 0 days, net N as N days; the longest scores 100, others theirs ÷ longest × 100; all equal score 100.',
    quality:
      'Share of the items quoted that are offered as asked rather than as an alternative, × 100 (a simple proxy for meeting the specification).',
  } satisfies Record<TenderCriterion, string>,
  points:
    'Each criterion adds weight × score ÷ 100; the total is out of 100. Without criteria, or while a conversion is missing, there is no score.',
} as const;

export interface ComparisonConversions {
  currencies: Record<string, string>;
  units: { from: string; to: string; factor: string }[];
}

export interface ComparisonItem {
  id: string;
  quantity: string;
  unit: string;
}

export interface ComparisonQuoteLine {
  id: string;
  itemId: string;
  alternativeNo: number;
  description: string | null;
  unitPrice: string;
  quantity: string | null;
  unit: string | null;
  freightPerUnit: string;
  taxRate: string | null;
  /** Carried to the order an award makes (the orders module rates GST by it). */
  hsnCode?: string | null;
}

export interface ComparisonQuote extends Omit<ComparisonSupplier, 'landedTotal' | 'itemsQuoted' | 'score' | 'contributions'> {
  lines: ComparisonQuoteLine[];
}

export interface ComparisonInput {
  currency: string;
  criteria: { criterion: TenderCriterion; weight: number }[];
  conversions: ComparisonConversions;
  items: ComparisonItem[];
  quotes: ComparisonQuote[];
}

type Missing = TenderComparison['missingConversions'][number];

/**
 * How many of the item's unit one quoted unit is, from the buyer's unit conversions in either
 * direction; null when none is entered.
 */
function unitFactor(conversions: ComparisonConversions, from: string, to: string): Decimal | null {
  if (from === to) return dec(1);
  const direct = conversions.units.find((u) => u.from === from && u.to === to);
  if (direct) return dec(direct.factor);
  const reverse = conversions.units.find((u) => u.from === to && u.to === from);
  if (reverse && !dec(reverse.factor).isZero()) return dec(1).dividedBy(dec(reverse.factor));
  return null;
}

export interface NormalisedLine {
  /** Per the item's unit, in the tender's currency, unrounded. */
  unitPrice: Decimal;
  freightPerUnit: Decimal;
  /** What the supplier can supply in the item's unit (the whole quantity asked when not said). */
  quantity: Decimal;
}

/**
 * One quote line in the item's unit and the tender's currency, or the conversions it lacks.
 * Award uses it too, so the order carries the price the comparison showed.
 */
export function normaliseLine(
  conversions: ComparisonConversions,
  tenderCurrency: string,
  item: ComparisonItem,
  quoteCurrency: string,
  line: Pick<ComparisonQuoteLine, 'unitPrice' | 'quantity' | 'unit' | 'freightPerUnit'>,
): { ok: true; value: NormalisedLine } | { ok: false; missing: Missing[] } {
  const missing: Missing[] = [];
  const rateText = quoteCurrency === tenderCurrency ? '1' : conversions.currencies[quoteCurrency];
  if (rateText === undefined) missing.push({ kind: 'currency', from: quoteCurrency, to: tenderCurrency });
  const quotedUnit = line.unit ?? item.unit;
  const factor = unitFactor(conversions, quotedUnit, item.unit);
  if (!factor) missing.push({ kind: 'unit', from: quotedUnit, to: item.unit });
  if (rateText === undefined || !factor) return { ok: false, missing };
  const rate = dec(rateText);
  // A price per quoted unit is price ÷ factor per item unit; a quantity is quantity × factor.
  return {
    ok: true,
    value: {
      unitPrice: dec(line.unitPrice).times(rate).dividedBy(factor),
      freightPerUnit: dec(line.freightPerUnit).times(rate).dividedBy(factor),
      quantity: line.quantity === null ? dec(item.quantity) : dec(line.quantity).times(factor),
    },
  };
}

function describeMissing(missing: Missing[]): string {
  return missing.map((m) => (m.kind === 'currency' ? `${m.from} → ${m.to} rate` : `${m.from} → ${m.to} factor`)).join(', ');
}

/** Credit days the buyer gets: advance and against delivery none, net N days N. */
function creditDays(terms: { kind: PaymentTerms['kind']; days?: number | null } | null): number {
  return terms?.kind === 'net' ? (terms.days ?? 0) : 0;
}

const SCORE_PLACES = 2;
const HUNDRED = dec(100);

/** best ÷ theirs × 100 (lower is better); theirs 0 is the best there can be. */
function lowerIsBetter(best: Decimal, theirs: Decimal): Decimal {
  return theirs.isZero() ? HUNDRED : best.dividedBy(theirs).times(HUNDRED);
}

/** theirs ÷ best × 100 (higher is better); all at 0 score 100 (all equal). */
function higherIsBetter(best: Decimal, theirs: Decimal): Decimal {
  return best.isZero() ? HUNDRED : theirs.dividedBy(best).times(HUNDRED);
}

function minOf(values: Decimal[]): Decimal | null {
  return values.reduce<Decimal | null>((min, v) => (min === null || v.lessThan(min) ? v : min), null);
}

export function compareQuotes(input: ComparisonInput): Pick<TenderComparison, 'suppliers' | 'cells' | 'missingConversions'> {
  const itemById = new Map(input.items.map((item) => [item.id, item]));
  const missingByKey = new Map<string, Missing>();
  const cells: ComparisonCell[] = [];

  for (const quote of input.quotes) {
    for (const line of quote.lines) {
      const item = itemById.get(line.itemId);
      if (!item) continue;
      const base = {
        quoteId: quote.quoteId,
        itemId: line.itemId,
        quoteLineId: line.id,
        alternativeNo: line.alternativeNo,
        description: line.description,
        quotedUnitPrice: line.unitPrice,
        quotedCurrency: quote.currency,
        quotedUnit: line.unit ?? item.unit,
        taxRate: line.taxRate,
        lowest: false,
      };
      const normalised = normaliseLine(input.conversions, input.currency, item, quote.currency, line);
      if (!normalised.ok) {
        for (const m of normalised.missing) missingByKey.set(`${m.kind}:${m.from}:${m.to}`, m);
        cells.push({
          ...base,
          quantity: null,
          unitPrice: null,
          freightPerUnit: null,
          landedUnitCost: null,
          landedTotal: null,
          missing: describeMissing(normalised.missing),
        });
        continue;
      }
      const { unitPrice, freightPerUnit, quantity } = normalised.value;
      const gst = dec(1).plus(dec(line.taxRate ?? 0).dividedBy(HUNDRED));
      const landedUnit = unitPrice.plus(freightPerUnit).times(gst);
      const quantityPriced = quantity.lessThan(item.quantity) ? quantity : dec(item.quantity);
      const cell: ComparisonCell = {
        ...base,
        quantity: money(quantity, 3),
        unitPrice: money(unitPrice, 4),
        freightPerUnit: money(freightPerUnit, 4),
        landedUnitCost: money(landedUnit, 4),
        landedTotal: money(landedUnit.times(quantityPriced)),
        missing: null,
      };
      cells.push(cell);
    }
  }

  // Lowest per item among as-asked offers, compared as shown (4 places) so ties look like ties.
  for (const item of input.items) {
    const asAsked = cells.filter((c) => c.itemId === item.id && c.alternativeNo === 0 && c.landedUnitCost !== null);
    const lowest = minOf(asAsked.map((c) => dec(c.landedUnitCost as string)));
    for (const c of asAsked) c.lowest = lowest !== null && dec(c.landedUnitCost as string).equals(lowest);
  }

  const missingConversions = [...missingByKey.values()];
  const totals = input.quotes.map((quote) => {
    const own = cells.filter((c) => c.quoteId === quote.quoteId);
    const asAsked = own.filter((c) => c.alternativeNo === 0);
    const complete = asAsked.every((c) => c.landedTotal !== null);
    const itemsQuoted = new Set(own.map((c) => c.itemId)).size;
    const itemsAsAsked = new Set(asAsked.map((c) => c.itemId)).size;
    return {
      quote,
      itemsQuoted,
      itemsAsAsked,
      landedTotal: complete && asAsked.length > 0 ? sum(asAsked.map((c) => c.landedTotal as string)) : null,
    };
  });

  const scored = input.criteria.length > 0 && missingConversions.length === 0;
  const bestPrice = minOf(totals.flatMap((t) => (t.landedTotal ? [t.landedTotal] : [])));
  const leadTimes = input.quotes.flatMap((q) => (q.leadTimeDays === null ? [] : [dec(q.leadTimeDays)]));
  const bestLead = minOf(leadTimes);
  const bestCredit = dec(Math.max(0, ...input.quotes.map((q) => creditDays(q.paymentTerms))));

  const scoreOf = (criterion: TenderCriterion, t: (typeof totals)[number]): Decimal => {
    switch (criterion) {
      case 'price':
        // A quote pricing no item as asked has no total to compare: it scores nothing on price.
        return t.landedTotal && bestPrice ? lowerIsBetter(bestPrice, t.landedTotal) : dec(0);
      case 'leadTime':
        return t.quote.leadTimeDays !== null && bestLead ? lowerIsBetter(bestLead, dec(t.quote.leadTimeDays)) : dec(0);
      case 'paymentTerms':
        return higherIsBetter(bestCredit, dec(creditDays(t.quote.paymentTerms)));
      case 'quality':
        // A proxy until quality parameters are quoted per line: offers as asked meet the specification.
        return t.itemsQuoted === 0 ? dec(0) : dec(t.itemsAsAsked).dividedBy(t.itemsQuoted).times(HUNDRED);
    }
  };

  const suppliers: ComparisonSupplier[] = totals.map((t) => {
    const { lines: _lines, ...head } = t.quote;
    const contributions = scored
      ? [...input.criteria]
          .sort((a, b) => TENDER_CRITERIA.indexOf(a.criterion) - TENDER_CRITERIA.indexOf(b.criterion))
          .map(({ criterion, weight }) => {
            const score = scoreOf(criterion, t);
            return {
              criterion,
              weight,
              score: money(score, SCORE_PLACES),
              points: money(score.times(weight).dividedBy(HUNDRED), SCORE_PLACES),
            };
          })
      : [];
    return {
      ...head,
      landedTotal: t.landedTotal === null ? null : money(t.landedTotal),
      itemsQuoted: t.itemsQuoted,
      score: scored ? money(sum(contributions.map((c) => c.points)), SCORE_PLACES) : null,
      contributions,
    };
  });

  return { suppliers, cells, missingConversions };
}
