import { z } from 'zod';
import { pageOf, timestamp } from '../wire.ts';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_ENDPOINT_STATUSES } from './webhooks.schemas.ts';

// What `webhooks.*` answers. The signing secret appears only in the answers of create and
// rotateSecret: it is shown once.

export const webhookEndpointView = z.strictObject({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  status: z.enum(WEBHOOK_ENDPOINT_STATUSES),
  /** Why the system disabled it, in words (null unless disabled). */
  disabledReason: z.string().nullable(),
  /** Until when the previous secret still signs alongside the current one (null: no rotation running). */
  previousSecretExpiresAt: timestamp.nullable(),
  /** Since when every delivery has failed (null when the last one succeeded or none were sent). */
  failingSince: timestamp.nullable(),
  /** The last few characters of the secret, so an admin can tell which one a receiver holds. */
  secretHint: z.string(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** Counts over the last 24 hours. */
  recent: z.strictObject({ succeeded: z.number().int(), failed: z.number().int(), pending: z.number().int() }),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointView>;

export const webhookEndpointList = z.strictObject({ items: z.array(webhookEndpointView) });

/** create: the endpoint and its signing secret (`whsec_…`), shown this once. */
export const webhookEndpointCreated = z.strictObject({ id: z.string(), secret: z.string(), endpoint: webhookEndpointView });
/** rotateSecret: the new secret, shown this once; the old one signs too until `previousSecretExpiresAt`. */
export const webhookSecretRotated = z.strictObject({ secret: z.string(), endpoint: webhookEndpointView });

export const webhookAttemptView = z.strictObject({
  id: z.string(),
  attemptedAt: timestamp,
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  responseExcerpt: z.string(),
  trigger: z.enum(['automatic', 'replay']),
});

export const webhookDeliveryView = z.strictObject({
  id: z.string(),
  endpointId: z.string(),
  /** The `webhook-id` header: the same on every attempt and replay. */
  messageId: z.string(),
  eventType: z.string(),
  isTest: z.boolean(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  lastAttemptAt: timestamp.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;
export const webhookDeliveryPage = pageOf(webhookDeliveryView);

/** One delivery with the exact body sent and every attempt, oldest first. */
export const webhookDeliveryDetail = z.strictObject({
  delivery: webhookDeliveryView,
  body: z.string(),
  attempts: z.array(webhookAttemptView),
});

/** test: the delivery queued for the test event (sent by the job runner, like any other). */
export const webhookTestQueued = z.strictObject({ deliveryId: z.string() });

/** The events an endpoint can pick, grouped for the form. */
export const webhookEventCatalog = z.strictObject({
  events: z.array(z.strictObject({ name: z.string(), group: z.string() })),
});
