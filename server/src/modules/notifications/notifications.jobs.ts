import type { Database } from '@tradeloom/db';
import {
  domainEvents,
  formatMoney,
  isDomainEventName,
  isNotifiableKind,
  type NotificationSubject,
  notificationText,
  orderTransitionPayload,
  partiesPayload,
} from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findCompanyName } from '../companies/company-reads.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { notify } from './engine.ts';

export const NOTIFY_QUEUE = 'notifications.partner';
// (the queue keeps its first name: renaming it would strand queued jobs)

const payload = z.object({ eventId: z.number() });

const linkPaths: Record<string, (entityId: string) => string> = {
  partner_link: () => '/partners',
  order: (entityId) => `/orders/${entityId}`,
};

/** The document and amount an order event names; a link event names only the company. */
function subjectOf(entityType: string, payload: unknown): NotificationSubject {
  if (entityType !== 'order') return {};
  const order = orderTransitionPayload.safeParse(payload);
  if (!order.success) return {};
  const { document, total, currency } = order.data;
  return { document, amount: total && currency ? formatMoney(total, currency) : undefined };
}

/**
 * Turns a partner-link or order event into a notification for the company that did not act; the
 * text is the event's `notify` template in the shared registry, filled from the event's payload
 * (who acted, which document, how much), and the notification links to the document.
 */
export function partnerNotificationHandler(db: Kysely<Database>): JobHandler {
  return {
    async run(raw) {
      const { eventId } = payload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!isDomainEventName(event.type) || !domainEvents[event.type].notify || !isNotifiableKind(event.type)) return;
      const parties = partiesPayload.parse(event.payload);
      const recipient = parties.actorCompanyId === parties.buyerCompanyId ? parties.supplierCompanyId : parties.buyerCompanyId;
      const actorName = await findCompanyName(db, parties.actorCompanyId);
      await notify(db, {
        companyId: recipient,
        kind: event.type,
        title: notificationText(event.type, actorName, subjectOf(event.entity_type, event.payload)) ?? event.type,
        linkPath: linkPaths[event.entity_type]?.(event.entity_id),
        entityType: event.entity_type,
        entityId: event.entity_id,
        eventId,
      });
    },
  };
}
