import { type Database, type Executor, inTransaction } from '@tradeloom/db';
import { COMPLAINT_CATEGORY_LABELS, complaintParties, type DomainEventName, RESOLUTION_KIND_LABELS } from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { userNameOf } from '../auth/user-reads.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { type NotifyRequest, notify } from '../notifications/engine.ts';

// Complaint events worded for each side: the supplier hears of what the buyer files, reopens
// and writes; the buyer of what the supplier decides; the assignee of their assignment; the
// supplier's managers (and the buyer) of an escalation. The engine picks the people and channels.

export const SUPPORT_NOTIFY_QUEUE = 'support.notify';
export const SUPPORT_NOTIFY_EVENTS = [
  'complaint.filed',
  'complaint.assigned',
  'complaint.escalated',
  'complaint.noted',
  'complaint.resolved',
  'complaint.rejected',
  'complaint.reopened',
] as const satisfies readonly DomainEventName[];
type ComplaintEvent = (typeof SUPPORT_NOTIFY_EVENTS)[number];

const jobPayload = z.object({ eventId: z.number() });
type Parties = z.infer<typeof complaintParties>;

function findComplaint(db: Executor, complaintId: string) {
  return db
    .selectFrom('complaints as c')
    .select((eb) => [
      'c.id',
      'c.number',
      'c.category',
      'c.resolution_kind',
      'c.assignee_user_id',
      companyNameOf(eb.ref('c.buyer_company_id')).as('buyer_name'),
      companyNameOf(eb.ref('c.supplier_company_id')).as('supplier_name'),
      userNameOf(eb.ref('c.assignee_user_id')).as('assignee_name'),
    ])
    .where('c.id', '=', complaintId)
    .executeTakeFirst();
}
type Complaint = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

type Notice = Pick<NotifyRequest, 'companyId' | 'title' | 'userIds'>;

/** Who hears of one complaint event, and in which words. */
function noticesOf(name: ComplaintEvent, parties: Parties, complaint: Complaint): Notice[] {
  const { number } = complaint;
  const buyer = { companyId: parties.buyerCompanyId };
  const supplier = { companyId: parties.supplierCompanyId };
  const byBuyer = parties.actorCompanyId === parties.buyerCompanyId;
  switch (name) {
    case 'complaint.filed':
      return [
        { ...supplier, title: `${complaint.buyer_name} filed complaint ${number} (${COMPLAINT_CATEGORY_LABELS[complaint.category]})` },
      ];
    case 'complaint.assigned': {
      const assignee = parties.assigneeUserId ?? complaint.assignee_user_id;
      return [
        ...(assignee
          ? [{ ...supplier, userIds: [assignee], title: `Complaint ${number} from ${complaint.buyer_name} is assigned to you` }]
          : []),
        { ...buyer, title: `${complaint.supplier_name} is reviewing your complaint ${number}` },
      ];
    }
    case 'complaint.escalated': {
      const missed = parties.reason === 'first_response_sla' ? 'first response' : parties.reason === 'resolution_sla' ? 'resolution' : null;
      return [
        {
          ...supplier,
          title: missed
            ? `Complaint ${number} from ${complaint.buyer_name} is escalated: its ${missed} deadline passed`
            : byBuyer
              ? `${complaint.buyer_name} escalated complaint ${number}`
              : `Complaint ${number} from ${complaint.buyer_name} was escalated to managers`,
        },
        {
          ...buyer,
          title: missed
            ? `Your complaint ${number} is escalated: ${complaint.supplier_name} missed its ${missed} deadline`
            : byBuyer
              ? `Your complaint ${number} was escalated to ${complaint.supplier_name}’s managers`
              : `${complaint.supplier_name} escalated your complaint ${number} to its managers`,
        },
      ];
    }
    case 'complaint.resolved': {
      const how = complaint.resolution_kind ? `: ${RESOLUTION_KIND_LABELS[complaint.resolution_kind]}` : '';
      return [{ ...buyer, title: `${complaint.supplier_name} resolved your complaint ${number}${how}` }];
    }
    case 'complaint.rejected':
      return [{ ...buyer, title: `${complaint.supplier_name} rejected your complaint ${number}` }];
    case 'complaint.reopened':
      return [{ ...supplier, title: `${complaint.buyer_name} reopened complaint ${number}` }];
    case 'complaint.noted':
      // An internal note is for its writer's company alone.
      if (parties.internal) return [];
      return byBuyer
        ? [{ ...supplier, title: `${complaint.buyer_name} wrote on complaint ${number}` }]
        : [{ ...buyer, title: `${complaint.supplier_name} wrote on your complaint ${number}` }];
  }
}

/** One transaction per event; a retried job tells nobody twice (one notification per person and event). */
export function supportNotificationHandler(db: Kysely<Database>): JobHandler {
  return {
    async run(raw) {
      const { eventId } = jobPayload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!(SUPPORT_NOTIFY_EVENTS as readonly string[]).includes(event.type)) return;
      const name = event.type as ComplaintEvent;
      const parties = complaintParties.parse(event.payload);
      await inTransaction(db, async (trx) => {
        const complaint = await findComplaint(trx, event.entity_id);
        if (!complaint) return;
        for (const notice of noticesOf(name, parties, complaint)) {
          await notify(trx, {
            ...notice,
            kind: name,
            linkPath: `/complaints/${complaint.id}`,
            entityType: 'complaint',
            entityId: complaint.id,
            eventId,
            document: complaint.number,
            actorName: parties.actorCompanyId === parties.buyerCompanyId ? complaint.buyer_name : complaint.supplier_name,
            // The person who acted is not told of their own act.
            excludeUserId: event.actor_user_id,
          });
        }
      });
    },
  };
}
