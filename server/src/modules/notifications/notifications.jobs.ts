import { type Executor, inTransaction } from '@tradeloom/db';
import {
  deliveryPayload,
  domainEvents,
  financeDocumentPayload,
  formatMoney,
  invoicePayload,
  isDomainEventName,
  isNotifiableKind,
  type NotificationSubject,
  notificationText,
  orderTransitionPayload,
  partiesPayload,
} from '@tradeloom/shared';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { findCompanyName } from '../companies/company-reads.ts';
import { findDeliveryBranches } from '../deliveries/deliveries.service.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { findOrderShipTo } from '../orders/orders.repository.ts';
import { notify } from './engine.ts';

export const NOTIFY_QUEUE = 'notifications.partner';
// (the queue keeps its first name: renaming it would strand queued jobs)

const payload = z.object({ eventId: z.number() });

const linkPaths: Record<string, (entityId: string) => string> = {
  partner_link: () => '/partners',
  order: (entityId) => `/orders/${entityId}`,
  invoice: (entityId) => `/invoices/${entityId}`,
  dispute: (entityId) => `/disputes/${entityId}`,
  invoice_note: (entityId) => `/notes/${entityId}`,
  delivery: (entityId) => `/deliveries/${entityId}`,
};

/** The document and amount an order event names; a link event names only the company. */
function subjectOf(entityType: string, payload: unknown): NotificationSubject {
  if (entityType === 'dispute' || entityType === 'invoice_note') {
    const finance = financeDocumentPayload.safeParse(payload);
    if (!finance.success) return {};
    const { document, total, currency } = finance.data;
    return { document, amount: total && currency ? formatMoney(total, currency) : undefined };
  }
  if (entityType === 'delivery') return { document: deliveryPayload.safeParse(payload).data?.document };
  if (entityType !== 'order' && entityType !== 'invoice') return {};
  const order = (entityType === 'invoice' ? invoicePayload : orderTransitionPayload).safeParse(payload);
  if (!order.success) return {};
  const { document, total, currency } = order.data;
  return { document, amount: total && currency ? formatMoney(total, currency) : undefined };
}

/** The branch an order is for, when the recipient is its buyer (a supplier's branches are its own). */
async function branchFor(db: Executor, entityType: string, entityId: string, recipient: string): Promise<string | null> {
  if (entityType === 'delivery') {
    const delivery = await findDeliveryBranches(db, entityId);
    if (!delivery) return null;
    return delivery.buyerCompanyId === recipient ? delivery.buyerBranchId : delivery.supplierBranchId;
  }
  if (entityType !== 'order') return null;
  const order = await findOrderShipTo(db, entityId);
  return order?.buyerCompanyId === recipient ? order.shipToBranchId : null;
}

/**
 * Turns a partner-link or order event into a notification for the company that did not act; the
 * text is the event's `notify` template in the shared registry, filled from the event's payload
 * (who acted, which document, how much), and the notification links to the document. An order's
 * buyer hears of it in the branch it ships to.
 */
export function partnerNotificationHandler(deps: Pick<AppDeps, 'db' | 'clock'>): JobHandler {
  const { db, clock } = deps;
  return {
    async run(raw) {
      const { eventId } = payload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!isDomainEventName(event.type) || !domainEvents[event.type].notify || !isNotifiableKind(event.type)) return;
      const kind = event.type;
      const parties = partiesPayload.parse(event.payload);
      const recipient = parties.actorCompanyId === parties.buyerCompanyId ? parties.supplierCompanyId : parties.buyerCompanyId;
      await inTransaction(db, async (trx) => {
        const actorName = await findCompanyName(trx, parties.actorCompanyId);
        const subject = subjectOf(event.entity_type, event.payload);
        await notify(trx, {
          companyId: recipient,
          kind,
          title: notificationText(kind, actorName, subject) ?? kind,
          linkPath: linkPaths[event.entity_type]?.(event.entity_id),
          entityType: event.entity_type,
          entityId: event.entity_id,
          eventId,
          actorName,
          document: subject.document,
          branchId: await branchFor(trx, event.entity_type, event.entity_id, recipient),
          now: clock.now(),
        });
      });
    },
  };
}
