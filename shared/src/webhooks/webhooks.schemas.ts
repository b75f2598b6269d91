import { z } from 'zod';
import { id, pageCursor, rowVersion } from '../common.ts';
import { isWebhookEventName } from './webhook-events.ts';

// Inputs of `webhooks.*`: a company's endpoints and the log of what was sent to them.

/** An absolute http(s) URL without credentials. Whether plain http and the host are allowed is the server's check (SSRF rules). */
export const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hash === '';
    } catch {
      return false;
    }
  }, 'must be a full https:// address, without user name, password or #fragment');

const eventName = z.string().refine(isWebhookEventName, 'is not an event a webhook can receive');
export const webhookEvents = z
  .array(eventName)
  .min(1, 'pick at least one event')
  .max(200)
  .refine((names) => new Set(names).size === names.length, 'lists an event twice');

export const createWebhookEndpointInput = z.object({
  url: webhookUrl,
  events: webhookEvents,
  description: z.string().trim().max(200).default(''),
});

export const webhookEndpointIdInput = z.object({ endpointId: id });

/** Changes an endpoint: any of its address, events and description, or pauses/resumes it (`status`). */
export const updateWebhookEndpointInput = z.object({
  endpointId: id,
  version: rowVersion,
  url: webhookUrl.optional(),
  events: webhookEvents.optional(),
  description: z.string().trim().max(200).optional(),
  /** `paused` stops sending (deliveries wait); `active` resumes, also after the system disabled it. */
  status: z.enum(['active', 'paused']).optional(),
});

/** A new secret; the old one keeps signing (both signatures sent) for `overlapHours`, 0 to drop it at once. */
export const rotateWebhookSecretInput = z.object({
  endpointId: id,
  version: rowVersion,
  overlapHours: z.number().int().min(0).max(168).default(24),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

/** How many endpoints (not deleted) one company may have. */
export const WEBHOOK_ENDPOINTS_PER_COMPANY = 20;

export const WEBHOOK_ENDPOINT_STATUSES = ['active', 'paused', 'disabled'] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];
export const WEBHOOK_ENDPOINT_STATUS_LABELS: Record<WebhookEndpointStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  disabled: 'Disabled (kept failing)',
};

export const webhookDeliveryListInput = z.object({
  endpointId: id,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const webhookDeliveryIdInput = z.object({ deliveryId: id });
