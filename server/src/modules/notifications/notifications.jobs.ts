import type { Database } from '@tradeloom/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findCompanyName } from '../companies/company-reads.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { subscribe } from '../events/subscribers.ts';
import { LINK_EVENT } from '../partners/partners.service.ts';
import { createNotification } from './notifications.service.ts';

export const NOTIFY_QUEUE = 'notifications.partner';
// (the queue keeps its first name: renaming it would strand queued jobs)

// What the other company reads when a partner acts on their link.
const TEXT: Record<string, (actor: string) => string> = {
  [LINK_EVENT.request]: (actor) => `${actor} asked to link with you as a buyer`,
  [LINK_EVENT.accept]: (actor) => `${actor} accepted your link request`,
  [LINK_EVENT.deny]: (actor) => `${actor} declined your link request`,
  [LINK_EVENT.block]: (actor) => `${actor} blocked the link with you`,
  [LINK_EVENT.cancel]: (actor) => `${actor} withdrew its link request`,
  [LINK_EVENT.unlink]: (actor) => `${actor} ended the link with you`,
  [LINK_EVENT.unblock]: (actor) => `${actor} unblocked the link with you`,
  'order.submitted': (actor) => `${actor} sent you an order`,
  'order.accepted': (actor) => `${actor} accepted your order`,
  'order.rejected': (actor) => `${actor} rejected your order`,
  'order.in_progress': (actor) => `${actor} started work on your order`,
  'order.shipped': (actor) => `${actor} shipped your order`,
  'order.delivered': (actor) => `${actor} confirmed delivery of the order`,
  'order.completed': (actor) => `${actor} completed the order`,
  'order.cancelled': (actor) => `${actor} cancelled an order with you`,
};

for (const type of Object.keys(TEXT)) subscribe(type, NOTIFY_QUEUE);

const payload = z.object({ eventId: z.number() });
const linkPayload = z.object({ buyerCompanyId: z.string(), supplierCompanyId: z.string(), actorCompanyId: z.string() });

/** Turns a partner-link or order event into a notification for the company that did not act. */
export function partnerNotificationHandler(db: Kysely<Database>): JobHandler {
  return {
    async run(raw) {
      const { eventId } = payload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      const text = TEXT[event.type];
      if (!text) return;
      const link = linkPayload.parse(event.payload);
      const recipient = link.actorCompanyId === link.buyerCompanyId ? link.supplierCompanyId : link.buyerCompanyId;
      const actorName = await findCompanyName(db, link.actorCompanyId);
      await createNotification(db, {
        companyId: recipient,
        type: event.type,
        title: text(actorName),
        linkPath:
          event.entity_type === 'partner_link' ? '/partners' : event.entity_type === 'order' ? `/orders/${event.entity_id}` : undefined,
        entityType: event.entity_type,
        entityId: event.entity_id,
        eventId,
      });
    },
  };
}
