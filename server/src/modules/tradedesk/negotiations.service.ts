import { inTransaction, type Tx } from '@tradeloom/db';
import {
  type acceptNegotiationInput,
  type cancelNegotiationInput,
  type counterNegotiationInput,
  dec,
  type NegotiationStatus,
  type negotiationChanged,
  type openNegotiationInput,
  type rejectNegotiationInput,
  transitionOffer,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, notFound, staleVersion } from '../../trpc/errors.ts';
import { createContractFromDeal } from '../contracts/contracts.service.ts';
import { markLotSold } from './lot-records.ts';
import {
  assertNegotiationTransition,
  lockPartyNegotiation,
  type NegotiationRow,
  negotiationExpiry,
  recordNegotiationChange,
  roundTerms,
} from './negotiation-records.ts';
import { checkedTerms, inOfferUnit } from './negotiation-terms.ts';
import {
  announceDeskChange,
  endOpenNegotiations,
  lockOffer,
  type OfferRow,
  selectVisibleOffers,
  settleOfferStatus,
} from './offer-records.ts';

// Negotiations on an offer: the counterparty opens one with proposed terms, the sides alternate
// counter-offers (each a new version holding the whole terms), and the side whose turn it is
// accepts, rejects, or either calls it off. Accepting takes the quantity from the offer and signs
// the contract in the same transaction.
//
// Lock order, everywhere (and in the offer's withdraw and expiry): the offer row first, then the
// negotiation's. A negotiation is read once unlocked only to learn its offer.

type Changed = z.infer<typeof negotiationChanged>;

/** The offer of the party's negotiation and the negotiation, both locked (offer first). */
async function lockDeal(trx: Tx, negotiationId: string, companyId: string): Promise<{ offer: OfferRow; negotiation: NegotiationRow }> {
  const { offer_id } = await lockPartyNegotiationOffer(trx, negotiationId, companyId);
  const offer = await lockOffer(trx, offer_id);
  if (!offer) throw notFound('Negotiation');
  return { offer, negotiation: await lockPartyNegotiation(trx, negotiationId, companyId) };
}

async function lockPartyNegotiationOffer(trx: Tx, negotiationId: string, companyId: string) {
  const row = await trx
    .selectFrom('negotiations')
    .select('offer_id')
    .where('id', '=', negotiationId)
    .where((eb) => eb.or([eb('owner_company_id', '=', companyId), eb('counterparty_company_id', '=', companyId)]))
    .executeTakeFirst();
  if (!row) throw notFound('Negotiation');
  return row;
}

function assertVersion(negotiation: NegotiationRow, version: number) {
  // Acting on terms someone has since countered would agree to something never read.
  if (negotiation.current_version !== version) throw staleVersion('negotiation');
}

const actorOf = (actor: CompanyActor) => ({ userId: actor.userId, apiKeyId: actor.apiKeyId });

export async function openNegotiation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof openNegotiationInput>,
): Promise<{ id: string; version: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const visible = await selectVisibleOffers(trx, actor.companyId).select('o.id').where('o.id', '=', input.offerId).executeTakeFirst();
    const offer = visible && (await lockOffer(trx, visible.id));
    if (!offer) throw notFound('Offer');
    const now = ctx.deps.clock.now();
    const verdict = transitionOffer(
      { status: offer.status, pastValidity: offer.valid_until.getTime() <= now.getTime() },
      'negotiate',
      offer.company_id === actor.companyId ? 'owner' : 'other',
    );
    if (!verdict.ok)
      throw verdict.reason === 'OWN_OFFER'
        ? appError('CONFLICT', 'OWN_OFFER', 'You cannot negotiate on your own offer.')
        : appError('CONFLICT', 'OFFER_NOT_OPEN', `Offer ${offer.number} is no longer open for negotiation.`);
    const running = await trx
      .selectFrom('negotiations')
      .select('id')
      .where('offer_id', '=', offer.id)
      .where('counterparty_company_id', '=', actor.companyId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (running) throw appError('CONFLICT', 'NEGOTIATION_EXISTS', 'You already have a negotiation running on this offer; answer it there.');
    const terms = await checkedTerms(trx, actor.companyId, offer, input.terms);
    // The partial unique index decides a race the check above cannot see (init.ts maps it).
    const negotiation = await trx
      .insertInto('negotiations')
      .values({
        offer_id: offer.id,
        owner_company_id: offer.company_id,
        counterparty_company_id: actor.companyId,
        proposed_by_company_id: actor.companyId,
        expires_at: negotiationExpiry(now, offer.valid_until),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'owner_company_id', 'counterparty_company_id', 'current_version'])
      .executeTakeFirstOrThrow();
    await insertRound(trx, negotiation.id, 1, actor, terms, input.message, now);
    await settleOfferStatus(trx, offer.id, now);
    await announceDeskChange(trx, actor.userId, ctx.request, offer);
    await recordNegotiationChange(trx, ctx.request, {
      action: 'negotiation.opened',
      negotiation,
      document: offer.number,
      actorCompanyId: actor.companyId,
      actor: actorOf(actor),
      after: { offer: offer.number, version: 1, price: terms.price, quantity: terms.quantity, unit: terms.unit },
    });
    return { id: negotiation.id, version: negotiation.current_version };
  });
}

async function insertRound(
  trx: Tx,
  negotiationId: string,
  version: number,
  actor: CompanyActor,
  terms: unknown,
  message: string | undefined,
  now: Date,
) {
  await trx
    .insertInto('negotiation_rounds')
    .values({
      negotiation_id: negotiationId,
      version,
      company_id: actor.companyId,
      terms: JSON.stringify(terms),
      message: message || null,
      created_by: actor.userId,
      created_at: now,
    })
    .execute();
}

export async function counterNegotiation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof counterNegotiationInput>,
): Promise<Changed> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { offer, negotiation } = await lockDeal(trx, input.negotiationId, actor.companyId);
    assertVersion(negotiation, input.version);
    const now = ctx.deps.clock.now();
    assertNegotiationTransition(negotiation, 'counter', actor.companyId, now);
    const terms = await checkedTerms(trx, actor.companyId, offer, input.terms);
    const version = negotiation.current_version + 1;
    await insertRound(trx, negotiation.id, version, actor, terms, input.message, now);
    // Each proposal gives the other side the full window to answer it.
    await trx
      .updateTable('negotiations')
      .set({
        current_version: version,
        proposed_by_company_id: actor.companyId,
        expires_at: negotiationExpiry(now, offer.valid_until),
        updated_at: now,
      })
      .where('id', '=', negotiation.id)
      .execute();
    await recordNegotiationChange(trx, ctx.request, {
      action: 'negotiation.countered',
      negotiation,
      document: offer.number,
      actorCompanyId: actor.companyId,
      actor: actorOf(actor),
      after: { version, price: terms.price, quantity: terms.quantity, unit: terms.unit },
    });
    return { id: negotiation.id, status: 'open', version };
  });
}

/** Ends an open negotiation with the status the machine gave; the offer settles and desks refresh. */
async function endNegotiation(
  trx: Tx,
  ctx: ServiceContext,
  actor: CompanyActor,
  offer: OfferRow,
  negotiation: NegotiationRow,
  status: NegotiationStatus,
  reason: string | null,
) {
  const now = ctx.deps.clock.now();
  await trx
    .updateTable('negotiations')
    .set({ status, ended_at: now, end_reason: reason, updated_at: now })
    .where('id', '=', negotiation.id)
    .execute();
  await settleOfferStatus(trx, offer.id, now);
  await announceDeskChange(trx, actor.userId, ctx.request, offer);
}

export async function rejectNegotiation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof rejectNegotiationInput>,
): Promise<Changed> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { offer, negotiation } = await lockDeal(trx, input.negotiationId, actor.companyId);
    assertVersion(negotiation, input.version);
    const now = ctx.deps.clock.now();
    const status = assertNegotiationTransition(negotiation, 'reject', actor.companyId, now);
    await endNegotiation(trx, ctx, actor, offer, negotiation, status, input.reason || null);
    await recordNegotiationChange(trx, ctx.request, {
      action: 'negotiation.rejected',
      negotiation,
      document: offer.number,
      actorCompanyId: actor.companyId,
      actor: actorOf(actor),
      before: { status: negotiation.status },
      after: { status, version: negotiation.current_version, reason: input.reason ?? null },
    });
    return { id: negotiation.id, status, version: negotiation.current_version };
  });
}

export async function cancelNegotiation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof cancelNegotiationInput>,
): Promise<Changed> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { offer, negotiation } = await lockDeal(trx, input.negotiationId, actor.companyId);
    const now = ctx.deps.clock.now();
    const status = assertNegotiationTransition(negotiation, 'cancel', actor.companyId, now);
    await endNegotiation(trx, ctx, actor, offer, negotiation, status, input.reason || null);
    await recordNegotiationChange(trx, ctx.request, {
      action: 'negotiation.cancelled',
      negotiation,
      document: offer.number,
      actorCompanyId: actor.companyId,
      actor: actorOf(actor),
      before: { status: negotiation.status },
      after: { status, reason: input.reason ?? null },
    });
    return { id: negotiation.id, status, version: negotiation.current_version };
  });
}

/**
 * The deal: the current version's quantity comes off what the offer has left (another deal may
 * have taken it since the terms were proposed), the contract is signed, and an offer with nothing
 * left closes, calling off its other negotiations; a sold-out lot is marked sold.
 */
export async function acceptNegotiation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof acceptNegotiationInput>,
): Promise<{ contractId: string }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { offer, negotiation } = await lockDeal(trx, input.negotiationId, actor.companyId);
    assertVersion(negotiation, input.version);
    const now = ctx.deps.clock.now();
    const status = assertNegotiationTransition(negotiation, 'accept', actor.companyId, now);
    const round = await roundTerms(trx, negotiation.id, negotiation.current_version);
    const taken = inOfferUnit(round.terms.quantity, round.terms.unit, offer.unit);
    const remaining = dec(offer.remaining_quantity).minus(taken);
    if (remaining.isNegative()) {
      throw appError(
        'CONFLICT',
        'QUANTITY_EXCEEDS_REMAINING',
        `Offer ${offer.number} has only ${dec(offer.remaining_quantity).toString()} ${offer.unit} left; counter with a quantity it can still cover.`,
      );
    }
    await trx
      .updateTable('trade_offers')
      .set((eb) => ({ remaining_quantity: remaining.toFixed(3), version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', offer.id)
      .execute();
    const contract = await createContractFromDeal(trx, ctx.request, actor, {
      negotiationId: negotiation.id,
      acceptedVersion: negotiation.current_version,
      terms: round.terms,
      proposedByCompanyId: round.companyId,
      offer: {
        id: offer.id,
        companyId: offer.company_id,
        side: offer.side,
        commodityCode: offer.commodity_code,
        varietyCode: offer.variety_code,
        lotId: offer.lot_id,
      },
      counterpartyCompanyId: negotiation.counterparty_company_id,
      signedAt: now,
    });
    await trx
      .updateTable('negotiations')
      .set({ status, ended_at: now, contract_id: contract.id, updated_at: now })
      .where('id', '=', negotiation.id)
      .execute();
    await recordNegotiationChange(trx, ctx.request, {
      action: 'negotiation.accepted',
      negotiation,
      document: offer.number,
      actorCompanyId: actor.companyId,
      actor: actorOf(actor),
      before: { status: negotiation.status },
      after: { status, version: negotiation.current_version, contractId: contract.id },
    });
    if (remaining.isZero()) await closeSoldOut(trx, ctx, offer, now);
    await settleOfferStatus(trx, offer.id, now);
    await announceDeskChange(trx, actor.userId, ctx.request, offer);
    return { contractId: contract.id };
  });
}

/**
 * Nothing left on the offer: its other negotiations end and its lot is sold. Those negotiations
 * are not the accepting company's: both of their parties are told, and each keeps the audit row
 * (announceEndedNegotiations would write it to the acting company, a stranger to them).
 */
async function closeSoldOut(trx: Tx, ctx: ServiceContext, offer: OfferRow, now: Date) {
  const ended = await endOpenNegotiations(trx, offer.id, 'cancelled', 'The offer was sold out in another deal.', now);
  for (const other of ended) {
    await recordNegotiationChange(trx, ctx.request, {
      action: 'negotiation.cancelled',
      negotiation: { id: other.id, owner_company_id: other.ownerCompanyId, counterparty_company_id: other.counterpartyCompanyId },
      document: offer.number,
      actorCompanyId: null,
      actor: { userId: null },
      before: { status: 'open' },
      after: { status: 'cancelled', reason: 'sold out' },
    });
  }
  if (offer.lot_id) await markLotSold(trx, offer.lot_id, now);
}
