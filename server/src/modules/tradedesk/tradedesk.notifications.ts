import { type Database, type Executor, inTransaction } from '@tradeloom/db';
import { type TradeNoticeEvent, type TradeNoticeSubject, tradeNoticeEvents, tradeNoticeText, tradeRecipients } from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { companyNamesOnce } from '../companies/company-reads.ts';
import { findContractParties } from '../contracts/contract-parties.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { notify } from '../notifications/engine.ts';

// The trade desk's in-app notifications: each event names the companies to tell
// (`tradeRecipients`), and each reads its sentence from shared/src/tradedesk/trade-notices.ts.

export const TRADEDESK_NOTIFY_QUEUE = 'tradedesk.notify';
/** The trade desk events worded for their recipients. */
export const TRADEDESK_NOTIFY_EVENTS = tradeNoticeEvents;

const jobPayload = z.object({ eventId: z.number() });

/** Events whose sentence names the company that acted: that company is never told of its own act. */
const ACTOR_NAMED: readonly TradeNoticeEvent[] = [
  'negotiation.opened',
  'negotiation.countered',
  'negotiation.accepted',
  'negotiation.rejected',
  'negotiation.cancelled',
  'trade_offer.matched',
];

interface Notice {
  recipient: string;
  subject: TradeNoticeSubject;
  linkPath: string;
}

type Parties = z.infer<typeof tradeRecipients>;

function findNegotiation(db: Executor, negotiationId: string) {
  return db
    .selectFrom('negotiations as n')
    .innerJoin('trade_offers as o', 'o.id', 'n.offer_id')
    .select(['n.id', 'n.owner_company_id', 'n.counterparty_company_id', 'n.current_version', 'o.number'])
    .where('n.id', '=', negotiationId)
    .executeTakeFirst();
}

function findOffer(db: Executor, offerId: string) {
  return db.selectFrom('trade_offers').select(['id', 'number', 'side', 'company_id']).where('id', '=', offerId).executeTakeFirst();
}

/** Who reads what for one event; an entity that is gone tells no one. */
async function noticesOf(db: Executor, name: TradeNoticeEvent, entityId: string, parties: Parties): Promise<Notice[]> {
  const nameOf = companyNamesOnce(db);
  const actor = await nameOf(parties.actorCompanyId);
  const recipients = [...new Set(parties.recipients)].filter((id) => !ACTOR_NAMED.includes(name) || id !== parties.actorCompanyId);
  if (name === 'contract.created') {
    const contract = await findContractParties(db, entityId);
    if (!contract) return [];
    return Promise.all(
      recipients.map(async (recipient) => {
        const seller = recipient === contract.sellerCompanyId;
        return {
          recipient,
          subject: {
            actor,
            document: seller ? contract.sellerNumber : contract.buyerNumber,
            other: await nameOf(seller ? contract.buyerCompanyId : contract.sellerCompanyId),
          },
          linkPath: `/contracts/${entityId}`,
        };
      }),
    );
  }
  if (name === 'trade_offer.expired' || name === 'trade_offer.matched') {
    const offer = await findOffer(db, entityId);
    if (!offer) return [];
    const matched = parties.matchedOfferId ? await findOffer(db, parties.matchedOfferId) : undefined;
    if (name === 'trade_offer.matched' && !matched) return [];
    return recipients.map((recipient) => ({
      recipient,
      subject: { actor, document: offer.number, matched: matched?.number, side: matched?.side, score: parties.score },
      linkPath: `/desk/offers/${offer.id}`,
    }));
  }
  const negotiation = await findNegotiation(db, entityId);
  if (!negotiation) return [];
  return Promise.all(
    recipients.map(async (recipient) => ({
      recipient,
      subject: {
        actor,
        document: negotiation.number,
        version: parties.version ?? negotiation.current_version,
        other: await nameOf(
          recipient === negotiation.owner_company_id ? negotiation.counterparty_company_id : negotiation.owner_company_id,
        ),
      },
      linkPath: `/negotiations/${negotiation.id}`,
    })),
  );
}

/**
 * Words a trade desk event for each company it names: the other party of a negotiation, both
 * parties of a contract (each with its own number), an offer's owner when it expires or matches.
 * One transaction per event; a retried job does not notify twice (one notification per event and company).
 */
export function tradedeskNotificationHandler(db: Kysely<Database>): JobHandler {
  return {
    async run(raw) {
      const { eventId } = jobPayload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!(tradeNoticeEvents as readonly string[]).includes(event.type)) return;
      const name = event.type as TradeNoticeEvent;
      const parties = tradeRecipients.parse(event.payload);
      await inTransaction(db, async (trx) => {
        for (const notice of await noticesOf(trx, name, event.entity_id, parties)) {
          await notify(trx, {
            companyId: notice.recipient,
            kind: name,
            title: tradeNoticeText(name, notice.subject),
            linkPath: notice.linkPath,
            entityType: event.entity_type,
            entityId: event.entity_id,
            eventId,
            actorName: notice.subject.actor,
            document: notice.subject.document,
          });
        }
      });
    },
  };
}
