import type { Tx } from '@tradeloom/db';
import { commissionAmounts, money, type NegotiationTerms, type OfferSide, type TradeUnit, tradeValue } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';
import { termOf } from '../masters/master-lookups.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';

// A deal becomes a contract in the accepting transaction: one record both parties hold, each under
// its own number (the seller's SC-…, the buyer's PC-…), with the accepted terms, the standard sale
// terms' text as it read at signing, the delivery schedule and the brokerage worked out.

export interface Deal {
  negotiationId: string;
  acceptedVersion: number;
  /** The accepted round's terms and the company that proposed them (its masters name the terms). */
  terms: NegotiationTerms;
  proposedByCompanyId: string;
  offer: { id: string; companyId: string; side: OfferSide; commodityCode: string; varietyCode: string | null; lotId: string | null };
  counterpartyCompanyId: string;
  signedAt: Date;
}

export interface SignedContract {
  id: string;
  sellerCompanyId: string;
  buyerCompanyId: string;
  sellerNumber: string;
  buyerNumber: string;
}

/** The delivery slots: the agreed schedule, else one slot over the delivery period (none without one). */
function deliverySlots(terms: NegotiationTerms) {
  if (terms.deliverySchedule.length) return terms.deliverySchedule;
  const from = terms.deliveryFrom ?? terms.deliveryTo;
  const to = terms.deliveryTo ?? terms.deliveryFrom;
  return from && to ? [{ dueFrom: from, dueTo: to, quantity: terms.quantity }] : [];
}

export async function createContractFromDeal(
  trx: Tx,
  request: RequestMeta,
  actor: { companyId: string; userId: string | null; apiKeyId: string | null },
  deal: Deal,
): Promise<SignedContract> {
  const { terms, offer } = deal;
  const sellerCompanyId = offer.side === 'sell' ? offer.companyId : deal.counterpartyCompanyId;
  const buyerCompanyId = offer.side === 'sell' ? deal.counterpartyCompanyId : offer.companyId;
  const number = async (companyId: string, docType: 'SC' | 'PC') => {
    const { today } = await companyCalendar(trx, companyId, deal.signedAt);
    return nextDocumentNumber(trx, { companyId, docType, date: today });
  };
  const sellerNumber = await number(sellerCompanyId, 'SC');
  const buyerNumber = await number(buyerCompanyId, 'PC');
  const value = money(tradeValue(terms.quantity, terms.unit, terms.price, terms.priceUnit));
  const saleTerms = terms.termsCode ? await termOf(trx, deal.proposedByCompanyId, 'sale', terms.termsCode) : undefined;
  const contract = await trx
    .insertInto('contracts')
    .values({
      seller_company_id: sellerCompanyId,
      buyer_company_id: buyerCompanyId,
      seller_number: sellerNumber,
      buyer_number: buyerNumber,
      negotiation_id: deal.negotiationId,
      offer_id: offer.id,
      accepted_version: deal.acceptedVersion,
      commodity_code: offer.commodityCode,
      variety_code: offer.varietyCode,
      lot_id: offer.lotId,
      quantity: terms.quantity,
      unit: terms.unit,
      quantity_tolerance_pct: terms.quantityTolerancePct ?? '0',
      price: terms.price,
      currency: terms.currency,
      price_unit: terms.priceUnit,
      value,
      quality: JSON.stringify(terms.quality),
      delivery_state_code: terms.deliveryStateCode,
      delivery_city: terms.deliveryCity,
      delivery_term: terms.deliveryTerm,
      payment_days: terms.paymentDays,
      payment_term: terms.paymentTerm,
      terms_code: terms.termsCode,
      terms_text: saleTerms?.body ?? null,
      signed_at: deal.signedAt,
      created_at: deal.signedAt,
      updated_at: deal.signedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const slots = deliverySlots(terms);
  if (slots.length)
    await trx
      .insertInto('contract_deliveries')
      .values(
        slots.map((slot, index) => ({
          contract_id: contract.id,
          seq: index + 1,
          due_from: slot.dueFrom,
          due_to: slot.dueTo,
          quantity: slot.quantity,
        })),
      )
      .execute();
  if (terms.commission) {
    const { brokerName, brokerCompanyId, basis, rate, sellerSharePct } = terms.commission;
    const amounts = commissionAmounts({ basis, rate, sellerSharePct }, { quantity: terms.quantity, unit: terms.unit as TradeUnit, value });
    await trx
      .insertInto('contract_commissions')
      .values({
        contract_id: contract.id,
        broker_company_id: brokerCompanyId,
        broker_name: brokerName,
        basis,
        rate,
        seller_share_pct: sellerSharePct,
        amount: amounts.amount,
        seller_amount: amounts.sellerAmount,
        buyer_amount: amounts.buyerAmount,
      })
      .execute();
  }
  const parties = [sellerCompanyId, buyerCompanyId];
  // Each party's log shows the contract under its own number; the other party's row names no user of ours.
  for (const companyId of parties) {
    await recordAudit(trx, companyId === actor.companyId ? actor : { userId: null }, request, {
      companyId,
      action: 'contract.created',
      entityType: 'contract',
      entityId: contract.id,
      after: { number: companyId === sellerCompanyId ? sellerNumber : buyerNumber, quantity: terms.quantity, unit: terms.unit, value },
    });
  }
  await emitEvent(trx, actor.userId, request, {
    type: 'contract.created',
    companyId: actor.companyId,
    entityType: 'contract',
    entityId: contract.id,
    audience: parties,
    payload: { actorCompanyId: actor.companyId, recipients: parties },
  });
  return { id: contract.id, sellerCompanyId, buyerCompanyId, sellerNumber, buyerNumber };
}
