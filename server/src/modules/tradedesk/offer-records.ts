import type { Executor, Tx } from '@tradeloom/db';
import { dec, liveOfferStatus, type OfferStatus } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { RequestMeta } from '../../deps.ts';
import type { AuditActor } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';
import { recordChange } from '../events/record-change.ts';
import { acceptedLinkEitherWay } from '../partners/accepted-links.ts';

// What every trade desk service needs about an offer: who may see it (the one visibility rule),
// locking it for a change, settling its status after negotiations or deals move, and calling off
// its open negotiations when it ends.

export const LIVE_OFFER_STATUSES = ['open', 'negotiating'] as const satisfies readonly OfferStatus[];

/**
 * The offers `viewerCompanyId` may see, as a select over `trade_offers as o`: its own (any status);
 * live offers on the desk; live partners-only offers of a company it has an accepted link with
 * (either role); and any offer it has a negotiation on (so a party keeps seeing what it dealt on).
 * Lists, get, matches and negotiation-open all start here: a hidden offer is NOT_FOUND.
 */
export function selectVisibleOffers(db: Executor, viewerCompanyId: string) {
  return db
    .selectFrom('trade_offers as o')
    .where((eb) =>
      eb.or([
        eb('o.company_id', '=', viewerCompanyId),
        eb.and([
          eb('o.status', 'in', LIVE_OFFER_STATUSES),
          eb.or([
            eb('o.visibility', '=', 'desk'),
            eb.and([eb('o.visibility', '=', 'partners'), acceptedLinkEitherWay(viewerCompanyId, eb.ref('o.company_id'))]),
          ]),
        ]),
        eb.exists(
          eb
            .selectFrom('negotiations as vn')
            .select(sql.lit(1).as('one'))
            .whereRef('vn.offer_id', '=', 'o.id')
            .where('vn.counterparty_company_id', '=', viewerCompanyId),
        ),
      ]),
    );
}

/** The offer row locked for a change (any company's: the caller checks ownership), or undefined. */
export function lockOffer(trx: Tx, offerId: string) {
  return trx.selectFrom('trade_offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
}

export type OfferRow = NonNullable<Awaited<ReturnType<typeof lockOffer>>>;

/**
 * After a negotiation opens or ends, or a deal takes quantity: a live offer becomes closed when
 * nothing remains, negotiating while a negotiation runs, open otherwise (`liveOfferStatus`). The
 * version moves on when the status changes. An offer already off the desk keeps its status.
 */
export async function settleOfferStatus(trx: Tx, offerId: string, now: Date): Promise<OfferStatus> {
  const offer = await trx
    .selectFrom('trade_offers as o')
    .select(['o.status', 'o.remaining_quantity'])
    .select((eb) =>
      eb
        .selectFrom('negotiations as n')
        .select(eb.fn.countAll<string>().as('count'))
        .whereRef('n.offer_id', '=', 'o.id')
        .where('n.status', '=', 'open')
        .as('open_negotiations'),
    )
    .where('o.id', '=', offerId)
    .executeTakeFirstOrThrow();
  if (offer.status !== 'open' && offer.status !== 'negotiating') return offer.status;
  const next = liveOfferStatus({
    remainingIsZero: dec(offer.remaining_quantity).isZero(),
    openNegotiations: Number(offer.open_negotiations ?? 0),
  });
  if (next === offer.status) return next;
  await trx
    .updateTable('trade_offers')
    .set((eb) => ({
      status: next,
      closed_at: next === 'closed' ? now : null,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', offerId)
    .execute();
  return next;
}

export interface EndedNegotiation {
  id: string;
  ownerCompanyId: string;
  counterpartyCompanyId: string;
}

/**
 * Calls off the offer's open negotiations (the offer was withdrawn, expired or a deal took the
 * rest) and returns them, so the caller emits `negotiation.cancelled` to both parties of each.
 */
export async function endOpenNegotiations(
  trx: Tx,
  offerId: string,
  status: 'cancelled',
  reason: string,
  now: Date,
): Promise<EndedNegotiation[]> {
  const rows = await trx
    .updateTable('negotiations')
    .set({ status, ended_at: now, end_reason: reason, updated_at: now })
    .where('offer_id', '=', offerId)
    .where('status', '=', 'open')
    .returning(['id', 'owner_company_id', 'counterparty_company_id'])
    .execute();
  return rows.map((row) => ({ id: row.id, ownerCompanyId: row.owner_company_id, counterpartyCompanyId: row.counterparty_company_id }));
}

/**
 * Every desk screen refetches the commodity's offers: sent to all companies' listeners with
 * `tradedesk:read`, naming the commodity only, so a partners-only offer's id reaches no stranger.
 * Call it whenever a change moves what the desk shows (an offer posted, settled or ended).
 */
export async function announceDeskChange(
  trx: Executor,
  actorUserId: string | null,
  request: RequestMeta,
  offer: { company_id: string; commodity_code: string },
): Promise<void> {
  await emitEvent(trx, actorUserId, request, {
    type: 'desk.changed',
    companyId: offer.company_id,
    entityType: 'desk',
    entityId: offer.commodity_code,
    audience: 'everyone',
  });
}

/**
 * Audit and `negotiation.cancelled` for each negotiation `endOpenNegotiations` called off, told to
 * both parties (the counterparty is the one to notify). `actorCompanyId` is whose log keeps the row.
 */
export async function announceEndedNegotiations(
  trx: Executor,
  actor: AuditActor,
  request: RequestMeta,
  offer: { number: string },
  actorCompanyId: string,
  ended: EndedNegotiation[],
  reason: string,
): Promise<void> {
  for (const negotiation of ended) {
    const other = negotiation.ownerCompanyId === actorCompanyId ? negotiation.counterpartyCompanyId : negotiation.ownerCompanyId;
    await recordChange(trx, actor, request, {
      companyId: actorCompanyId,
      action: 'negotiation.cancelled',
      entityType: 'negotiation',
      entityId: negotiation.id,
      before: { status: 'open' },
      after: { status: 'cancelled', reason },
      audience: [negotiation.ownerCompanyId, negotiation.counterpartyCompanyId],
      payload: { actorCompanyId, recipients: [other], document: offer.number },
    });
  }
}
