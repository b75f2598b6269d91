import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { publishLive } from '../live/live.publish.ts';
import { notify } from '../notifications/engine.ts';
import { AUTO_DISABLE_AFTER_MS } from './retry-schedule.ts';

// An endpoint whose every delivery has failed for three days is turned off: checked when one more
// attempt fails, so an endpoint is judged on a fresh failure, never on days it was paused. Its
// pending deliveries are held (not dropped) and go out if an admin resumes it.

/** The system acts: the audit row names no person. */
const SYSTEM_ACTOR = { userId: null, apiKeyId: null };
const SYSTEM_REQUEST = { requestId: 'job-webhooks.deliver', ip: null, userAgent: null };

const dateOf = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ');

/** Disables the endpoint if it has been failing since three days or more; tells its admins once. */
export async function disableIfFailingTooLong(trx: Executor, endpointId: string, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - AUTO_DISABLE_AFTER_MS);
  const endpoint = await trx
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      status: 'disabled',
      disabled_reason: sql<string>`'Every delivery since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC failed, so Tradeloom stopped sending. Fix the receiver, then resume the endpoint to send what is waiting.'`,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', endpointId)
    .where('status', '=', 'active')
    .where('deleted_at', 'is', null)
    .where('failing_since', '<=', cutoff)
    .returning(['id', 'company_id', 'url', 'failing_since', 'disabled_reason'])
    .executeTakeFirst();
  if (!endpoint?.failing_since) return false;
  await recordAudit(trx, SYSTEM_ACTOR, SYSTEM_REQUEST, {
    companyId: endpoint.company_id,
    action: 'webhook_endpoint.auto_disabled',
    entityType: 'webhook_endpoint',
    entityId: endpoint.id,
    before: { status: 'active' },
    after: { status: 'disabled', reason: endpoint.disabled_reason },
  });
  const host = new URL(endpoint.url).host;
  await notify(trx, {
    companyId: endpoint.company_id,
    kind: 'webhook.endpoint_disabled',
    title: `Webhooks to ${host} are turned off: every delivery since ${dateOf(endpoint.failing_since)} UTC failed`,
    body: endpoint.disabled_reason ?? '',
    linkPath: `/settings/webhooks/${endpoint.id}`,
    entityType: 'webhook_endpoint',
    entityId: endpoint.id,
    // Once per failing stretch: a resumed endpoint that fails for days again is told again.
    dedupeKey: `webhook-disabled:${endpoint.id}:${endpoint.failing_since.toISOString()}`,
    document: host,
    now,
  });
  await publishLive(trx, {
    companies: [endpoint.company_id],
    type: 'webhook.endpoint_disabled',
    entityType: 'webhook_endpoint',
    entityId: endpoint.id,
  });
  return true;
}
