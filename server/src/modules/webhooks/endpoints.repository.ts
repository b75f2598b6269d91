import type { Executor } from '@tradeloom/db';
import type { WebhookEndpointView } from '@tradeloom/shared';
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Config } from '../../config.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { secretHintOf } from './endpoint-secrets.ts';

// SQL for a company's webhook endpoints. A deleted endpoint (deleted_at set) is gone for every
// read here: it exists only for its old deliveries' foreign keys.

const RECENT_MS = 24 * 60 * 60 * 1000;

/** The company's live (not deleted) endpoints, oldest first, with what the view needs. */
export function selectEndpoints(db: Executor, companyId: string) {
  return db
    .selectFrom('webhook_endpoints as e')
    .select((eb) => [
      'e.id',
      'e.url',
      'e.description',
      'e.events',
      'e.status',
      'e.disabled_reason as disabledReason',
      isoTimestamp(eb.ref('e.previous_secret_expires_at')).as('previousSecretExpiresAt'),
      isoTimestamp(eb.ref('e.failing_since')).as('failingSince'),
      'e.secret',
      'e.version',
      isoTimestamp(eb.ref('e.created_at')).as('createdAt'),
      isoTimestamp(eb.ref('e.updated_at')).as('updatedAt'),
    ])
    .where('e.company_id', '=', companyId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.created_at')
    .orderBy('e.id');
}

type EndpointRow = Awaited<ReturnType<ReturnType<typeof selectEndpoints>['executeTakeFirstOrThrow']>>;
type RecentCounts = WebhookEndpointView['recent'];

/** Deliveries created in the 24 hours before `now`, per endpoint and outcome. */
async function recentCounts(db: Executor, endpointIds: string[], now: Date): Promise<Map<string, RecentCounts>> {
  const counts = new Map<string, RecentCounts>();
  if (!endpointIds.length) return counts;
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => ['endpoint_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('endpoint_id', 'in', endpointIds)
    .where('created_at', '>=', new Date(now.getTime() - RECENT_MS))
    .groupBy(['endpoint_id', 'status'])
    .execute();
  for (const row of rows) {
    const recent = counts.get(row.endpoint_id) ?? { succeeded: 0, failed: 0, pending: 0 };
    recent[row.status] = Number(row.n);
    counts.set(row.endpoint_id, recent);
  }
  return counts;
}

/** Rows as the API shows them: the secret reduced to its hint, with the last day's counts. */
export async function endpointViews(
  db: Executor,
  config: Pick<Config, 'twoFactorKey'>,
  rows: EndpointRow[],
  now: Date,
): Promise<WebhookEndpointView[]> {
  const counts = await recentCounts(
    db,
    rows.map((row) => row.id),
    now,
  );
  return rows.map(({ secret, ...row }) => ({
    ...row,
    secretHint: secretHintOf(config, { id: row.id, secret }),
    recent: counts.get(row.id) ?? { succeeded: 0, failed: 0, pending: 0 },
  }));
}

/** How many live endpoints the company has (the limit counts these). */
export async function countEndpoints(db: Executor, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when the endpoint is the company's and not deleted. */
export async function isLiveEndpoint(db: Executor, companyId: string, endpointId: string): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('id', '=', endpointId)
    .where('company_id', '=', companyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** An endpoint's address, as the audit log names it (deleted ones too: their history stays readable). */
export function webhookEndpointUrlOf(endpointId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select webhook_endpoints.url from webhook_endpoints where webhook_endpoints.id = ${endpointId})`;
}
