import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-partners.ts';
import * as m0003 from './0003-catalog.ts';
import * as m0004 from './0004-kyc-files.ts';
import * as m0005 from './0005-product-attachments.ts';
import * as m0006 from './0006-orders.ts';
import * as m0007 from './0007-production.ts';
import * as m0008 from './0008-order-attachments.ts';
import * as m0009 from './0009-one-link-per-pair.ts';
import * as m0010 from './0010-job-schedules.ts';
import * as m0011 from './0011-operators-console.ts';
import * as m0012 from './0012-two-factor.ts';
import * as m0013 from './0013-order-commercial-fields.ts';
import * as m0015 from './0015-order-milestones.ts';
import * as m0016 from './0016-order-report-indexes.ts';
import * as m0017 from './0017-sourcing.ts';
import * as m0018 from './0018-tradedesk.ts';
import * as m0019 from './0019-conversations-support-notifications.ts';
import * as m0020 from './0020-webhooks.ts';
import * as m0021 from './0021-notification-webhook-channel.ts';
import * as m0022 from './0022-api-rate-limits.ts';
import * as m0023 from './0023-deliveries-finance.ts';

// Forward-only and ordered: append, never edit a migration that has shipped.
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-partners': m0002,
  '0003-catalog': m0003,
  '0004-kyc-files': m0004,
  '0005-product-attachments': m0005,
  '0006-orders': m0006,
  '0007-production': m0007,
  '0008-order-attachments': m0008,
  '0009-one-link-per-pair': m0009,
  '0010-job-schedules': m0010,
  '0011-operators-console': m0011,
  '0012-two-factor': m0012,
  '0013-order-commercial-fields': m0013,
  '0015-order-milestones': m0015,
  '0016-order-report-indexes': m0016,
  '0017-sourcing': m0017,
  '0018-tradedesk': m0018,
  '0019-conversations-support-notifications': m0019,
  '0020-webhooks': m0020,
  '0021-notification-webhook-channel': m0021,
  '0022-api-rate-limits': m0022,
  '0023-deliveries-finance': m0023,
};
