import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Outgoing webhooks (Standard Webhooks): a company's endpoints, one delivery per event and
// endpoint created in the event's transaction (the outbox), and every attempt to send it.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id),
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      -- Domain event names from the registry this endpoint receives.
      events text[] NOT NULL,
      -- active: receives deliveries; paused: by an admin, deliveries wait; disabled: by the system after failing for days.
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'disabled')),
      disabled_reason text,
      -- The signing secret (whsec_…): kept to sign, shown once. During a rotation the previous one signs too until it expires.
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      -- Since when every delivery has failed (null once one succeeds): the auto-disable clock.
      failing_since timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      deleted_at timestamptz,
      CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
    );
    CREATE INDEX webhook_endpoints_company_idx ON webhook_endpoints (company_id, created_at) WHERE deleted_at IS NULL;

    -- One message to one endpoint: its body is fixed when created, so a retry or replay sends the same bytes.
    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id),
      company_id uuid NOT NULL REFERENCES companies(id),
      -- The domain event it reports (null for a test event).
      event_id bigint REFERENCES domain_events(id),
      event_type text NOT NULL,
      -- The webhook-id header: the same for every attempt and replay of this message (receivers dedupe on it).
      message_id text NOT NULL UNIQUE,
      payload jsonb NOT NULL,
      is_test boolean NOT NULL DEFAULT false,
      -- pending: waiting for its (next) attempt; succeeded: a 2xx came back; failed: out of attempts (dead letter) or endpoint gone.
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      succeeded_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id);
    CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (endpoint_id, created_at) WHERE status = 'pending';

    CREATE TABLE webhook_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
      attempted_at timestamptz NOT NULL DEFAULT now(),
      -- The HTTP status (null when no answer: refused address, timeout, connection error).
      status_code integer,
      duration_ms integer NOT NULL,
      error text,
      -- The first bytes of the response body, for the delivery log.
      response_excerpt text NOT NULL DEFAULT '',
      -- replay: an admin asked for it again; test: the endpoint's test button.
      trigger text NOT NULL DEFAULT 'automatic' CHECK (trigger IN ('automatic', 'replay'))
    );
    CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempted_at);
    `,
  );
}
