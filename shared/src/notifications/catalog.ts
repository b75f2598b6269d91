import type { DomainEventName } from '../events/registry.ts';
import type { Permission } from '../permissions.ts';
import { tenderNoticeEvents } from '../sourcing/tender-notices.ts';
import { tradeNoticeEvents } from '../tradedesk/trade-notices.ts';

// Everything a person can be notified of, in one place: the domain events that notify someone,
// the clock's reminders and the security notices. Each kind says who may receive it (a member
// without the permission never does), where it goes by default, and whether it can be muted.
// The engine, the preference screens and the templates all read this list.

// Webhooks are not a channel here: a company picks the events each endpoint receives
// (Settings → Webhooks), whoever of its members would be told.
export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const CHANNEL_LABELS: Record<NotificationChannel, string> = { in_app: 'In the app', email: 'Email' };

export const NOTIFICATION_GROUPS = [
  'partners',
  'orders',
  'sourcing',
  'tradedesk',
  'messaging',
  'support',
  'reminders',
  'security',
  'integrations',
  'finance',
] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];
export const NOTIFICATION_GROUP_LABELS: Record<NotificationGroup, string> = {
  partners: 'Partners',
  orders: 'Orders',
  sourcing: 'Tenders and quotes',
  tradedesk: 'Trade desk and contracts',
  messaging: 'Conversations',
  support: 'Complaints',
  reminders: 'Reminders',
  security: 'Security',
  integrations: 'Integrations',
  finance: 'Invoices and payments',
};

export const REMINDER_KINDS = ['reminder.certification_expiring', 'reminder.tender_closing', 'reminder.complaint_sla_due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const SECURITY_KINDS = ['security.password_changed', 'security.two_factor_disabled'] as const;
export type SecurityKind = (typeof SECURITY_KINDS)[number];

/** The system's notices about a company's integrations (a webhook endpoint it turned off). */
export const INTEGRATION_KINDS = ['webhook.endpoint_disabled'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export type NotificationKind = DomainEventName | ReminderKind | SecurityKind | IntegrationKind;

export interface NotificationKindSpec {
  group: NotificationGroup;
  /** What a person reads in their preferences: "A partner ships an order". */
  label: string;
  /** Recipients must hold it in the company notified. */
  permission: Permission;
  /** The platform default per channel (a company admin may change it, then each person). */
  defaults: Record<NotificationChannel, boolean>;
  /** Cannot be turned off, and ignores quiet hours. */
  mandatory?: true;
}

const kind = (
  group: NotificationGroup,
  label: string,
  permission: Permission,
  options: { email?: boolean; mandatory?: true } = {},
): NotificationKindSpec => ({
  group,
  label,
  permission,
  defaults: { in_app: true, email: options.email ?? false },
  ...(options.mandatory ? { mandatory: true as const } : {}),
});

const tenderLabels: Record<(typeof tenderNoticeEvents)[number], string> = {
  'tender.published': 'A buyer invites you to quote',
  'tender.suppliers_invited': 'A buyer invites you to quote on an open tender',
  'tender.extended': 'A tender’s deadline moves',
  'tender.cancelled': 'A tender you were invited to is cancelled',
  'tender.closed': 'A tender closes',
  'tender.awarded': 'A tender is awarded',
  'tender.invitation_declined': 'A supplier declines to quote',
  'quote.submitted': 'A supplier submits a quote',
  'quote.withdrawn': 'A supplier withdraws a quote',
  'clarification.asked': 'A supplier asks a question',
  'clarification.answered': 'A buyer answers a question',
};
const TENDER_EMAIL: readonly string[] = ['tender.published', 'tender.suppliers_invited', 'tender.awarded', 'tender.closed'];

const tradeLabels: Record<(typeof tradeNoticeEvents)[number], string> = {
  'negotiation.opened': 'Someone opens a negotiation on your offer',
  'negotiation.countered': 'A counter-offer arrives',
  'negotiation.accepted': 'Terms are accepted',
  'negotiation.rejected': 'Terms are rejected',
  'negotiation.cancelled': 'A negotiation is called off',
  'negotiation.expired': 'A negotiation expires',
  'contract.created': 'A contract is signed',
  'trade_offer.expired': 'Your offer expires',
  'trade_offer.matched': 'An offer matches yours',
};
const TRADE_EMAIL: readonly string[] = ['negotiation.accepted', 'contract.created', 'trade_offer.matched'];

export const notificationKinds = {
  'partner.link_requested': kind('partners', 'A company asks to link with you', 'partners:read', { email: true }),
  'partner.link_accepted': kind('partners', 'Your link request is accepted', 'partners:read', { email: true }),
  'partner.link_denied': kind('partners', 'Your link request is declined', 'partners:read'),
  'partner.link_blocked': kind('partners', 'A partner blocks the link', 'partners:read'),
  'partner.link_cancelled': kind('partners', 'A company withdraws its link request', 'partners:read'),
  'partner.link_unlinked': kind('partners', 'A partner ends the link', 'partners:read'),
  'partner.link_unblocked': kind('partners', 'A partner unblocks the link', 'partners:read'),
  'order.submitted': kind('orders', 'A buyer sends you an order', 'orders:read', { email: true }),
  'order.accepted': kind('orders', 'A supplier accepts your order', 'orders:read', { email: true }),
  'order.rejected': kind('orders', 'A supplier rejects your order', 'orders:read', { email: true }),
  'order.in_progress': kind('orders', 'A supplier starts work on your order', 'orders:read'),
  'order.shipped': kind('orders', 'A supplier ships your order', 'orders:read', { email: true }),
  'order.delivered': kind('orders', 'A buyer confirms delivery', 'orders:read'),
  'order.completed': kind('orders', 'An order is completed', 'orders:read'),
  'order.cancelled': kind('orders', 'An order is cancelled', 'orders:read', { email: true }),
  'delivery.dispatched': kind('orders', 'A supplier dispatches goods to you', 'deliveries:read', { email: true }),
  'delivery.received': kind('orders', 'A buyer records the receipt of a delivery', 'deliveries:read'),
  'delivery.cancelled': kind('orders', 'A supplier cancels a delivery', 'deliveries:read'),
  ...(Object.fromEntries(
    tenderNoticeEvents.map((name) => [name, kind('sourcing', tenderLabels[name], 'sourcing:read', { email: TENDER_EMAIL.includes(name) })]),
  ) as Record<(typeof tenderNoticeEvents)[number], NotificationKindSpec>),
  ...(Object.fromEntries(
    tradeNoticeEvents.map((name) => [
      name,
      kind('tradedesk', tradeLabels[name], name === 'contract.created' ? 'contracts:read' : 'tradedesk:read', {
        email: TRADE_EMAIL.includes(name),
      }),
    ]),
  ) as Record<(typeof tradeNoticeEvents)[number], NotificationKindSpec>),
  'conversation.started': kind('messaging', 'A partner starts a conversation with you', 'messaging:read', { email: true }),
  'message.sent': kind('messaging', 'A new message in a conversation you are in', 'messaging:read'),
  'invoice.issued': kind('finance', 'A supplier issues an invoice to you', 'finance:read', { email: true }),
  'invoice.cancelled': kind('finance', 'A supplier cancels an invoice', 'finance:read', { email: true }),
  'complaint.filed': kind('support', 'A buyer files a complaint against you', 'support:read', { email: true }),
  'complaint.assigned': kind('support', 'A complaint is assigned (to you, or yours to a supplier’s rep)', 'support:read', { email: true }),
  'complaint.escalated': kind('support', 'A complaint is escalated to managers', 'support:manage', { email: true }),
  'complaint.noted': kind('support', 'The other party writes on a complaint', 'support:read'),
  'complaint.resolved': kind('support', 'A complaint is resolved', 'support:read', { email: true }),
  'complaint.rejected': kind('support', 'A complaint is rejected', 'support:read', { email: true }),
  'complaint.reopened': kind('support', 'A buyer reopens a complaint', 'support:read', { email: true }),
  'note.issued': kind('finance', 'A supplier issues a credit or debit note on your invoice', 'finance:read', { email: true }),
  'dispute.opened': kind('finance', 'A partner raises a dispute on an invoice or contract', 'finance:read', { email: true }),
  'dispute.responded': kind('finance', 'A partner responds to a dispute', 'finance:read', { email: true }),
  'dispute.resolved': kind('finance', 'A dispute is resolved', 'finance:read', { email: true }),
  'dispute.withdrawn': kind('finance', 'A partner withdraws a dispute', 'finance:read'),
  'reminder.certification_expiring': kind('reminders', 'A certification expires in 30 days', 'kyc:read', { email: true }),
  'reminder.tender_closing': kind('reminders', 'A tender closes tomorrow', 'sourcing:read', { email: true }),
  'reminder.complaint_sla_due': kind('reminders', 'A complaint’s response or resolution is due soon', 'support:read', {
    email: true,
  }),
  'security.password_changed': kind('security', 'Your password was changed', 'company:read', {
    email: true,
    mandatory: true,
  }),
  'security.two_factor_disabled': kind('security', 'Two-factor sign-in was turned off on your account', 'company:read', {
    email: true,
    mandatory: true,
  }),
  'webhook.endpoint_disabled': kind('integrations', 'A webhook endpoint is turned off after failing for days', 'webhooks:manage', {
    email: true,
  }),
} as const satisfies Partial<Record<NotificationKind, NotificationKindSpec>>;

export type NotifiableKind = keyof typeof notificationKinds;
export const NOTIFIABLE_KINDS = Object.keys(notificationKinds) as NotifiableKind[];

export function isNotifiableKind(name: string): name is NotifiableKind {
  return Object.hasOwn(notificationKinds, name);
}

export function notificationKindSpec(name: NotifiableKind): NotificationKindSpec {
  return notificationKinds[name];
}
