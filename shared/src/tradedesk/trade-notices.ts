import type { DomainEventName } from '../events/registry.ts';

// What each company reads in its notifications about the trade desk, in one place. An event names
// the companies to tell (`tradeRecipients`); each reads the sentence below, filled with {actor}
// (the company that acted), {other} (the recipient's counterparty), {document} (the offer's number,
// or the recipient's own contract number), {version}, {matched} (the matched offer's number),
// {side} and {score}.

export const tradeNotices = {
  'negotiation.opened': '{actor} opened a negotiation on {document}',
  'negotiation.countered': '{actor} countered on {document} (version {version})',
  'negotiation.accepted': '{actor} accepted version {version} on {document}',
  'negotiation.rejected': '{actor} rejected the terms on {document}',
  'negotiation.cancelled': '{actor} called off the negotiation on {document}',
  'negotiation.expired': 'The negotiation with {other} on {document} expired without a deal',
  'contract.created': 'Contract {document} signed with {other}',
  'trade_offer.expired': 'Your offer {document} expired',
  'trade_offer.matched': '{actor}’s {side} offer {matched} matches your {document} (score {score})',
} as const satisfies Partial<Record<DomainEventName, string>>;

export type TradeNoticeEvent = keyof typeof tradeNotices;
export const tradeNoticeEvents = Object.keys(tradeNotices) as TradeNoticeEvent[];

export interface TradeNoticeSubject {
  actor: string;
  /** The recipient's counterparty (a negotiation's other party, a contract's other side). */
  other?: string;
  document: string;
  version?: number;
  matched?: string;
  side?: 'buy' | 'sell';
  score?: number;
}

/** The sentence a recipient reads for a trade desk event. */
export function tradeNoticeText(name: TradeNoticeEvent, subject: TradeNoticeSubject): string {
  return tradeNotices[name]
    .replaceAll('{actor}', subject.actor)
    .replaceAll('{other}', subject.other ?? subject.actor)
    .replaceAll('{document}', subject.document)
    .replaceAll('{version}', String(subject.version ?? 1))
    .replaceAll('{matched}', subject.matched ?? 'an offer')
    .replaceAll('{side}', subject.side ?? 'opposite')
    .replaceAll('{score}', String(subject.score ?? 0));
}
