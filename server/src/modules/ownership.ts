import type { Database } from '@tradeloom/db';

/** The server's modules (folders of server/src/modules) plus `lib`, the shared infrastructure of server/src/lib. */
export type ModuleName =
  | 'api-keys'
  | 'audit'
  | 'auth'
  | 'catalog'
  | 'companies'
  | 'contracts'
  | 'console'
  | 'events'
  | 'files'
  | 'kyc'
  | 'lib'
  | 'live'
  | 'mail'
  | 'masters'
  | 'messaging'
  | 'notifications'
  | 'orders'
  | 'partners'
  | 'production'
  | 'search'
  | 'settings'
  | 'sourcing'
  | 'support'
  | 'tradedesk'
  | 'webhooks';

/**
 * Who owns each table: only the owner queries it; every other module goes through a function the
 * owner exports (or reacts to its events). tests/architecture/ownership.test.ts enforces this, and
 * a new table without an owner here does not type-check.
 */
export const TABLE_OWNERS: Record<keyof Database, ModuleName> = {
  users: 'auth',
  sessions: 'auth',
  auth_tokens: 'auth',
  rate_limits: 'auth',
  security_events: 'auth',
  user_two_factor: 'auth',
  two_factor_recovery_codes: 'auth',
  api_keys: 'api-keys',
  api_key_usage: 'api-keys',
  companies: 'companies',
  branches: 'companies',
  memberships: 'companies',
  invitations: 'companies',
  audit_log: 'audit',
  domain_events: 'events',
  jobs: 'events',
  job_schedules: 'events',
  financial_years: 'settings',
  number_series: 'settings',
  dev_mailbox: 'mail',
  partner_links: 'partners',
  notifications: 'notifications',
  units: 'catalog',
  hsn_codes: 'catalog',
  commodities: 'catalog',
  products: 'catalog',
  product_attachments: 'catalog',
  files: 'files',
  kyc_documents: 'kyc',
  certifications: 'kyc',
  change_requests: 'kyc',
  orders: 'orders',
  order_lines: 'orders',
  order_attachments: 'orders',
  idempotency_keys: 'lib',
  work_orders: 'production',
  work_order_operations: 'production',
  tenders: 'sourcing',
  tender_items: 'sourcing',
  tender_invitations: 'sourcing',
  tender_attachments: 'sourcing',
  quotes: 'sourcing',
  quote_lines: 'sourcing',
  quote_attachments: 'sourcing',
  tender_clarifications: 'sourcing',
  tender_awards: 'sourcing',
  commodity_varieties: 'masters',
  quality_parameters: 'masters',
  trade_locations: 'masters',
  trade_terms: 'masters',
  gst_rates: 'masters',
  commission_structures: 'masters',
  lots: 'tradedesk',
  trade_offers: 'tradedesk',
  trade_match_notices: 'tradedesk',
  negotiations: 'tradedesk',
  negotiation_rounds: 'tradedesk',
  contracts: 'contracts',
  contract_deliveries: 'contracts',
  contract_commissions: 'contracts',
  conversations: 'messaging',
  conversation_companies: 'messaging',
  messages: 'messaging',
  message_edits: 'messaging',
  message_attachments: 'messaging',
  conversation_reads: 'messaging',
  complaints: 'support',
  complaint_evidence: 'support',
  complaint_entries: 'support',
  complaint_sla_policies: 'support',
  notification_preferences: 'notifications',
  notification_company_defaults: 'notifications',
  notification_user_settings: 'notifications',
  notification_templates: 'notifications',
  notification_deliveries: 'notifications',
  notification_digests: 'notifications',
  webhook_endpoints: 'webhooks',
  webhook_deliveries: 'webhooks',
  webhook_attempts: 'webhooks',
};
