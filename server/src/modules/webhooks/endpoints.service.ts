import { randomUUID } from 'node:crypto';
import { type Executor, inTransaction } from '@tradeloom/db';
import {
  type createWebhookEndpointInput,
  newWebhookSecret,
  type rotateWebhookSecretInput,
  type updateWebhookEndpointInput,
  WEBHOOK_ENDPOINTS_PER_COMPANY,
  WEBHOOK_TEST_EVENT,
  type WebhookEndpointView,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { appError, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCompanyName } from '../companies/company-reads.ts';
import { wakeReadyDeliveries } from './delivery-order.ts';
import { sealEndpointSecret, secretHintOf } from './endpoint-secrets.ts';
import { countEndpoints, endpointViews, selectEndpoints } from './endpoints.repository.ts';
import { queueDelivery } from './outbox.ts';
import { assertWebhookUrlAllowed } from './url-guard.ts';

// A company's webhook endpoints: registered by an admin, paused, resumed, deleted, their signing
// secret rotated with an overlap during which both secrets sign. Audit rows name what changed,
// never a secret.

const HOUR_MS = 60 * 60 * 1000;

async function endpointView(ctx: ServiceContext, db: Executor, companyId: string, endpointId: string): Promise<WebhookEndpointView> {
  const row = await selectEndpoints(db, companyId).where('e.id', '=', endpointId).executeTakeFirst();
  if (!row) throw notFound('Webhook endpoint');
  const [view] = await endpointViews(db, ctx.deps.config, [row], ctx.deps.clock.now());
  return view as WebhookEndpointView;
}

/** The live endpoint's row, locked for the change; another company's or a deleted one is not found. */
async function lockEndpoint(trx: Executor, companyId: string, endpointId: string) {
  const row = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'company_id', 'url', 'description', 'events', 'status', 'secret', 'version'])
    .where('id', '=', endpointId)
    .where('company_id', '=', companyId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

async function lockEndpointAt(trx: Executor, companyId: string, endpointId: string, version: number) {
  const row = await lockEndpoint(trx, companyId, endpointId);
  if (row.version !== version) throw staleVersion('webhook endpoint');
  return row;
}

/** What an audit row shows of an endpoint: where it posts and what (no secret). */
const settingsOf = (row: { url: string; description: string; events: string[]; status: string }) => ({
  url: row.url,
  description: row.description,
  events: row.events,
  status: row.status,
});

export async function createEndpoint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof createWebhookEndpointInput>,
): Promise<{ id: string; secret: string; endpoint: WebhookEndpointView }> {
  const { db, config } = ctx.deps;
  await assertWebhookUrlAllowed(config.webhooks, input.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  return inTransaction(db, async (trx) => {
    // Concurrent creates take turns, so the limit holds exactly.
    await lockUntilCommit(trx, 'webhook_endpoints', actor.companyId);
    if ((await countEndpoints(trx, actor.companyId)) >= WEBHOOK_ENDPOINTS_PER_COMPANY) {
      throw appError(
        'CONFLICT',
        'WEBHOOK_ENDPOINT_LIMIT',
        `A company can have at most ${WEBHOOK_ENDPOINTS_PER_COMPANY} webhook endpoints. Delete one you no longer use first.`,
      );
    }
    const row = { url: input.url, description: input.description, events: input.events, status: 'active' as const };
    await trx
      .insertInto('webhook_endpoints')
      .values({ ...row, id, company_id: actor.companyId, secret: sealEndpointSecret(config, id, secret), created_by: actor.userId })
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'webhook_endpoint.created',
      entityType: 'webhook_endpoint',
      entityId: id,
      after: settingsOf(row),
    });
    // The only time the secret leaves the server.
    return { id, secret, endpoint: await endpointView(ctx, trx, actor.companyId, id) };
  });
}

export async function listEndpoints(ctx: ServiceContext, actor: CompanyActor): Promise<{ items: WebhookEndpointView[] }> {
  const rows = await selectEndpoints(ctx.deps.db, actor.companyId).execute();
  return { items: await endpointViews(ctx.deps.db, ctx.deps.config, rows, ctx.deps.clock.now()) };
}

export async function getEndpoint(ctx: ServiceContext, actor: CompanyActor, endpointId: string): Promise<WebhookEndpointView> {
  return endpointView(ctx, ctx.deps.db, actor.companyId, endpointId);
}

type EndpointSettings = Pick<WebhookEndpointView, 'url' | 'description' | 'events'>;

/** The given settings that differ from the row's (events compared as a list: order is the admin's). */
function changedSettings(row: EndpointSettings, wanted: Partial<EndpointSettings>): Partial<EndpointSettings> {
  const changed: Partial<EndpointSettings> = {};
  if (wanted.url !== undefined && wanted.url !== row.url) changed.url = wanted.url;
  if (wanted.description !== undefined && wanted.description !== row.description) changed.description = wanted.description;
  if (wanted.events !== undefined && wanted.events.join('\n') !== row.events.join('\n')) changed.events = wanted.events;
  return changed;
}

/** Edits address, events or description, and pauses or resumes; a stale version changes nothing. */
export async function updateEndpoint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof updateWebhookEndpointInput>,
): Promise<WebhookEndpointView> {
  const { db, config, clock } = ctx.deps;
  const { endpointId, version, status, ...wanted } = input;
  if (wanted.url !== undefined) await assertWebhookUrlAllowed(config.webhooks, wanted.url);
  return inTransaction(db, async (trx) => {
    const before = await lockEndpointAt(trx, actor.companyId, endpointId, version);
    const changed = changedSettings(before, wanted);
    const newStatus = status !== undefined && status !== before.status ? status : undefined;
    if (!Object.keys(changed).length && !newStatus) return endpointView(ctx, trx, actor.companyId, endpointId);
    // Leaving `disabled` (resumed or paused by hand) starts the failure clock afresh.
    const leavesDisabled = newStatus && before.status === 'disabled' ? { disabled_reason: null, failing_since: null } : {};
    await trx
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        ...changed,
        ...(newStatus ? { status: newStatus } : {}),
        ...leavesDisabled,
        version: eb('version', '+', 1),
        updated_at: clock.now(),
      }))
      .where('id', '=', endpointId)
      .execute();
    const entity = { companyId: actor.companyId, entityType: 'webhook_endpoint', entityId: endpointId } as const;
    if (Object.keys(changed).length) {
      const previous = Object.fromEntries(Object.keys(changed).map((field) => [field, before[field as keyof EndpointSettings]]));
      await recordAudit(trx, actor, ctx.request, { ...entity, action: 'webhook_endpoint.updated', before: previous, after: changed });
    }
    if (newStatus) {
      const action = newStatus === 'paused' ? 'webhook_endpoint.paused' : 'webhook_endpoint.resumed';
      await recordAudit(trx, actor, ctx.request, { ...entity, action, before: { status: before.status }, after: { status: newStatus } });
      // What waited while it was paused or disabled goes now (the minute sweep would, later).
      if (newStatus === 'active') await wakeReadyDeliveries(trx, clock.now(), endpointId);
    }
    return endpointView(ctx, trx, actor.companyId, endpointId);
  });
}

/**
 * Soft delete: the endpoint leaves every list and read, and what still waited to be sent to it
 * fails now (its log keeps the reason). Old deliveries keep their row for the audit trail.
 */
export async function deleteEndpoint(ctx: ServiceContext, actor: CompanyActor, endpointId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  await inTransaction(db, async (trx) => {
    const before = await lockEndpoint(trx, actor.companyId, endpointId);
    const now = clock.now();
    await trx
      .updateTable('webhook_endpoints')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', endpointId)
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null, last_error: 'The endpoint was deleted before this was delivered.' })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'webhook_endpoint.deleted',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      before: settingsOf(before),
    });
  });
}

/**
 * A new secret signs from now on; the one it replaces keeps signing too until `overlapHours` from
 * now, so receivers can switch without missing a message (0 drops it at once). A rotation during
 * another's overlap drops the older secret.
 */
export async function rotateSecret(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof rotateWebhookSecretInput>,
): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
  const { db, config, clock } = ctx.deps;
  const secret = newWebhookSecret();
  return inTransaction(db, async (trx) => {
    const before = await lockEndpointAt(trx, actor.companyId, input.endpointId, input.version);
    const now = clock.now();
    const previousExpiresAt = input.overlapHours > 0 ? new Date(now.getTime() + input.overlapHours * HOUR_MS) : null;
    await trx
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        secret: sealEndpointSecret(config, before.id, secret),
        previous_secret: previousExpiresAt ? before.secret : null,
        previous_secret_expires_at: previousExpiresAt,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'webhook_endpoint.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: before.id,
      // Hints only: enough to tell the secrets apart, never enough to sign.
      before: { secretHint: secretHintOf(config, before) },
      after: { secretHint: secret.slice(-4), previousSecretExpiresAt: previousExpiresAt?.toISOString() ?? null },
    });
    return { secret, endpoint: await endpointView(ctx, trx, actor.companyId, before.id) };
  });
}

/** Queues a `webhook.test` delivery to the endpoint; the job runner sends it like any other. */
export async function sendTestEvent(ctx: ServiceContext, actor: CompanyActor, endpointId: string): Promise<{ deliveryId: string }> {
  const { db, clock } = ctx.deps;
  return inTransaction(db, async (trx) => {
    const endpoint = await lockEndpoint(trx, actor.companyId, endpointId);
    if (endpoint.status !== 'active') {
      throw appError(
        'CONFLICT',
        'WEBHOOK_ENDPOINT_NOT_ACTIVE',
        `This endpoint is ${endpoint.status}, so nothing is sent to it. Resume it, then send the test.`,
      );
    }
    const company = await findCompanyName(trx, actor.companyId);
    const deliveryId = await queueDelivery(
      trx,
      { id: endpoint.id, companyId: actor.companyId },
      {
        type: WEBHOOK_TEST_EVENT,
        data: {
          endpointId: endpoint.id,
          company,
          message: `A test event from Tradeloom for ${company}: this endpoint receives our webhooks.`,
        },
        eventId: null,
        isTest: true,
        occurredAt: clock.now(),
      },
    );
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'webhook_endpoint.test_sent',
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      after: { deliveryId },
    });
    return { deliveryId };
  });
}
