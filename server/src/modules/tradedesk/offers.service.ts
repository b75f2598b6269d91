import type { Tx } from '@tradeloom/db';
import {
  type createOfferInput,
  dec,
  type OfferRefusal,
  type recordChanged,
  type recordCreated,
  toKg,
  transitionOffer,
  type withdrawOfferInput,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { isKnownCommodity } from '../catalog/catalog-lookups.ts';
import { recordChange } from '../events/record-change.ts';
import { termOf, varietyOf } from '../masters/master-lookups.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { type LotRecord, lockOwnLot, releaseLot, takeLotForOffer } from './lot-records.ts';
import {
  announceDeskChange,
  announceEndedNegotiations,
  endOpenNegotiations,
  lockOffer,
  type OfferRow,
  selectVisibleOffers,
} from './offer-records.ts';
import { assertQualityRangesAllowed, qualityRangesColumn } from './trade-quality.ts';

// Posting an offer on the desk and taking it off. Negotiations, deals and the expiry clock move
// its status otherwise (negotiations.service.ts, offer-clock.ts).

type Created = z.infer<typeof recordCreated>;
type Changed = z.infer<typeof recordChanged>;
type OfferFields = Omit<z.output<typeof createOfferInput>, 'idempotencyKey'>;

const REFUSALS: Record<OfferRefusal, string> = {
  OFFER_NOT_OPEN: 'The offer is no longer on the desk.',
  OWN_OFFER: 'This is your own offer.',
  WRONG_SIDE: 'Only the company that posted the offer can withdraw it.',
};

/** Master data the offer names must exist for the company; delivery and payment terms fill in their days. */
async function checkOfferFields(trx: Tx, companyId: string, fields: OfferFields, now: Date) {
  if (fields.validUntil.getTime() <= now.getTime()) throw invalidFields({ validUntil: 'must be in the future' });
  if (!(await isKnownCommodity(trx, fields.commodity))) throw invalidFields({ commodity: 'is not a known commodity' });
  if (fields.variety && !(await varietyOf(trx, companyId, fields.commodity, fields.variety))) {
    throw invalidFields({ variety: 'is not a variety of this commodity' });
  }
  await assertQualityRangesAllowed(trx, companyId, fields.commodity, fields.quality ?? {});
  if (fields.deliveryTerm && !(await termOf(trx, companyId, 'delivery', fields.deliveryTerm))) {
    throw invalidFields({ deliveryTerm: 'is not a known delivery term' });
  }
  const paymentTerm = fields.paymentTerm ? await termOf(trx, companyId, 'payment', fields.paymentTerm) : undefined;
  if (fields.paymentTerm && !paymentTerm) throw invalidFields({ paymentTerm: 'is not a known payment term' });
  return { paymentDays: fields.paymentDays ?? paymentTerm?.paymentDays ?? null };
}

/** A sell offer may name one of the company's available lots of the same commodity, for no more than it holds. */
async function takeLot(trx: Tx, companyId: string, fields: OfferFields, now: Date): Promise<LotRecord | undefined> {
  if (!fields.lotId) return undefined;
  if (fields.side !== 'sell') throw invalidFields({ lotId: 'only a sell offer names a lot' });
  const lot = await lockOwnLot(trx, companyId, fields.lotId);
  if (lot.commodity_code !== fields.commodity) throw invalidFields({ lotId: `is a lot of another commodity (${lot.commodity_code})` });
  // A lot's own bale weight wins over the trade's 170 kg convention.
  const fits =
    fields.unit === 'bale'
      ? dec(fields.quantity).lessThanOrEqualTo(lot.bales)
      : toKg(fields.quantity, fields.unit).lessThanOrEqualTo(lot.net_weight_kg);
  if (!fits) throw invalidFields({ quantity: `is more than lot ${lot.number} holds (${lot.bales} bales, ${lot.net_weight_kg} kg)` });
  await takeLotForOffer(trx, lot, now);
  return lot;
}

function offerColumns(fields: OfferFields, paymentDays: number | null) {
  return {
    side: fields.side,
    commodity_code: fields.commodity,
    variety_code: fields.variety ?? null,
    lot_id: fields.lotId ?? null,
    quantity: fields.quantity,
    remaining_quantity: fields.quantity,
    unit: fields.unit,
    price: fields.price,
    currency: fields.currency,
    price_unit: fields.priceUnit,
    quality: qualityRangesColumn(fields.quality),
    delivery_state_code: fields.deliveryStateCode ?? null,
    delivery_city: fields.deliveryCity || null,
    delivery_term: fields.deliveryTerm ?? null,
    delivery_from: fields.deliveryFrom ?? null,
    delivery_to: fields.deliveryTo ?? null,
    payment_days: paymentDays,
    payment_term: fields.paymentTerm ?? null,
    valid_until: fields.validUntil,
    visibility: fields.visibility,
    notes: fields.notes || null,
    source_text: fields.sourceText || null,
  };
}

export async function createOffer(ctx: ServiceContext, actor: CompanyActor, input: z.output<typeof createOfferInput>): Promise<Created> {
  const { idempotencyKey, ...fields } = input;
  const request = { procedure: 'tradedesk.offers.create', key: idempotencyKey, input: fields };
  return idempotent(ctx.deps.db, actor, request, async (trx) => {
    const now = ctx.deps.clock.now();
    const { paymentDays } = await checkOfferFields(trx, actor.companyId, fields, now);
    const lot = await takeLot(trx, actor.companyId, fields, now);
    const { today } = await companyCalendar(trx, actor.companyId, now);
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: 'OF', date: today });
    const offer = await trx
      .insertInto('trade_offers')
      .values({
        company_id: actor.companyId,
        number,
        ...offerColumns(fields, paymentDays),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'company_id', 'commodity_code', 'version'])
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'trade_offer.created',
      entityType: 'trade_offer',
      entityId: offer.id,
      after: {
        number,
        side: fields.side,
        commodity: fields.commodity,
        quantity: fields.quantity,
        unit: fields.unit,
        price: fields.price,
        priceUnit: fields.priceUnit,
        currency: fields.currency,
        visibility: fields.visibility,
        validUntil: fields.validUntil.toISOString(),
        lot: lot?.number ?? null,
      },
      payload: { actorCompanyId: actor.companyId, recipients: [], document: number },
    });
    await announceDeskChange(trx, actor.userId, ctx.request, offer);
    return { id: offer.id, number, version: offer.version };
  });
}

/** The offer for a change by the actor: one it cannot see is NOT_FOUND; the machine decides the rest. */
async function lockVisibleOffer(trx: Tx, companyId: string, offerId: string): Promise<OfferRow> {
  const offer = await lockOffer(trx, offerId);
  const visible = offer && (await selectVisibleOffers(trx, companyId).select('o.id').where('o.id', '=', offerId).executeTakeFirst());
  if (!offer || !visible) throw notFound('Offer');
  return offer;
}

/**
 * The owner takes a live offer off the desk: its open negotiations are called off (both parties
 * told), its lot is free again, and every desk refreshes.
 */
export async function withdrawOffer(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof withdrawOfferInput>,
): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'tradedesk.offers.withdraw', key: undefined, input }, async (trx) => {
    const now = ctx.deps.clock.now();
    const offer = await lockVisibleOffer(trx, actor.companyId, input.offerId);
    const owner = offer.company_id === actor.companyId;
    const move = transitionOffer(
      { status: offer.status, pastValidity: offer.valid_until.getTime() <= now.getTime() },
      'withdraw',
      owner ? 'owner' : 'other',
    );
    if (!move.ok) throw appError('CONFLICT', move.reason, REFUSALS[move.reason]);
    if (offer.version !== input.version) throw staleVersion('offer');
    const updated = await trx
      .updateTable('trade_offers')
      .set((eb) => ({ status: move.next, withdrawn_at: now, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', offer.id)
      .returning(['id', 'status', 'version'])
      .executeTakeFirstOrThrow();
    const reason = input.reason ? `The offer was withdrawn: ${input.reason}` : 'The offer was withdrawn.';
    const ended = await endOpenNegotiations(trx, offer.id, 'cancelled', reason, now);
    await announceEndedNegotiations(trx, actor, ctx.request, offer, actor.companyId, ended, reason);
    if (offer.lot_id) await releaseLot(trx, offer.lot_id, now);
    const counterparties = ended.map((negotiation) => negotiation.counterpartyCompanyId);
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'trade_offer.withdrawn',
      entityType: 'trade_offer',
      entityId: offer.id,
      before: { status: offer.status },
      after: { status: move.next, reason: input.reason ?? null, negotiationsEnded: ended.length },
      audience: [actor.companyId, ...counterparties],
      payload: { actorCompanyId: actor.companyId, recipients: counterparties, document: offer.number },
    });
    await announceDeskChange(trx, actor.userId, ctx.request, offer);
    return updated;
  });
}
