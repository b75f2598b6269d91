import type { DomainEventName } from '../events/registry.ts';

// What each party of a tender reads in its notifications, in one place. A tender event names the
// companies to tell; each reads the sentence for its side ({buyer} the tender's owner, {actor} the
// company that acted, {document} the RFQ number). A side without a sentence is not told.

/** Which sentence a recipient reads: the buyer's, an invitee's, or (on award) a winner's. */
export type TenderNoticeSide = 'buyer' | 'supplier' | 'winner';

export const tenderNotices = {
  'tender.published': { supplier: '{buyer} invites you to quote on {document} — closes {closes}' },
  'tender.suppliers_invited': { supplier: '{buyer} invites you to quote on {document} — closes {closes}' },
  'tender.extended': { supplier: '{buyer} extended the deadline of {document} to {closes}' },
  'tender.cancelled': { supplier: '{buyer} cancelled {document}' },
  'tender.closed': { buyer: '{document} closed: {quotes} in', supplier: '{document} closed for quotes' },
  'tender.awarded': {
    winner: '{buyer} awarded you {document}',
    supplier: '{buyer} awarded {document} to another supplier. Thank you for quoting.',
  },
  'tender.invitation_declined': { buyer: '{actor} declined to quote on {document}' },
  // Prices stay sealed: the buyer learns who quoted and when, never what.
  'quote.submitted': { buyer: '{actor} submitted a quote on {document}' },
  'quote.withdrawn': { buyer: '{actor} withdrew its quote on {document}' },
  'clarification.asked': { buyer: '{actor} asked a question on {document}' },
  'clarification.answered': { supplier: '{buyer} answered a question on {document}' },
} as const satisfies Partial<Record<DomainEventName, Partial<Record<TenderNoticeSide, string>>>>;

export type TenderNoticeEvent = keyof typeof tenderNotices;
export const tenderNoticeEvents = Object.keys(tenderNotices) as TenderNoticeEvent[];

export interface TenderNoticeSubject {
  buyer: string;
  actor: string;
  document: string;
  /** The closing time as the recipient reads it, e.g. `5 Dec, 17:00`. */
  closes?: string;
  /** Submitted quotes, when the tender closed. */
  quoteCount?: number;
}

const quotesIn = (n: number) => (n === 0 ? 'no quotes' : n === 1 ? '1 quote' : `${n} quotes`);

/** The sentence one side reads, or null when that side is not told of this event. */
export function tenderNoticeText(name: TenderNoticeEvent, side: TenderNoticeSide, subject: TenderNoticeSubject): string | null {
  const templates: Partial<Record<TenderNoticeSide, string>> = tenderNotices[name];
  // A winner of an event without a winner's sentence reads the invitee's.
  const template = templates[side] ?? (side === 'winner' ? templates.supplier : undefined);
  if (!template) return null;
  return template
    .replaceAll('{buyer}', subject.buyer)
    .replaceAll('{actor}', subject.actor)
    .replaceAll('{document}', subject.document)
    .replaceAll('{closes}', subject.closes ?? 'soon')
    .replaceAll('{quotes}', quotesIn(subject.quoteCount ?? 0));
}

/** A closing time as a company in `timeZone` reads it: `5 Dec, 17:00`. */
export function noticeDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}
