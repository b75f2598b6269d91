import { randomUUID } from 'node:crypto';
import type { TestApp } from '../harness/app.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

/**
 * A linked buyer and supplier with a delivered order, a conversation about it (two messages, the
 * second the supplier's), and a complaint the buyer filed with one internal note per side. Every
 * text holds a canary naming the pair, so a leak is one string search away.
 */
export async function partyRecords(app: TestApp, label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const canary = `CANARY-${label}-${randomUUID().slice(0, 8)}`;
  const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  let order = await buyer.members.manager.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
  order = await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version });
  order = await supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'ship', version: order.version });
  order = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'deliver', version: order.version });

  const conversation = await buyer.members.staff.caller.messaging.conversations.start({
    partnerCompanyId: supplier.id,
    about: { type: 'order', id: order.id },
    body: `Bales look wet ${canary}-message`,
  });
  const reply = await supplier.members.staff.caller.messaging.messages.send({
    conversationId: conversation.id,
    body: `We will check the truck ${canary}-reply`,
  });
  const complaint = await buyer.members.staff.caller.support.complaints.file({
    about: { type: 'order', id: order.id },
    category: 'damaged',
    description: `Wet cartons ${canary}-complaint`,
    amountClaimed: '25000',
  });
  await buyer.members.staff.caller.support.complaints.addNote({
    complaintId: complaint.id,
    body: `Buyer only: we will settle for half ${canary}-buyer-internal`,
    internal: true,
  });
  await supplier.members.staff.caller.support.complaints.addNote({
    complaintId: complaint.id,
    body: `Supplier only: the transporter is liable ${canary}-supplier-internal`,
    internal: true,
  });
  return {
    buyer,
    supplier,
    canary,
    ids: { orderId: order.id, conversationId: conversation.id, messageId: reply.id, complaintId: complaint.id },
  };
}

export type PartyRecords = Awaited<ReturnType<typeof partyRecords>>;

/**
 * A valid input for each id-taking procedure of messaging.* and support.*, naming the pair's
 * records: what a stranger (or a role without the permission) tries.
 */
export function idTakingInputs(records: PartyRecords, actorUserId: string): Record<string, unknown> {
  const { orderId, conversationId, messageId, complaintId } = records.ids;
  return {
    'messaging.conversations.start': {
      partnerCompanyId: records.supplier.id,
      about: { type: 'order', id: orderId },
      body: 'May I join?',
    },
    'messaging.conversations.get': { conversationId },
    'messaging.conversations.forDocument': { about: { type: 'order', id: orderId } },
    'messaging.conversations.markRead': { conversationId },
    'messaging.conversations.addCompany': { conversationId, companyId: records.buyer.id },
    'messaging.messages.send': { conversationId, body: 'Let me in' },
    'messaging.messages.list': { conversationId },
    'messaging.messages.edit': { messageId, body: 'Rewritten by a stranger' },
    'messaging.messages.delete': { messageId },
    'messaging.messages.history': { messageId },
    'support.complaints.file': { about: { type: 'order', id: orderId }, category: 'quality', description: 'Not my order' },
    'support.complaints.get': { complaintId },
    'support.complaints.assign': { complaintId, assigneeUserId: actorUserId, version: 1 },
    'support.complaints.escalate': { complaintId },
    'support.complaints.resolve': { complaintId, version: 1, resolution: 'none', note: 'Closed by a stranger' },
    'support.complaints.reject': { complaintId, version: 1, reason: 'Rejected by a stranger' },
    'support.complaints.reopen': { complaintId, version: 1, reason: 'Reopened by a stranger' },
    'support.complaints.addNote': { complaintId, body: 'A stranger writes' },
  };
}
