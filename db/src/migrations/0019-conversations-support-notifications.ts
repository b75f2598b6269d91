import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Conversations between companies (general or about a document), complaints with an owner and a
// clock, and the notification engine: notifications now belong to a person, with preferences per
// event and channel, company defaults, quiet hours, templates, a delivery log and daily digests.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject text NOT NULL DEFAULT '',
      -- The document it is about (order, tender, quote, offer, negotiation, contract, invoice, complaint), or none.
      about_type text,
      about_id text,
      started_by_company_id uuid NOT NULL REFERENCES companies(id),
      started_by_user_id uuid REFERENCES users(id),
      last_message_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((about_type IS NULL) = (about_id IS NULL))
    );
    CREATE INDEX conversations_about_idx ON conversations (about_type, about_id);

    -- The companies in a conversation: two at the start, more when a party adds one.
    CREATE TABLE conversation_companies (
      conversation_id uuid NOT NULL REFERENCES conversations(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      added_by_company_id uuid REFERENCES companies(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, company_id)
    );
    CREATE INDEX conversation_companies_company_idx ON conversation_companies (company_id, conversation_id);

    CREATE TABLE messages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations(id),
      sender_company_id uuid NOT NULL REFERENCES companies(id),
      sender_user_id uuid REFERENCES users(id),
      body text NOT NULL,
      reply_to_id bigint REFERENCES messages(id),
      edited_at timestamptz,
      -- A deleted message keeps its row as a tombstone; its body is emptied.
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
    );
    CREATE INDEX messages_conversation_idx ON messages (conversation_id, id DESC);
    CREATE INDEX messages_search_idx ON messages USING gin (search);

    -- Earlier texts of an edited message, oldest first.
    CREATE TABLE message_edits (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      message_id bigint NOT NULL REFERENCES messages(id),
      previous_body text NOT NULL,
      edited_by uuid REFERENCES users(id),
      edited_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX message_edits_message_idx ON message_edits (message_id, id);

    CREATE TABLE message_attachments (
      message_id bigint NOT NULL REFERENCES messages(id),
      file_id uuid NOT NULL REFERENCES files(id),
      PRIMARY KEY (message_id, file_id)
    );

    -- How far each person has read a conversation, per company they read it for.
    CREATE TABLE conversation_reads (
      conversation_id uuid NOT NULL REFERENCES conversations(id),
      user_id uuid NOT NULL REFERENCES users(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      last_read_message_id bigint NOT NULL DEFAULT 0,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, user_id, company_id)
    );

    CREATE TABLE complaints (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL,
      buyer_company_id uuid NOT NULL REFERENCES companies(id),
      supplier_company_id uuid NOT NULL REFERENCES companies(id),
      about_type text NOT NULL CHECK (about_type IN ('order', 'delivery', 'contract', 'invoice')),
      about_id text NOT NULL,
      -- The document's number as the buyer knows it, kept for lists and search.
      about_document text NOT NULL DEFAULT '',
      category text NOT NULL CHECK (category IN ('quality', 'quantity_short', 'late_delivery', 'wrong_item', 'damaged', 'billing', 'other')),
      description text NOT NULL,
      amount_claimed numeric(18,2) CHECK (amount_claimed IS NULL OR amount_claimed >= 0),
      currency text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_review', 'resolved', 'rejected')),
      assignee_user_id uuid REFERENCES users(id),
      escalated_at timestamptz,
      escalation_reason text CHECK (escalation_reason IN ('manual', 'first_response_sla', 'resolution_sla')),
      first_response_due_at timestamptz NOT NULL,
      resolution_due_at timestamptz NOT NULL,
      first_responded_at timestamptz,
      closed_at timestamptz,
      resolution_kind text CHECK (resolution_kind IN ('replacement', 'credit_note', 'none')),
      credit_amount numeric(18,2) CHECK (credit_amount IS NULL OR credit_amount >= 0),
      resolution_note text,
      reopen_count integer NOT NULL DEFAULT 0,
      filed_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (buyer_company_id, number)
    );
    CREATE INDEX complaints_buyer_idx ON complaints (buyer_company_id, created_at DESC, id);
    CREATE INDEX complaints_supplier_idx ON complaints (supplier_company_id, created_at DESC, id);
    CREATE INDEX complaints_open_due_idx ON complaints (resolution_due_at) WHERE status IN ('open', 'in_review');

    CREATE TABLE complaint_evidence (
      complaint_id uuid NOT NULL REFERENCES complaints(id),
      file_id uuid NOT NULL REFERENCES files(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (complaint_id, file_id)
    );

    -- The complaint's timeline: status changes, assignments, escalations and notes. An internal
    -- entry is read only by the company that wrote it.
    CREATE TABLE complaint_entries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      complaint_id uuid NOT NULL REFERENCES complaints(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      user_id uuid REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('filed', 'note', 'assigned', 'escalated', 'resolved', 'rejected', 'reopened')),
      internal boolean NOT NULL DEFAULT false,
      body text NOT NULL DEFAULT '',
      from_status text,
      to_status text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX complaint_entries_complaint_idx ON complaint_entries (complaint_id, id);

    -- Hours a supplier gives itself per category; a category without a row uses the platform default.
    CREATE TABLE complaint_sla_policies (
      company_id uuid NOT NULL REFERENCES companies(id),
      category text NOT NULL,
      first_response_hours integer NOT NULL CHECK (first_response_hours BETWEEN 1 AND 720),
      resolution_hours integer NOT NULL CHECK (resolution_hours BETWEEN 1 AND 2160),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, category)
    );

    -- Notifications belong to a person: each company notification becomes one per member. One
    -- for a company with nobody to read it yet (an unclaimed company) stays the company's (no
    -- person) until its first member joins.
    ALTER TABLE notifications ADD COLUMN user_id uuid REFERENCES users(id);
    ALTER TABLE notifications ADD COLUMN dedupe_key text;
    ALTER TABLE notifications ALTER COLUMN event_id DROP NOT NULL;
    ALTER TABLE notifications DROP CONSTRAINT notifications_event_id_company_id_key;
    UPDATE notifications SET dedupe_key = 'event:' || event_id;
    INSERT INTO notifications (company_id, user_id, type, title, body, link_path, entity_type, entity_id, event_id, read_at, created_at, dedupe_key)
      SELECT n.company_id, m.user_id, n.type, n.title, n.body, n.link_path, n.entity_type, n.entity_id, n.event_id, n.read_at, n.created_at,
             n.dedupe_key
      FROM notifications n JOIN memberships m ON m.company_id = n.company_id
      WHERE n.user_id IS NULL;
    DELETE FROM notifications n WHERE n.user_id IS NULL AND EXISTS (SELECT 1 FROM memberships m WHERE m.company_id = n.company_id);
    ALTER TABLE notifications ALTER COLUMN dedupe_key SET NOT NULL;
    -- One notification per person, company and cause, however often a job is retried.
    CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (user_id, company_id, dedupe_key);
    CREATE UNIQUE INDEX notifications_company_held_idx ON notifications (company_id, dedupe_key) WHERE user_id IS NULL;
    DROP INDEX notifications_company_idx;
    CREATE INDEX notifications_user_idx ON notifications (user_id, company_id, id DESC);

    -- A person's choice for one event and channel in one company; no row means the company default.
    CREATE TABLE notification_preferences (
      user_id uuid NOT NULL REFERENCES users(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      event_type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
      enabled boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, company_id, event_type, channel)
    );

    -- A company admin's default for one event and channel; no row means the platform default.
    CREATE TABLE notification_company_defaults (
      company_id uuid NOT NULL REFERENCES companies(id),
      event_type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'webhook')),
      enabled boolean NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, event_type, channel)
    );

    -- Quiet hours and the daily digest, per person (across their companies).
    CREATE TABLE notification_user_settings (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      time_zone text NOT NULL DEFAULT 'Asia/Kolkata',
      quiet_start time,
      quiet_end time,
      digest_enabled boolean NOT NULL DEFAULT true,
      digest_hour integer NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
    );

    -- Operators' wording for an event on a channel; no row means the built-in template.
    CREATE TABLE notification_templates (
      event_type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
      subject text NOT NULL,
      body text NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_type, channel)
    );

    -- Every attempt to reach a person outside the app: an email (or digest), later a webhook.
    CREATE TABLE notification_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      notification_id bigint REFERENCES notifications(id),
      user_id uuid REFERENCES users(id),
      company_id uuid REFERENCES companies(id),
      event_type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'webhook', 'digest')),
      to_address text NOT NULL,
      subject text NOT NULL DEFAULT '',
      -- The cause (the notification's dedupe key): one email per person, company and cause.
      dedupe_key text,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      -- Held until the recipient's quiet hours end.
      not_before timestamptz,
      next_attempt_at timestamptz,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX notification_deliveries_company_idx ON notification_deliveries (company_id, id DESC);
    CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, id DESC);
    CREATE UNIQUE INDEX notification_deliveries_dedupe_idx ON notification_deliveries (user_id, company_id, channel, dedupe_key)
      WHERE dedupe_key IS NOT NULL;

    -- One digest per person per local day, whichever process builds it.
    CREATE TABLE notification_digests (
      user_id uuid NOT NULL REFERENCES users(id),
      digest_date date NOT NULL,
      delivery_id bigint REFERENCES notification_deliveries(id),
      items integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, digest_date)
    );
    `,
  );
}
