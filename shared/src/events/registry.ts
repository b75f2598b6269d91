// Everything that can happen in Tradeloom, by name: the audit actions a company's history shows
// and the domain events subscribers (notifications, live screens, webhooks) react to. The server
// types `recordAudit` and `emitEvent` against these lists, the history screens read the
// sentences, the notification job reads the notification texts: one place for names and words.
import { z } from 'zod';
import { ORDER_STATUSES, type OrderAction, type OrderStatus } from '../orders/order-machine.ts';
import type { WorkOrderAction, WorkOrderStatus } from '../production/production.ts';

/** A before/after snapshot of a row or of the fields a change touched. */
const snapshot = z.record(z.string(), z.unknown());
const none = z.object({});

/** What an audit row holds: the record (or the fields that changed) before and after. */
const changeOf = <B extends z.ZodType, A extends z.ZodType>(before: B, after: A) =>
  z.object({ before: before.optional(), after: after.optional() });
const anyChange = changeOf(snapshot, snapshot);
const statusChange = <S extends z.ZodType>(status: S) => changeOf(z.object({ status }), z.looseObject({ status }));

/** The two companies of a shared record and which of them acted: the notification's recipient is the other. */
export const partiesPayload = z.object({ buyerCompanyId: z.string(), supplierCompanyId: z.string(), actorCompanyId: z.string() });

interface AuditActionSpec {
  entityType: string;
  change: z.ZodType<{ before?: unknown; after?: unknown }>;
  /** What the actor did, said after their name: "Asha · shipped it". */
  sentence: string;
}

const audit = <const E extends string, C extends AuditActionSpec['change'] = typeof anyChange>(
  entityType: E,
  sentence: string,
  change?: C,
) => ({ entityType, sentence, change: (change ?? anyChange) as C }) satisfies AuditActionSpec;

const orderStatusChange = statusChange(z.enum(ORDER_STATUSES));
const linkStatusChange = statusChange(z.string());

const orderTransitionSentences: Record<OrderAction, string> = {
  submit: 'submitted it',
  approve: 'approved it',
  accept: 'accepted it',
  reject: 'rejected it',
  start: 'started work',
  ship: 'shipped it',
  deliver: 'confirmed delivery',
  complete: 'completed it',
  cancel: 'cancelled it',
};

const workOrderSentences: Record<WorkOrderAction, string> = {
  release: 'released the work order',
  start: 'started the work order',
  complete: 'completed the work order',
  cancel: 'cancelled the work order',
};

function eachOf<K extends string, P extends string, V>(prefix: P, map: Record<K, string>, make: (sentence: string) => V) {
  return Object.fromEntries(Object.entries(map).map(([key, sentence]) => [`${prefix}${key}`, make(sentence as string)])) as Record<
    `${P}${K}`,
    V
  >;
}

/** Every audit action: its entity type and the sentence the history screens show. */
export const auditActions = {
  'user.registered': audit('user', 'signed up'),
  'user.password_reset': audit('user', 'reset their password'),
  'user.password_changed': audit('user', 'changed their password'),
  'user.email_verified': audit('user', 'confirmed their email address'),
  'user.profile_updated': audit('user', 'updated their profile'),
  'user.disabled': audit('user', 'disabled the account'),
  'user.enabled': audit('user', 're-enabled the account'),
  'user.unlocked': audit('user', 'unlocked the account'),
  'user.password_reset_sent': audit('user', 'sent a password reset email'),
  'company.suspended': audit('company', 'suspended the company'),
  'company.reactivated': audit('company', 'reactivated the company'),
  'user.two_factor_enabled': audit('user', 'turned on two-factor sign-in'),
  'user.two_factor_disabled': audit('user', 'turned off two-factor sign-in'),
  'user.recovery_codes_regenerated': audit('user', 'made new recovery codes'),
  'company.created': audit('company', 'created the company'),
  'company.updated': audit('company', 'edited the company details'),
  'company.ownership_transferred': audit('company', 'handed over ownership'),
  'company.order_approval_threshold_changed': audit('company', 'changed the order approval threshold'),
  'company.directory_listing_changed': audit('company', 'changed the directory listing'),
  'company.two_factor_policy_changed': audit('company', 'changed the two-factor sign-in rule'),
  'branch.created': audit('branch', 'added a branch'),
  'member.added': audit('membership', 'added a member'),
  'member.role_changed': audit('membership', "changed a member's role"),
  'member.removed': audit('membership', 'removed a member'),
  'member.left': audit('membership', 'left the company'),
  'member.disabled': audit('membership', 'disabled a member'),
  'member.enabled': audit('membership', 're-enabled a member'),
  'invitation.created': audit('invitation', 'invited someone'),
  'invitation.revoked': audit('invitation', 'withdrew an invitation'),
  'invitation.accepted': audit('membership', 'accepted an invitation'),
  'api_key.created': audit('api_key', 'created an API key'),
  'api_key.revoked': audit('api_key', 'revoked an API key'),
  'api_key.rate_limit_changed': audit('api_key', "changed an API key's rate limit"),
  'file.uploaded': audit('file', 'uploaded a file'),
  'financial_year.created': audit('financial_year', 'opened a financial year'),
  'financial_year.closed': audit('financial_year', 'closed a financial year'),
  'catalog.imported': audit('catalog', 'imported the catalog'),
  'product.created': audit('product', 'added a product'),
  'product.updated': audit('product', 'edited a product'),
  'product.file_attached': audit('product', 'attached a file to a product'),
  'product.file_detached': audit('product', 'removed a file from a product'),
  'kyc.document_submitted': audit('kyc_document', 'submitted a KYC document'),
  'kyc.document_approved': audit('kyc_document', 'approved a KYC document'),
  'kyc.document_rejected': audit('kyc_document', 'rejected a KYC document'),
  'kyc.change_requested': audit('change_request', 'asked to change verified details'),
  'kyc.change_approved': audit('company', 'approved a change of verified details'),
  'kyc.change_rejected': audit('company', 'refused a change of verified details'),
  'certification.added': audit('certification', 'added a certification'),
  'certification.removed': audit('certification', 'removed a certification'),
  'partner.link_requested': audit('partner_link', 'asked to link', linkStatusChange),
  'partner.link_accepted': audit('partner_link', 'accepted the link', linkStatusChange),
  'partner.link_denied': audit('partner_link', 'declined the link', linkStatusChange),
  'partner.link_blocked': audit('partner_link', 'blocked the link', linkStatusChange),
  'partner.link_cancelled': audit('partner_link', 'withdrew the link request', linkStatusChange),
  'partner.link_unlinked': audit('partner_link', 'ended the link', linkStatusChange),
  'partner.link_unblocked': audit('partner_link', 'unblocked the link', linkStatusChange),
  'partner.unclaimed_added': audit('company', 'added a partner not yet on Tradeloom'),
  'partner.claim_invited': audit('company', 'invited a partner to claim its company'),
  'order.created': audit('order', 'drafted the order'),
  'order.updated': audit('order', 'edited the draft'),
  'order.file_attached': audit('order', 'attached a file'),
  'order.file_detached': audit('order', 'removed a file'),
  ...eachOf('order.', orderTransitionSentences, (sentence) => audit('order', sentence, orderStatusChange)),
  'job.retried': audit('job', 'retried a failed background job'),
  'work_order.created': audit('work_order', 'planned a work order'),
  'work_order.updated': audit('work_order', 'edited a work order'),
  ...eachOf('work_order.', workOrderSentences, (sentence) => audit('work_order', sentence)),
  'tender.created': audit('tender', 'drafted the tender'),
  'tender.updated': audit('tender', 'edited the tender'),
  'tender.suppliers_invited': audit('tender', 'invited suppliers'),
  'tender.supplier_uninvited': audit('tender', 'removed an invited supplier'),
  'tender.published': audit('tender', 'opened the tender for quotes'),
  'tender.extended': audit('tender', 'extended the deadline'),
  'tender.closed': audit('tender', 'closed the tender'),
  'tender.cancelled': audit('tender', 'cancelled the tender'),
  'tender.conversions_changed': audit('tender', 'changed the comparison conversions'),
  'tender.awarded': audit('tender', 'awarded the tender'),
  'tender.invitation_declined': audit('tender', 'declined to quote'),
  'quote.draft_saved': audit('quote', 'saved a draft quote'),
  'quote.draft_discarded': audit('quote', 'discarded the draft quote'),
  'quote.submitted': audit('quote', 'submitted a quote'),
  'quote.withdrawn': audit('quote', 'withdrew the quote'),
  'lot.created': audit('lot', 'added a lot'),
  'lot.updated': audit('lot', 'edited a lot'),
  'lot.archived': audit('lot', 'archived a lot'),
  'trade_offer.created': audit('trade_offer', 'posted an offer'),
  'trade_offer.withdrawn': audit('trade_offer', 'withdrew an offer'),
  'trade_offer.expired': audit('trade_offer', 'let an offer expire'),
  'negotiation.opened': audit('negotiation', 'opened a negotiation'),
  'negotiation.countered': audit('negotiation', 'made a counter-offer'),
  'negotiation.accepted': audit('negotiation', 'accepted the terms'),
  'negotiation.rejected': audit('negotiation', 'rejected the terms'),
  'negotiation.cancelled': audit('negotiation', 'called off the negotiation'),
  'negotiation.expired': audit('negotiation', 'let the negotiation expire'),
  'contract.created': audit('contract', 'signed a contract'),
  'master.saved': audit('master', 'changed a master record'),
  'master.locations_imported': audit('master', 'imported locations'),
  'gst_rate.saved': audit('gst_rate', 'set a GST rate'),
  'commission_structure.saved': audit('commission_structure', 'saved a commission structure'),
  'clarification.asked': audit('clarification', 'asked a question'),
  'clarification.answered': audit('clarification', 'answered a question'),
  'conversation.started': audit('conversation', 'started a conversation'),
  'conversation.company_added': audit('conversation', 'added a company to a conversation'),
  'message.edited': audit('message', 'edited a message'),
  'message.deleted': audit('message', 'deleted a message'),
  'complaint.filed': audit('complaint', 'filed a complaint'),
  'complaint.assigned': audit('complaint', 'assigned a complaint'),
  'complaint.escalated': audit('complaint', 'escalated a complaint'),
  'complaint.resolved': audit('complaint', 'resolved a complaint'),
  'complaint.rejected': audit('complaint', 'rejected a complaint'),
  'complaint.reopened': audit('complaint', 'reopened a complaint'),
  'complaint.noted': audit('complaint', 'wrote on a complaint'),
  'complaint_sla.saved': audit('complaint_sla', 'changed complaint response times'),
  // Finance: credit/debit notes and disputes (issue 15, branch disp).
  'note.issued': audit('invoice_note', 'issued a credit or debit note'),
  'dispute.opened': audit('dispute', 'raised a dispute'),
  'dispute.responded': audit('dispute', 'responded to a dispute'),
  'dispute.resolved': audit('dispute', 'resolved a dispute'),
  'dispute.withdrawn': audit('dispute', 'withdrew a dispute'),
  'notification_defaults.saved': audit('company', 'changed the notification defaults'),
  'notification_template.saved': audit('notification_template', 'changed a notification template'),
  'notification_delivery.retried': audit('notification_delivery', 'retried a failed notification'),
  'webhook_endpoint.created': audit('webhook_endpoint', 'added a webhook endpoint'),
  'webhook_endpoint.updated': audit('webhook_endpoint', 'edited a webhook endpoint'),
  'webhook_endpoint.paused': audit('webhook_endpoint', 'paused a webhook endpoint'),
  'webhook_endpoint.resumed': audit('webhook_endpoint', 'resumed a webhook endpoint'),
  'webhook_endpoint.deleted': audit('webhook_endpoint', 'deleted a webhook endpoint'),
  'webhook_endpoint.secret_rotated': audit('webhook_endpoint', "rotated a webhook endpoint's signing secret"),
  'webhook_endpoint.test_sent': audit('webhook_endpoint', 'sent a test event to a webhook endpoint'),
  'webhook_delivery.replayed': audit('webhook_delivery', 'sent a webhook delivery again'),
  'webhook_endpoint.auto_disabled': audit('webhook_endpoint', 'turned off a webhook endpoint that kept failing'),
  'delivery.dispatched': audit('delivery', 'dispatched a delivery'),
  'delivery.received': audit('delivery', 'recorded the goods receipt'),
  'delivery.cancelled': audit('delivery', 'cancelled a delivery'),
  // Invoices (finance).
  'invoice.created': audit('invoice', 'drafted an invoice'),
  'invoice.discarded': audit('invoice', 'discarded a draft invoice'),
  'invoice.issued': audit('invoice', 'issued the invoice'),
  'invoice.cancelled': audit('invoice', 'cancelled the invoice'),
  'invoice.approved_for_payment': audit('invoice', 'approved the invoice for payment'),
} as const;

export type AuditActionName = keyof typeof auditActions;
export type AuditEntityType<A extends AuditActionName> = (typeof auditActions)[A]['entityType'];
export type AuditChange<A extends AuditActionName> = z.input<(typeof auditActions)[A]['change']>;

/** The history sentence of an audit action; an action this build does not know reads as its name. */
export function auditSentence(action: string): string {
  return Object.hasOwn(auditActions, action) ? auditActions[action as AuditActionName].sentence : action.replaceAll('_', ' ');
}

interface DomainEventSpec {
  entityType: string;
  payload: z.ZodType<Record<string, unknown>>;
  /** The notification the other company receives, `{actor}` being the acting company's name. */
  notify?: string;
}

const event = <const E extends string, P extends z.ZodType<Record<string, unknown>>>(entityType: E, payload: P, notify?: string) =>
  ({ entityType, payload, notify }) satisfies DomainEventSpec;

// {document} is the order's number (the buyer's PO), {amount} its total: the recipient knows which
// order without opening the app.
const orderStatusNotices: Record<OrderStatus, string | undefined> = {
  draft: undefined,
  pending_approval: undefined,
  submitted: '{actor} sent {document}, {amount}',
  accepted: '{actor} accepted {document}',
  rejected: '{actor} rejected {document}',
  in_progress: '{actor} started work on {document}',
  shipped: '{actor} shipped {document}',
  delivered: '{actor} confirmed delivery of {document}',
  completed: '{actor} completed {document}',
  cancelled: '{actor} cancelled {document}',
};

/** An order's status change: who the parties are, who acted and with which action. */
export const orderTransitionPayload = partiesPayload.extend({
  action: z.string(),
  // Named in the partner's notification; optional because events stored before they were added lack them.
  document: z.string().optional(),
  total: z.string().optional(),
  currency: z.string().optional(),
});

/**
 * A tender event: the buyer, the companies to tell (never a supplier the others should not learn
 * of) and who acted. Live screens refetch for the recipients; the sourcing job notifies them.
 */
export const tenderRecipients = z.object({
  buyerCompanyId: z.string(),
  actorCompanyId: z.string(),
  recipients: z.array(z.string()),
  document: z.string().optional(),
  /** On `tender.awarded`: the recipients that won something (the others get a regret). */
  winners: z.array(z.string()).optional(),
});

/**
 * A trade desk event: who acted and the companies to tell (the other party of a negotiation or
 * contract, the owner of a matched offer). The tradedesk notification job words them.
 */
export const tradeRecipients = z.object({
  actorCompanyId: z.string(),
  recipients: z.array(z.string()),
  document: z.string().optional(),
  /** On `trade_offer.matched`: the match score (0–100). */
  score: z.number().optional(),
  /** On `trade_offer.matched`: the other company's offer that matches the event's offer. */
  matchedOfferId: z.string().optional(),
  /** On a negotiation event: the version it made or acted on (a counter's new version, the accepted one). */
  version: z.number().int().optional(),
});

/**
 * A conversation event: the conversation's companies to tell (never the actor's own) and who
 * acted. The messaging notification job words them; live screens refetch for the recipients.
 */
export const conversationRecipients = z.object({
  actorCompanyId: z.string(),
  recipients: z.array(z.string()),
  /** On `message.sent`: the message. */
  messageId: z.number().int().optional(),
});

/**
 * A complaint event: both parties (the buyer and the supplier), who acted and, on an
 * assignment, the assignee. The support notification job words it for each side.
 */
export const complaintParties = z.object({
  buyerCompanyId: z.string(),
  supplierCompanyId: z.string(),
  actorCompanyId: z.string(),
  document: z.string().optional(),
  assigneeUserId: z.string().optional(),
  /** On `complaint.escalated`: by hand or which deadline was missed. */
  reason: z.enum(['manual', 'first_response_sla', 'resolution_sla']).optional(),
  /** On `complaint.noted`: an internal note, which only the writer's company reads (nobody else is told). */
  internal: z.boolean().optional(),
});

/** An invoice issued or cancelled: its parties, who acted, its number and total for the notification. */
export const invoicePayload = partiesPayload.extend({
  document: z.string().optional(),
  total: z.string().optional(),
  currency: z.string().optional(),
});

/**
 * A credit/debit note or dispute event: the invoice's (or contract's) two parties, who acted, and
 * the document and amount the other party's notification names.
 */
export const financeDocumentPayload = partiesPayload.extend({
  document: z.string().optional(),
  total: z.string().optional(),
  currency: z.string().optional(),
});

/** A delivery event: both parties, who acted, the challan number and the order it ships. */
export const deliveryPayload = partiesPayload.extend({
  document: z.string().optional(),
  orderId: z.string().optional(),
});

const workOrderStatuses: Record<WorkOrderStatus, true> = {
  planned: true,
  released: true,
  in_progress: true,
  completed: true,
  cancelled: true,
};

/** Every domain event: its entity type, payload schema and (for a partner's eyes) notification text. */
export const domainEvents = {
  'company.created': event('company', none),
  'company.updated': event('company', none),
  'company.ownership_transferred': event('company', z.object({ to: z.string() })),
  'member.joined': event('user', z.object({ role: z.string() })),
  'member.role_changed': event('user', z.object({ role: z.string() })),
  'member.left': event('user', none),
  'member.disabled': event('user', none),
  'member.enabled': event('user', none),
  'company.suspended': event('company', none),
  'company.reactivated': event('company', none),
  'user.disabled': event('user', none),
  'invitation.created': event('invitation', none),
  'api_key.revoked': event('api_key', none),
  'catalog.imported': event('catalog', z.object({ rows: z.number(), creates: z.number(), updates: z.number(), unchanged: z.number() })),
  'product.created': event('product', none),
  'product.updated': event('product', none),
  'kyc.document_submitted': event('kyc_document', none),
  'kyc.document_approved': event('kyc_document', none),
  'kyc.document_rejected': event('kyc_document', none),
  'partner.link_requested': event('partner_link', partiesPayload, '{actor} asked to link with you as a buyer'),
  'partner.link_accepted': event('partner_link', partiesPayload, '{actor} accepted your link request'),
  'partner.link_denied': event('partner_link', partiesPayload, '{actor} declined your link request'),
  'partner.link_blocked': event('partner_link', partiesPayload, '{actor} blocked the link with you'),
  'partner.link_cancelled': event('partner_link', partiesPayload, '{actor} withdrew its link request'),
  'partner.link_unlinked': event('partner_link', partiesPayload, '{actor} ended the link with you'),
  'partner.link_unblocked': event('partner_link', partiesPayload, '{actor} unblocked the link with you'),
  'order.created': event('order', none),
  'order.updated': event('order', none),
  'order.file_attached': event('order', none),
  'order.file_detached': event('order', none),
  ...(Object.fromEntries(
    Object.entries(orderStatusNotices).map(([status, notify]) => [`order.${status}`, event('order', orderTransitionPayload, notify)]),
  ) as Record<`order.${keyof typeof orderStatusNotices}`, ReturnType<typeof event<'order', typeof orderTransitionPayload>>>),
  'work_order.created': event('work_order', none),
  ...(Object.fromEntries(Object.keys(workOrderStatuses).map((status) => [`work_order.${status}`, event('work_order', none)])) as Record<
    `work_order.${keyof typeof workOrderStatuses}`,
    ReturnType<typeof event<'work_order', typeof none>>
  >),
  // Sourcing: a tender has many parties, so its events name the companies to tell (`recipients`);
  // the sourcing notification job words them (server/src/modules/sourcing).
  // A draft's changes concern the buyer alone (recipients: none); they refresh its screens.
  'tender.created': event('tender', tenderRecipients),
  'tender.updated': event('tender', tenderRecipients),
  'tender.supplier_uninvited': event('tender', tenderRecipients),
  'tender.published': event('tender', tenderRecipients),
  'tender.suppliers_invited': event('tender', tenderRecipients),
  'tender.extended': event('tender', tenderRecipients),
  'tender.closed': event('tender', tenderRecipients),
  'tender.cancelled': event('tender', tenderRecipients),
  'tender.awarded': event('tender', tenderRecipients),
  'tender.conversions_changed': event('tender', tenderRecipients),
  'tender.invitation_declined': event('tender', tenderRecipients),
  'quote.submitted': event('tender', tenderRecipients),
  'quote.withdrawn': event('tender', tenderRecipients),
  'clarification.asked': event('tender', tenderRecipients),
  'clarification.answered': event('tender', tenderRecipients),
  // Trade desk: offers visible on the desk refresh every desk screen through `desk.changed`
  // (entity: the commodity, never the offer, so a partners-only offer's id reaches no stranger).
  'lot.created': event('lot', tradeRecipients),
  'lot.updated': event('lot', tradeRecipients),
  'lot.archived': event('lot', tradeRecipients),
  'desk.changed': event('desk', none),
  'trade_offer.created': event('trade_offer', tradeRecipients),
  'trade_offer.withdrawn': event('trade_offer', tradeRecipients),
  'trade_offer.expired': event('trade_offer', tradeRecipients),
  'trade_offer.matched': event('trade_offer', tradeRecipients),
  'negotiation.opened': event('negotiation', tradeRecipients),
  'negotiation.countered': event('negotiation', tradeRecipients),
  'negotiation.accepted': event('negotiation', tradeRecipients),
  'negotiation.rejected': event('negotiation', tradeRecipients),
  'negotiation.cancelled': event('negotiation', tradeRecipients),
  'negotiation.expired': event('negotiation', tradeRecipients),
  'contract.created': event('contract', tradeRecipients),
  'master.changed': event('master', none),
  'conversation.started': event('conversation', conversationRecipients),
  'conversation.company_added': event('conversation', conversationRecipients),
  'message.sent': event('conversation', conversationRecipients),
  'message.edited': event('conversation', conversationRecipients),
  'message.deleted': event('conversation', conversationRecipients),
  'complaint.filed': event('complaint', complaintParties),
  'complaint.assigned': event('complaint', complaintParties),
  'complaint.escalated': event('complaint', complaintParties),
  'complaint.noted': event('complaint', complaintParties),
  'complaint.resolved': event('complaint', complaintParties),
  'complaint.rejected': event('complaint', complaintParties),
  'complaint.reopened': event('complaint', complaintParties),
  'delivery.dispatched': event('delivery', deliveryPayload, '{actor} dispatched {document}'),
  'delivery.received': event('delivery', deliveryPayload, '{actor} recorded the receipt of {document}'),
  'delivery.cancelled': event('delivery', deliveryPayload, '{actor} cancelled delivery {document}'),
  // Invoices: the buyer is told when one is issued to it or cancelled; drafts and the buyer's own
  // approval concern one company (its screens refresh).
  'invoice.created': event('invoice', none),
  'invoice.discarded': event('invoice', none),
  'invoice.issued': event('invoice', invoicePayload, '{actor} issued invoice {document}, {amount}'),
  'invoice.cancelled': event('invoice', invoicePayload, '{actor} cancelled invoice {document}'),
  'invoice.approved_for_payment': event('invoice', none),
  'note.issued': event('invoice_note', financeDocumentPayload, '{actor} issued {document} on your invoice, {amount}'),
  'dispute.opened': event('dispute', financeDocumentPayload, '{actor} raised dispute {document}, {amount}'),
  'dispute.responded': event('dispute', financeDocumentPayload, '{actor} responded to dispute {document}'),
  'dispute.resolved': event('dispute', financeDocumentPayload, '{actor} resolved dispute {document}'),
  'dispute.withdrawn': event('dispute', financeDocumentPayload, '{actor} withdrew dispute {document}'),
} as const;

export type DomainEventName = keyof typeof domainEvents;
export type DomainEventEntityType<T extends DomainEventName> = (typeof domainEvents)[T]['entityType'];
export type DomainEventPayload<T extends DomainEventName> = z.input<(typeof domainEvents)[T]['payload']>;

/** Event names in a stable order, for webhook subscriptions and pickers. */
export const domainEventNames = Object.keys(domainEvents).sort() as DomainEventName[];

/** The events that notify the other company, with the text it reads. */
export function notifyingEvents(): DomainEventName[] {
  return domainEventNames.filter((name) => domainEvents[name].notify);
}

/** What a notification template can name besides the acting company. */
export interface NotificationSubject {
  /** The document's number, e.g. `PO-2026-000005`. */
  document?: string;
  /** The formatted amount, e.g. `₹66,150.00`. */
  amount?: string;
}

/** Fills a notification text: `{actor} shipped {document}` → `Acme shipped PO-2026-000005`. */
export function notificationText(name: DomainEventName, actor: string, subject: NotificationSubject = {}): string | null {
  const template = domainEvents[name].notify;
  if (!template) return null;
  const filled = template.replaceAll('{actor}', actor).replaceAll('{document}', subject.document ?? 'an order');
  // An old event without the total reads as a sentence without it.
  return subject.amount ? filled.replaceAll('{amount}', subject.amount) : filled.replace(/,? ?\{amount\}/g, '');
}

export function isDomainEventName(name: string): name is DomainEventName {
  return Object.hasOwn(domainEvents, name);
}
