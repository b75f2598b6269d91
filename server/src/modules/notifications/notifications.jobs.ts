import type { Database } from '@tradeloom/db';
import { domainEvents, isDomainEventName, notificationText, partiesPayload } from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findCompanyName } from '../companies/company-reads.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { createNotification } from './notifications.service.ts';

export const NOTIFY_QUEUE = 'notifications.partner';
// (the queue keeps its first name: renaming it would strand queued jobs)

const payload = z.object({ eventId: z.number() });

const linkPaths: Record<string, (entityId: string) => string> = {
  partner_link: () => '/partners',
  order: (entityId) => `/orders/${entityId}`,
};

/**
 * Turns a partner-link or order event into a notification for the company that did not act; the
 * text is the event's `notify` template in the shared registry.
 */
export function partnerNotificationHandler(db: Kysely<Database>): JobHandler {
  return {
    async run(raw) {
      const { eventId } = payload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!isDomainEventName(event.type) || !domainEvents[event.type].notify) return;
      const parties = partiesPayload.parse(event.payload);
      const recipient = parties.actorCompanyId === parties.buyerCompanyId ? parties.supplierCompanyId : parties.buyerCompanyId;
      const actorName = await findCompanyName(db, parties.actorCompanyId);
      await createNotification(db, {
        companyId: recipient,
        type: event.type,
        title: notificationText(event.type, actorName) ?? event.type,
        linkPath: linkPaths[event.entity_type]?.(event.entity_id),
        entityType: event.entity_type,
        entityId: event.entity_id,
        eventId,
      });
    },
  };
}
