import type { ColumnType, Generated, Selectable } from 'kysely';

// Hand-kept to match migrations/. Columns with defaults are Generated; timestamps are Date,
// calendar dates 'YYYY-MM-DD' strings, numeric decimal strings, int8 numbers (see type-parsers.ts).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;
type Identity = ColumnType<number, never, never>;

export type Role = 'owner' | 'admin' | 'manager' | 'staff' | 'viewer';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: Date | null;
  must_change_password: Generated<boolean>;
  is_platform_admin: Generated<boolean>;
  disabled_at: Date | null;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CompaniesTable {
  id: Generated<string>;
  name: string;
  legal_name: string;
  country: string;
  base_currency: string;
  tax_id: string | null;
  is_buyer: Generated<boolean>;
  is_supplier: Generated<boolean>;
  status: Generated<'active' | 'suspended' | 'closed'>;
  verification_status: Generated<'unverified' | 'pending' | 'verified' | 'rejected'>;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  listed_in_directory: Generated<boolean>;
  claimed: Generated<boolean>;
  added_by_company_id: string | null;
  contact_email: string | null;
  bank_account: string | null;
  order_approval_threshold: string | null;
  /** The operator's reason for the last suspension or reactivation. */
  status_reason: string | null;
  status_changed_at: Date | null;
  require_two_factor: Generated<boolean>;
}

export interface BranchesTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  address_line: Generated<string>;
  city: Generated<string>;
  state: Generated<string>;
  state_code: string | null;
  postal_code: Generated<string>;
  country: string;
  gstin: string | null;
  is_head_office: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  id: Generated<string>;
  company_id: string;
  user_id: string;
  role: Role;
  branch_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Set while a company admin has disabled the member: they cannot act for this company. */
  disabled_at: Date | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  company_id: string;
  email: string;
  role: Role;
  secret_hash: Uint8Array;
  invited_by: string;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: string;
  active_company_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_verified_at: Timestamp;
  two_factor_pending: Generated<boolean>;
}

export interface UserTwoFactorTable {
  user_id: string;
  totp_key: Uint8Array;
  confirmed_at: Date | null;
  last_used_step: number | null;
  created_at: CreatedAt;
}

export interface TwoFactorRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface AuthTokensTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  email: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

export interface ApiKeysTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  prefix: string;
  secret_hash: Uint8Array;
  scopes: string[];
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** Calls per minute this key may make; null: the configured default. */
  rate_limit_per_minute: number | null;
}

/** One API key's calls on one UTC day (`day` is YYYY-MM-DD). */
export interface ApiKeyUsageTable {
  api_key_id: string;
  company_id: string;
  day: string;
  requests: Generated<number>;
  limited: Generated<number>;
}

export interface SecurityEventsTable {
  id: Identity;
  type: string;
  user_id: string | null;
  email: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Json;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Identity;
  occurred_at: CreatedAt;
  company_id: string | null;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  ip: string | null;
}

export interface DomainEventsTable {
  id: Identity;
  company_id: string | null;
  type: string;
  entity_type: string;
  entity_id: string;
  payload: Json;
  actor_user_id: string | null;
  request_id: string | null;
  created_at: CreatedAt;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: Identity;
  queue: string;
  payload: Json;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_at: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  name: string;
  queue: string;
  /** `every 1h` or a cron expression (`0 9 * * 1-5`). */
  spec: string;
  next_run_at: Date;
  last_run_at: Date | null;
  updated_at: Generated<Date>;
}

export interface FinancialYearsTable {
  id: Generated<string>;
  company_id: string;
  label: string;
  starts_on: string;
  ends_on: string;
  status: Generated<'open' | 'closed'>;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface NumberSeriesTable {
  company_id: string;
  doc_type: string;
  period_key: string;
  prefix: string;
  next_value: Generated<number>;
}

export interface DevMailboxTable {
  id: Identity;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: CreatedAt;
}

export type LinkStatusColumn = 'pending' | 'accepted' | 'denied' | 'blocked' | 'unlinked' | 'cancelled';

export interface PartnerLinksTable {
  id: Generated<string>;
  buyer_company_id: string;
  supplier_company_id: string;
  status: LinkStatusColumn;
  message: string | null;
  blocked_by: 'buyer' | 'supplier' | null;
  decided_by: string | null;
  decided_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: Identity;
  company_id: string;
  /** The person it is for: each member reads (and marks read) their own. Null: held for a company with no member yet, handed to the first who joins. */
  user_id: string | null;
  /** What caused it (`event:<id>`, `reminder:<kind>:<id>:<date>`): one notification per person and cause. */
  dedupe_key: string;
  type: string;
  title: string;
  body: Generated<string>;
  link_path: string | null;
  entity_type: string;
  entity_id: string;
  event_id: number | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface UnitsTable {
  code: string;
  name: string;
  kind: 'mass' | 'length' | 'count' | 'area' | 'volume';
}

export interface HsnCodesTable {
  code: string;
  description: string;
  gst_rate: string;
}

export interface CommoditiesTable {
  code: string;
  name: string;
  quality_parameters: ColumnType<unknown, string | undefined, string>;
}

export interface ProductsTable {
  id: Generated<string>;
  company_id: string;
  sku: string;
  name: string;
  description: Generated<string>;
  commodity_code: string | null;
  unit: string;
  hsn_code: string | null;
  price: string;
  currency: string;
  min_order_quantity: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface FilesTable {
  id: Generated<string>;
  company_id: string;
  uploaded_by: string | null;
  filename: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: CreatedAt;
}

export type ReviewStatus = 'pending' | 'approved' | 'rejected';
export type KycDocumentKind = 'gst_certificate' | 'pan' | 'bank_proof' | 'trade_licence' | 'other';

export interface KycDocumentsTable {
  id: Generated<string>;
  company_id: string;
  kind: KycDocumentKind;
  file_id: string;
  status: Generated<ReviewStatus>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  submitted_by: string | null;
  created_at: CreatedAt;
}

export interface CertificationsTable {
  id: Generated<string>;
  company_id: string;
  standard: string;
  number: string;
  issuer: string;
  valid_from: string;
  valid_to: string;
  file_id: string | null;
  created_at: CreatedAt;
}

export type LegalField = 'legal_name' | 'tax_id' | 'bank_account';

export interface ChangeRequestsTable {
  id: Generated<string>;
  company_id: string;
  field: LegalField;
  old_value: string | null;
  new_value: string;
  note: string | null;
  status: Generated<ReviewStatus>;
  review_reason: string | null;
  requested_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: CreatedAt;
}

export interface ProductAttachmentsTable {
  product_id: string;
  file_id: string;
  created_at: CreatedAt;
}

export interface OrderAttachmentsTable {
  order_id: string;
  file_id: string;
  /** The party that attached it; only that party may remove it. */
  company_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export type OrderStatusColumn =
  | 'draft'
  | 'pending_approval'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'in_progress'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled';

export interface OrdersTable {
  id: Generated<string>;
  buyer_company_id: string;
  supplier_company_id: string;
  created_by_side: 'buyer' | 'supplier';
  buyer_number: string | null;
  supplier_number: string | null;
  status: Generated<OrderStatusColumn>;
  order_date: string;
  currency: string;
  tax_regime: 'intra_state' | 'inter_state' | 'single';
  subtotal: string;
  discount: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
  needs_approval: Generated<boolean>;
  buyer_note: string | null;
  supplier_note: string | null;
  created_by: string | null;
  submitted_by: string | null;
  approved_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** When the order first reached each milestone of its cycle (migration 0015). */
  submitted_at: Date | null;
  accepted_at: Date | null;
  delivered_at: Date | null;
  requested_delivery_date: string | null;
  payment_terms: 'advance' | 'against_delivery' | 'net' | null;
  payment_term_days: number | null;
  ship_to_branch_id: string | null;
  buyer_gstin: string | null;
  supplier_gstin: string | null;
  /** How far the goods have gone; deliveries keep it (migration 0023). */
  fulfilment: Generated<OrderFulfilment>;
}

export interface OrderLinesTable {
  id: Generated<string>;
  order_id: string;
  line_no: number;
  product_id: string | null;
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
  discount_percent: Generated<string>;
  hsn_code: string | null;
  tax_rate: string;
  gross: string;
  discount: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
}

export interface IdempotencyKeysTable {
  company_id: string;
  principal: string;
  key: string;
  procedure: string;
  request_hash: string;
  response: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export interface WorkOrdersTable {
  id: Generated<string>;
  company_id: string;
  number: string;
  product_id: string | null;
  description: string;
  quantity: string;
  unit: string;
  order_line_id: string | null;
  priority: Generated<'low' | 'normal' | 'high' | 'urgent'>;
  planned_start: string | null;
  due_date: string | null;
  status: Generated<'planned' | 'released' | 'in_progress' | 'completed' | 'cancelled'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WorkOrderOperationsTable {
  id: Generated<string>;
  work_order_id: string;
  seq: number;
  name: string;
  planned_quantity: string;
  completed_quantity: Generated<string>;
}

export type TenderStatusColumn = 'draft' | 'open' | 'closed' | 'awarded' | 'cancelled';
export type PaymentTermsColumn = 'advance' | 'against_delivery' | 'net';

export interface TendersTable {
  id: Generated<string>;
  company_id: string;
  number: string;
  title: string;
  status: Generated<TenderStatusColumn>;
  currency: string;
  delivery_place: string | null;
  delivery_date: string | null;
  payment_terms: PaymentTermsColumn | null;
  payment_term_days: number | null;
  closes_at: Timestamp;
  notes: string | null;
  /** `[{ criterion, weight }]`, weights summing to 100 (shared/src/sourcing). */
  criteria: ColumnType<unknown, string | undefined, string>;
  /** `{ currencies: { USD: '83.25' }, units: [{ from, to, factor }] }`: the buyer's conversions for comparison. */
  conversions: ColumnType<unknown, string | undefined, string>;
  published_at: Date | null;
  closed_at: Date | null;
  close_reason: 'deadline' | 'early' | null;
  awarded_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TenderItemsTable {
  id: Generated<string>;
  tender_id: string;
  line_no: number;
  product_id: string | null;
  description: string;
  quantity: string;
  unit: string;
  target_price: string | null;
  hsn_code: string | null;
  /** `[{ name, value }]` quality parameters. */
  specification: ColumnType<unknown, string | undefined, string>;
}

export interface TenderInvitationsTable {
  id: Generated<string>;
  tender_id: string;
  supplier_company_id: string;
  status: Generated<'invited' | 'declined'>;
  invited_email: string | null;
  declined_at: Date | null;
  decline_reason: string | null;
  invited_by: string | null;
  created_at: CreatedAt;
}

export interface TenderAttachmentsTable {
  tender_id: string;
  file_id: string;
  created_at: CreatedAt;
}

export interface QuotesTable {
  id: Generated<string>;
  tender_id: string;
  supplier_company_id: string;
  revision: number;
  status: Generated<'draft' | 'submitted' | 'superseded' | 'withdrawn'>;
  currency: string;
  lead_time_days: number | null;
  valid_until: string | null;
  payment_terms: PaymentTermsColumn | null;
  payment_term_days: number | null;
  notes: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  withdrawn_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuoteLinesTable {
  id: Generated<string>;
  quote_id: string;
  item_id: string;
  alternative_no: Generated<number>;
  description: string | null;
  unit_price: string;
  quantity: string | null;
  unit: string | null;
  freight_per_unit: Generated<string>;
  hsn_code: string | null;
  tax_rate: string | null;
  notes: string | null;
}

export interface QuoteAttachmentsTable {
  quote_id: string;
  file_id: string;
  created_at: CreatedAt;
}

export interface TenderClarificationsTable {
  id: Generated<string>;
  tender_id: string;
  asked_by_company_id: string | null;
  asked_by: string | null;
  question: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: CreatedAt;
}

export interface TenderAwardsTable {
  id: Generated<string>;
  tender_id: string;
  item_id: string;
  quote_id: string;
  quote_line_id: string;
  quantity: string;
  order_id: string;
  reason: string | null;
  awarded_by: string | null;
  created_at: CreatedAt;
}

// Trade desk masters: a row without company_id is the platform's default; a company's own row
// with the same code overrides it for that company.
type MasterRow = {
  id: Generated<string>;
  company_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export interface CommodityVarietiesTable extends MasterRow {
  commodity_code: string;
  code: string;
  name: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
}

export interface QualityParametersTable extends MasterRow {
  commodity_code: string;
  code: string;
  name: string;
  unit: Generated<string>;
  min_allowed: string;
  max_allowed: string;
  sort_order: Generated<number>;
}

export type TradeLocationKind = 'state' | 'city' | 'warehouse' | 'ginning_factory' | 'pressing_factory';

export interface TradeLocationsTable extends MasterRow {
  kind: TradeLocationKind;
  code: string;
  name: string;
  state_code: string;
  city: string | null;
  address: string | null;
}

export type TradeTermKind = 'delivery' | 'sale' | 'payment';

export interface TradeTermsTable extends MasterRow {
  kind: TradeTermKind;
  code: string;
  name: string;
  body: Generated<string>;
  payment_days: number | null;
}

export interface GstRatesTable {
  id: Generated<string>;
  hsn_code: string;
  rate: string;
  effective_from: string;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export type CommissionBasis = 'per_bale' | 'per_candy' | 'percent';

export interface CommissionStructuresTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  broker_company_id: string | null;
  broker_name: string;
  basis: CommissionBasis;
  rate: string;
  seller_share_pct: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type TradeUnit = 'bale' | 'candy' | 'qtl' | 'kg';
export type LotStatus = 'available' | 'offered' | 'sold' | 'archived';

export interface LotsTable {
  id: Generated<string>;
  company_id: string;
  number: string;
  commodity_code: string;
  variety_code: string | null;
  bales: number;
  net_weight_kg: string;
  state_code: string;
  city: string;
  warehouse: string | null;
  location_id: string | null;
  crop_year: string;
  /** HVI results by parameter code (decimal strings) plus `colour_grade` (shared/src/tradedesk/quality.ts). */
  quality: ColumnType<unknown, string | undefined, string>;
  lab_name: string | null;
  tested_on: string | null;
  test_report_file_id: string | null;
  status: Generated<LotStatus>;
  notes: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type OfferSideColumn = 'buy' | 'sell';
export type OfferStatusColumn = 'open' | 'negotiating' | 'closed' | 'withdrawn' | 'expired';

export interface TradeOffersTable {
  id: Generated<string>;
  company_id: string;
  number: string;
  side: OfferSideColumn;
  commodity_code: string;
  variety_code: string | null;
  lot_id: string | null;
  quantity: string;
  remaining_quantity: string;
  unit: TradeUnit;
  price: string;
  currency: Generated<string>;
  price_unit: TradeUnit;
  /** `{ [parameterCode]: { min?, max? } }` decimal strings (shared/src/tradedesk/quality.ts). */
  quality: ColumnType<unknown, string | undefined, string>;
  delivery_state_code: string | null;
  delivery_city: string | null;
  delivery_term: string | null;
  delivery_from: string | null;
  delivery_to: string | null;
  payment_days: number | null;
  payment_term: string | null;
  valid_until: Timestamp;
  visibility: 'partners' | 'desk';
  status: Generated<OfferStatusColumn>;
  notes: string | null;
  source_text: string | null;
  closed_at: Date | null;
  withdrawn_at: Date | null;
  expired_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TradeMatchNoticesTable {
  offer_id: string;
  matched_offer_id: string;
  score: number;
  created_at: CreatedAt;
}

export type NegotiationStatusColumn = 'open' | 'accepted' | 'rejected' | 'expired' | 'cancelled';

export interface NegotiationsTable {
  id: Generated<string>;
  offer_id: string;
  owner_company_id: string;
  counterparty_company_id: string;
  status: Generated<NegotiationStatusColumn>;
  current_version: Generated<number>;
  proposed_by_company_id: string;
  expires_at: Timestamp;
  ended_at: Date | null;
  end_reason: string | null;
  contract_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NegotiationRoundsTable {
  id: Generated<string>;
  negotiation_id: string;
  version: number;
  company_id: string;
  /** The whole proposal (`negotiationTerms` in shared/src/tradedesk). */
  terms: ColumnType<unknown, string, string>;
  message: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ContractsTable {
  id: Generated<string>;
  seller_company_id: string;
  buyer_company_id: string;
  seller_number: string;
  buyer_number: string;
  negotiation_id: string;
  offer_id: string;
  accepted_version: number;
  commodity_code: string;
  variety_code: string | null;
  lot_id: string | null;
  quantity: string;
  unit: TradeUnit;
  quantity_tolerance_pct: Generated<string>;
  price: string;
  currency: string;
  price_unit: TradeUnit;
  value: string;
  quality: ColumnType<unknown, string | undefined, string>;
  delivery_state_code: string | null;
  delivery_city: string | null;
  delivery_term: string | null;
  payment_days: number | null;
  payment_term: string | null;
  terms_code: string | null;
  terms_text: string | null;
  status: Generated<'active' | 'completed' | 'cancelled'>;
  signed_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContractDeliveriesTable {
  id: Generated<string>;
  contract_id: string;
  seq: number;
  due_from: string;
  due_to: string;
  quantity: string;
}

export interface ContractCommissionsTable {
  id: Generated<string>;
  contract_id: string;
  broker_company_id: string | null;
  broker_name: string;
  basis: CommissionBasis;
  rate: string;
  seller_share_pct: string;
  amount: string;
  seller_amount: string;
  buyer_amount: string;
  billed_at: Date | null;
}

export type ConversationAboutType = 'order' | 'tender' | 'quote' | 'offer' | 'negotiation' | 'contract' | 'invoice' | 'complaint';

export interface ConversationsTable {
  id: Generated<string>;
  subject: Generated<string>;
  about_type: ConversationAboutType | null;
  about_id: string | null;
  started_by_company_id: string;
  started_by_user_id: string | null;
  last_message_at: Timestamp;
  created_at: CreatedAt;
}

export interface ConversationCompaniesTable {
  conversation_id: string;
  company_id: string;
  added_by_company_id: string | null;
  added_at: CreatedAt;
}

export interface MessagesTable {
  id: Identity;
  conversation_id: string;
  sender_company_id: string;
  sender_user_id: string | null;
  body: string;
  reply_to_id: number | null;
  edited_at: Date | null;
  deleted_at: Date | null;
  created_at: CreatedAt;
  search: ColumnType<string, never, never>;
}

export interface MessageEditsTable {
  id: Identity;
  message_id: number;
  previous_body: string;
  edited_by: string | null;
  edited_at: CreatedAt;
}

export interface MessageAttachmentsTable {
  message_id: number;
  file_id: string;
}

export interface ConversationReadsTable {
  conversation_id: string;
  user_id: string;
  company_id: string;
  last_read_message_id: Generated<number>;
  read_at: Timestamp;
}

export type ComplaintAboutType = 'order' | 'delivery' | 'contract' | 'invoice';
export type ComplaintCategory = 'quality' | 'quantity_short' | 'late_delivery' | 'wrong_item' | 'damaged' | 'billing' | 'other';
export type ComplaintStatus = 'open' | 'in_review' | 'resolved' | 'rejected';
export type ComplaintEscalationReason = 'manual' | 'first_response_sla' | 'resolution_sla';
export type ComplaintResolutionKind = 'replacement' | 'credit_note' | 'none';
export type ComplaintEntryKind = 'filed' | 'note' | 'assigned' | 'escalated' | 'resolved' | 'rejected' | 'reopened';

export interface ComplaintsTable {
  id: Generated<string>;
  number: string;
  buyer_company_id: string;
  supplier_company_id: string;
  about_type: ComplaintAboutType;
  about_id: string;
  about_document: Generated<string>;
  category: ComplaintCategory;
  description: string;
  amount_claimed: string | null;
  currency: string;
  status: Generated<ComplaintStatus>;
  assignee_user_id: string | null;
  escalated_at: Date | null;
  escalation_reason: ComplaintEscalationReason | null;
  first_response_due_at: Date;
  resolution_due_at: Date;
  first_responded_at: Date | null;
  closed_at: Date | null;
  resolution_kind: ComplaintResolutionKind | null;
  credit_amount: string | null;
  resolution_note: string | null;
  reopen_count: Generated<number>;
  filed_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ComplaintEvidenceTable {
  complaint_id: string;
  file_id: string;
  company_id: string;
  added_at: CreatedAt;
}

export interface ComplaintEntriesTable {
  id: Identity;
  complaint_id: string;
  company_id: string;
  user_id: string | null;
  kind: ComplaintEntryKind;
  internal: Generated<boolean>;
  body: Generated<string>;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus | null;
  created_at: CreatedAt;
}

export interface ComplaintSlaPoliciesTable {
  company_id: string;
  category: ComplaintCategory;
  first_response_hours: number;
  resolution_hours: number;
  updated_at: Timestamp;
}

export type PreferenceChannel = 'in_app' | 'email';
export type DefaultChannel = 'in_app' | 'email';
export type DeliveryChannel = 'email' | 'digest';
export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'dead';

export interface NotificationPreferencesTable {
  user_id: string;
  company_id: string;
  event_type: string;
  channel: PreferenceChannel;
  enabled: boolean;
  updated_at: Timestamp;
}

export interface NotificationCompanyDefaultsTable {
  company_id: string;
  event_type: string;
  channel: DefaultChannel;
  enabled: boolean;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface NotificationUserSettingsTable {
  user_id: string;
  time_zone: Generated<string>;
  /** 'HH:MM:SS' in the person's time zone; both set or both null. */
  quiet_start: string | null;
  quiet_end: string | null;
  digest_enabled: Generated<boolean>;
  digest_hour: Generated<number>;
  updated_at: Timestamp;
}

export interface NotificationTemplatesTable {
  event_type: string;
  channel: PreferenceChannel;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface NotificationDeliveriesTable {
  id: Identity;
  notification_id: number | null;
  user_id: string | null;
  company_id: string | null;
  event_type: string;
  channel: DeliveryChannel;
  to_address: string;
  subject: Generated<string>;
  /** The cause, as on the notification: one email per person, company and cause. Null for a digest. */
  dedupe_key: string | null;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  not_before: Date | null;
  next_attempt_at: Date | null;
  sent_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NotificationDigestsTable {
  user_id: string;
  /** 'YYYY-MM-DD', the person's local day. */
  digest_date: string;
  delivery_id: number | null;
  items: number;
  created_at: CreatedAt;
}

export type WebhookEndpointStatus = 'active' | 'paused' | 'disabled';
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpointsTable {
  id: Generated<string>;
  company_id: string;
  url: string;
  description: Generated<string>;
  events: string[];
  status: Generated<WebhookEndpointStatus>;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
  deleted_at: Date | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  endpoint_id: string;
  company_id: string;
  event_id: number | null;
  event_type: string;
  message_id: string;
  payload: Json;
  is_test: Generated<boolean>;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  succeeded_at: Date | null;
  created_at: CreatedAt;
}

export interface WebhookAttemptsTable {
  id: Identity;
  delivery_id: string;
  attempted_at: Timestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: Generated<string>;
  trigger: Generated<'automatic' | 'replay'>;
}

export interface Database {
  users: UsersTable;
  companies: CompaniesTable;
  branches: BranchesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  rate_limits: RateLimitsTable;
  api_keys: ApiKeysTable;
  api_key_usage: ApiKeyUsageTable;
  security_events: SecurityEventsTable;
  audit_log: AuditLogTable;
  domain_events: DomainEventsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  financial_years: FinancialYearsTable;
  number_series: NumberSeriesTable;
  dev_mailbox: DevMailboxTable;
  partner_links: PartnerLinksTable;
  notifications: NotificationsTable;
  units: UnitsTable;
  hsn_codes: HsnCodesTable;
  commodities: CommoditiesTable;
  products: ProductsTable;
  files: FilesTable;
  kyc_documents: KycDocumentsTable;
  certifications: CertificationsTable;
  change_requests: ChangeRequestsTable;
  product_attachments: ProductAttachmentsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_attachments: OrderAttachmentsTable;
  idempotency_keys: IdempotencyKeysTable;
  work_orders: WorkOrdersTable;
  work_order_operations: WorkOrderOperationsTable;
  user_two_factor: UserTwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  tenders: TendersTable;
  tender_items: TenderItemsTable;
  tender_invitations: TenderInvitationsTable;
  tender_attachments: TenderAttachmentsTable;
  quotes: QuotesTable;
  quote_lines: QuoteLinesTable;
  quote_attachments: QuoteAttachmentsTable;
  tender_clarifications: TenderClarificationsTable;
  tender_awards: TenderAwardsTable;
  commodity_varieties: CommodityVarietiesTable;
  quality_parameters: QualityParametersTable;
  trade_locations: TradeLocationsTable;
  trade_terms: TradeTermsTable;
  gst_rates: GstRatesTable;
  commission_structures: CommissionStructuresTable;
  lots: LotsTable;
  trade_offers: TradeOffersTable;
  trade_match_notices: TradeMatchNoticesTable;
  negotiations: NegotiationsTable;
  negotiation_rounds: NegotiationRoundsTable;
  contracts: ContractsTable;
  contract_deliveries: ContractDeliveriesTable;
  contract_commissions: ContractCommissionsTable;
  conversations: ConversationsTable;
  conversation_companies: ConversationCompaniesTable;
  messages: MessagesTable;
  message_edits: MessageEditsTable;
  message_attachments: MessageAttachmentsTable;
  conversation_reads: ConversationReadsTable;
  complaints: ComplaintsTable;
  complaint_evidence: ComplaintEvidenceTable;
  complaint_entries: ComplaintEntriesTable;
  complaint_sla_policies: ComplaintSlaPoliciesTable;
  notification_preferences: NotificationPreferencesTable;
  notification_company_defaults: NotificationCompanyDefaultsTable;
  notification_user_settings: NotificationUserSettingsTable;
  notification_templates: NotificationTemplatesTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_digests: NotificationDigestsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  deliveries: DeliveriesTable;
  delivery_lines: DeliveryLinesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_notes: InvoiceNotesTable;
  invoice_note_lines: InvoiceNoteLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  credit_limits: CreditLimitsTable;
  disputes: DisputesTable;
  dispute_evidence: DisputeEvidenceTable;
  invoice_reminders: InvoiceRemindersTable;
  year_closes: YearClosesTable;
  opening_balances: OpeningBalancesTable;
}

// ── Deliveries and finance (migration 0023) ─────────────────────────────────────────────────────
export type OrderFulfilment = 'none' | 'partly_shipped' | 'shipped' | 'partly_delivered' | 'delivered';
export type GoodsDeliveryStatus = 'dispatched' | 'received' | 'cancelled';
export type InvoiceStatus = 'draft' | 'issued' | 'partly_paid' | 'paid' | 'cancelled';
export type InvoiceMatchStatus = 'not_applicable' | 'matched' | 'flagged';
export type InvoiceNoteKind = 'credit' | 'debit';
export type InvoiceNoteReason = 'return' | 'price_difference' | 'quality' | 'complaint' | 'dispute' | 'other';
export type PaymentDirection = 'received' | 'made';
export type PaymentMethod = 'neft_rtgs' | 'upi' | 'cheque' | 'cash';
export type DisputeStatus = 'open' | 'responded' | 'resolved' | 'withdrawn';
export type DisputeResolution = 'credit_note' | 'debit_note' | 'no_change';
export type YearCloseStatus = 'running' | 'done' | 'failed' | 'reopened';
export type LedgerSide = 'receivable' | 'payable';

export interface DeliveriesTable {
  id: Generated<string>;
  supplier_company_id: string;
  buyer_company_id: string;
  order_id: string | null;
  contract_id: string | null;
  number: string;
  receipt_number: string | null;
  supplier_branch_id: string | null;
  buyer_branch_id: string | null;
  dispatch_date: string;
  transporter: string | null;
  vehicle_number: string | null;
  lr_number: string | null;
  eway_bill_number: string | null;
  note: string | null;
  status: Generated<GoodsDeliveryStatus>;
  received_on: string | null;
  received_at: Date | null;
  received_by: string | null;
  receipt_note: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DeliveryLinesTable {
  id: Generated<string>;
  delivery_id: string;
  line_no: number;
  order_line_id: string | null;
  description: string;
  quantity: string;
  unit: string;
  bale_count: number | null;
  lot_numbers: ColumnType<string[], string[] | undefined, string[]>;
  accepted_quantity: string | null;
  rejected_quantity: string | null;
  rejection_reason: string | null;
}

export interface InvoicesTable {
  id: Generated<string>;
  supplier_company_id: string;
  buyer_company_id: string;
  order_id: string | null;
  contract_id: string | null;
  supplier_branch_id: string | null;
  buyer_branch_id: string | null;
  number: string | null;
  financial_year: string | null;
  status: Generated<InvoiceStatus>;
  invoice_date: string;
  due_date: string | null;
  currency: string;
  tax_regime: 'intra_state' | 'inter_state' | 'single';
  place_of_supply: string | null;
  supplier_gstin: string | null;
  buyer_gstin: string | null;
  reverse_charge: Generated<boolean>;
  subtotal: Generated<string>;
  taxable: Generated<string>;
  cgst: Generated<string>;
  sgst: Generated<string>;
  igst: Generated<string>;
  tax: Generated<string>;
  round_off: Generated<string>;
  total: Generated<string>;
  tds_percent: string | null;
  tds_amount: Generated<string>;
  tcs_percent: string | null;
  tcs_amount: Generated<string>;
  credited_amount: Generated<string>;
  debited_amount: Generated<string>;
  received_amount: Generated<string>;
  paid_amount: Generated<string>;
  disputed_amount: Generated<string>;
  match_status: Generated<InvoiceMatchStatus>;
  match_flags: ColumnType<unknown, string | undefined, string>;
  approved_for_payment_at: Date | null;
  approved_for_payment_by: string | null;
  over_limit_approved_by: string | null;
  supplier_note: string | null;
  buyer_note: string | null;
  created_by: string | null;
  issued_at: Date | null;
  issued_by: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InvoiceLinesTable {
  id: Generated<string>;
  invoice_id: string;
  line_no: number;
  order_line_id: string | null;
  delivery_line_id: string | null;
  product_id: string | null;
  description: string;
  hsn_code: string | null;
  quantity: string;
  unit: string;
  unit_price: string;
  discount_percent: Generated<string>;
  tax_rate: string;
  gross: string;
  discount: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
}

export interface InvoiceNotesTable {
  id: Generated<string>;
  invoice_id: string;
  supplier_company_id: string;
  buyer_company_id: string;
  kind: InvoiceNoteKind;
  number: string;
  financial_year: string;
  note_date: string;
  reason: InvoiceNoteReason;
  description: Generated<string>;
  complaint_id: string | null;
  dispute_id: string | null;
  currency: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
  status: Generated<'issued' | 'cancelled'>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface InvoiceNoteLinesTable {
  id: Generated<string>;
  note_id: string;
  line_no: number;
  invoice_line_id: string | null;
  description: string;
  hsn_code: string | null;
  quantity: string | null;
  tax_rate: string;
  taxable: string;
  cgst: string;
  sgst: string;
  igst: string;
  tax: string;
  total: string;
}

export interface PaymentsTable {
  id: Generated<string>;
  company_id: string;
  partner_company_id: string;
  direction: PaymentDirection;
  number: string;
  branch_id: string | null;
  amount: string;
  currency: string;
  allocated_amount: Generated<string>;
  paid_on: string;
  method: PaymentMethod;
  reference: Generated<string>;
  note: string | null;
  status: Generated<'recorded' | 'reversed'>;
  reversed_at: Date | null;
  reversed_by: string | null;
  reversal_reason: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PaymentAllocationsTable {
  id: Generated<string>;
  payment_id: string;
  invoice_id: string;
  amount: string;
  reversed: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CreditLimitsTable {
  company_id: string;
  partner_company_id: string;
  amount: string;
  currency: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface DisputesTable {
  id: Generated<string>;
  supplier_company_id: string;
  buyer_company_id: string;
  raised_by_company_id: string;
  invoice_id: string | null;
  contract_id: string | null;
  number: string;
  amount: string;
  currency: string;
  reason: string;
  status: Generated<DisputeStatus>;
  response: string | null;
  responded_at: Date | null;
  responded_by: string | null;
  resolution: DisputeResolution | null;
  resolution_note: string | null;
  note_id: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  withdrawn_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DisputeEvidenceTable {
  dispute_id: string;
  file_id: string;
}

export interface InvoiceRemindersTable {
  invoice_id: string;
  stage: string;
  sent_at: CreatedAt;
}

export interface YearClosesTable {
  id: Generated<string>;
  company_id: string;
  financial_year_id: string;
  next_financial_year_id: string | null;
  status: Generated<YearCloseStatus>;
  total_steps: Generated<number>;
  done_steps: Generated<number>;
  error: string | null;
  started_by: string | null;
  started_at: CreatedAt;
  finished_at: Date | null;
}

export interface OpeningBalancesTable {
  company_id: string;
  financial_year_id: string;
  partner_company_id: string;
  side: LedgerSide;
  currency: string;
  amount: string;
  year_close_id: string;
  created_at: CreatedAt;
}

export type User = Selectable<UsersTable>;
export type Company = Selectable<CompaniesTable>;
