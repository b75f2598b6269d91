import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Webhooks left the notification channels: a company now picks the events each webhook endpoint
// receives (0020). A company default saved for the old `webhook` column goes, and neither the
// defaults nor the notification delivery log accept that channel any more.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    DELETE FROM notification_company_defaults WHERE channel = 'webhook';
    ALTER TABLE notification_company_defaults
      DROP CONSTRAINT notification_company_defaults_channel_check,
      ADD CONSTRAINT notification_company_defaults_channel_check CHECK (channel IN ('in_app', 'email'));

    DELETE FROM notification_deliveries WHERE channel = 'webhook';
    ALTER TABLE notification_deliveries
      DROP CONSTRAINT notification_deliveries_channel_check,
      ADD CONSTRAINT notification_deliveries_channel_check CHECK (channel IN ('email', 'digest'));
    `,
  );
}
