import type { Executor } from '@tradeloom/db';
import { convertQuantity, dec, type NegotiationTerms, type negotiationTermsInput, sum, type TradeUnit } from '@tradeloom/shared';
import type { z } from 'zod';
import { invalidFields } from '../../trpc/errors.ts';
import { commissionStructureOf, termOf } from '../masters/master-lookups.ts';
import { assertQualityRangesAllowed } from './trade-quality.ts';

// A proposal checked against the offer and the masters, then stored whole (every field present,
// decimals in one notation), so each round reads the same and the next diff compares like with like.

export type TermsInput = z.output<typeof negotiationTermsInput>;

/** What a proposal is checked against: the offer's remaining quantity, in its unit, and currency. */
export interface OfferForTerms {
  commodity_code: string;
  remaining_quantity: string;
  unit: TradeUnit;
  currency: string;
}

/** A quantity in the offer's unit, to the offer's precision (numeric(14,3)). */
export function inOfferUnit(quantity: string, unit: TradeUnit, offerUnit: TradeUnit) {
  return convertQuantity(quantity, unit, offerUnit).toDecimalPlaces(3);
}

/**
 * The proposal as stored, after the checks a schema cannot make: the quantity fits what the offer
 * has left, a delivery schedule adds up to it, the currency is the offer's, term codes exist for
 * the proposer, quality ranges lie inside the masters' allowed ranges, and a commission structure is the proposer's own (stored as its broker and rates,
 * so the other side reads what was proposed). Every problem is reported at once, by field.
 */
export async function checkedTerms(db: Executor, companyId: string, offer: OfferForTerms, terms: TermsInput): Promise<NegotiationTerms> {
  // Ranges outside what the masters allow are refused first, each end by its field.
  if (terms.quality) await assertQualityRangesAllowed(db, companyId, offer.commodity_code, terms.quality, 'terms.quality');
  const problems: Record<string, string> = {};
  const wanted = inOfferUnit(terms.quantity, terms.unit, offer.unit);
  if (wanted.greaterThan(offer.remaining_quantity)) {
    problems['terms.quantity'] = `is more than the ${dec(offer.remaining_quantity).toString()} ${offer.unit} the offer still has open`;
  }
  if (terms.currency !== offer.currency) problems['terms.currency'] = `must be the offer's currency, ${offer.currency}`;
  const schedule = terms.deliverySchedule ?? [];
  if (schedule.length && !sum(schedule.map((slot) => slot.quantity)).equals(terms.quantity)) {
    problems['terms.deliverySchedule'] = `must add up to the quantity, ${dec(terms.quantity).toString()}`;
  }
  const codes = [
    ['terms.termsCode', 'sale', terms.termsCode],
    ['terms.deliveryTerm', 'delivery', terms.deliveryTerm],
    ['terms.paymentTerm', 'payment', terms.paymentTerm],
  ] as const;
  for (const [field, kind, code] of codes) {
    if (code && !(await termOf(db, companyId, kind, code))) problems[field] = `is not a ${kind} term of your masters`;
  }
  let commission: NegotiationTerms['commission'] = null;
  if (terms.commission && 'structureId' in terms.commission) {
    const structure = await commissionStructureOf(db, companyId, terms.commission.structureId);
    if (!structure?.active) problems['terms.commission.structureId'] = 'is not one of your active commission structures';
    else
      commission = {
        brokerName: structure.brokerName,
        brokerCompanyId: structure.brokerCompanyId,
        basis: structure.basis,
        rate: dec(structure.rate).toString(),
        sellerSharePct: dec(structure.sellerSharePct).toString(),
      };
  } else if (terms.commission) {
    const { brokerName, brokerCompanyId, basis, rate, sellerSharePct } = terms.commission;
    commission = {
      brokerName,
      brokerCompanyId: brokerCompanyId ?? null,
      basis,
      rate: dec(rate).toString(),
      sellerSharePct: dec(sellerSharePct).toString(),
    };
  }
  if (Object.keys(problems).length) {
    const reason = problems['terms.quantity'] ? 'QUANTITY_EXCEEDS_REMAINING' : undefined;
    throw invalidFields(problems, reason);
  }
  const quality = Object.fromEntries(
    Object.entries(terms.quality ?? {}).map(([code, range]) => [
      code,
      { min: range.min === undefined ? null : dec(range.min).toString(), max: range.max === undefined ? null : dec(range.max).toString() },
    ]),
  );
  return {
    price: dec(terms.price).toFixed(2),
    priceUnit: terms.priceUnit,
    currency: terms.currency,
    quantity: dec(terms.quantity).toFixed(3),
    unit: terms.unit,
    quality,
    deliveryStateCode: terms.deliveryStateCode ?? null,
    deliveryCity: terms.deliveryCity || null,
    deliveryTerm: terms.deliveryTerm ?? null,
    deliveryFrom: terms.deliveryFrom ?? null,
    deliveryTo: terms.deliveryTo ?? null,
    paymentDays: terms.paymentDays ?? null,
    paymentTerm: terms.paymentTerm ?? null,
    quantityTolerancePct: terms.quantityTolerancePct === undefined ? null : dec(terms.quantityTolerancePct).toFixed(2),
    termsCode: terms.termsCode ?? null,
    commission,
    deliverySchedule: schedule.map((slot) => ({ dueFrom: slot.dueFrom, dueTo: slot.dueTo, quantity: dec(slot.quantity).toFixed(3) })),
  };
}
