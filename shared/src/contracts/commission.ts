import { type DecimalInput, dec, money } from '../money.ts';
import type { CommissionBasis } from '../tradedesk/tradedesk.schemas.ts';
import { convertQuantity, type TradeUnit } from '../tradedesk/units.ts';

// A broker's commission on a contract, as the trade reckons it: so much per bale, per candy, or a
// percentage of the contract's value, split between seller and buyer as agreed.

export interface CommissionTerms {
  basis: CommissionBasis;
  /** Per bale or per candy in the contract's currency, or a percentage for `percent`. */
  rate: DecimalInput;
  /** The seller's share of the brokerage in percent; the buyer pays the rest. */
  sellerSharePct: DecimalInput;
}

export interface CommissionDeal {
  quantity: DecimalInput;
  unit: TradeUnit;
  /** The contract's value (before taxes) in its currency. */
  value: DecimalInput;
}

export interface CommissionAmounts {
  amount: string;
  sellerAmount: string;
  buyerAmount: string;
}

/**
 * The brokerage and each side's part, rounded to paise. The buyer's part is what is left of the
 * rounded whole, so the two parts always add up to the amount billed.
 */
export function commissionAmounts(terms: CommissionTerms, deal: CommissionDeal): CommissionAmounts {
  const base =
    terms.basis === 'per_bale'
      ? convertQuantity(deal.quantity, deal.unit, 'bale')
      : terms.basis === 'per_candy'
        ? convertQuantity(deal.quantity, deal.unit, 'candy')
        : dec(deal.value).dividedBy(100);
  const amount = dec(money(base.times(terms.rate)));
  const sellerAmount = dec(money(amount.times(terms.sellerSharePct).dividedBy(100)));
  return { amount: money(amount), sellerAmount: money(sellerAmount), buyerAmount: money(amount.minus(sellerAmount)) };
}
