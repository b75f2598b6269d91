import type {
  createWebhookEndpointInput,
  rotateWebhookSecretInput,
  updateWebhookEndpointInput,
  WebhookEndpointView,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// A company's webhook endpoints: registered by an admin, paused, resumed, deleted, their signing
// secret rotated with an overlap during which both secrets sign.

const STUB = 'CONTRACT STUB: webhooks endpoints service';

export async function createEndpoint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.output<typeof createWebhookEndpointInput>,
): Promise<{ id: string; secret: string; endpoint: WebhookEndpointView }> {
  throw new Error(STUB);
}

export async function listEndpoints(_ctx: ServiceContext, _actor: CompanyActor): Promise<{ items: WebhookEndpointView[] }> {
  throw new Error(STUB);
}

export async function getEndpoint(_ctx: ServiceContext, _actor: CompanyActor, _endpointId: string): Promise<WebhookEndpointView> {
  throw new Error(STUB);
}

export async function updateEndpoint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.output<typeof updateWebhookEndpointInput>,
): Promise<WebhookEndpointView> {
  throw new Error(STUB);
}

export async function deleteEndpoint(_ctx: ServiceContext, _actor: CompanyActor, _endpointId: string): Promise<void> {
  throw new Error(STUB);
}

export async function rotateSecret(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.output<typeof rotateWebhookSecretInput>,
): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
  throw new Error(STUB);
}

/** Queues a `webhook.test` delivery to the endpoint; the job runner sends it like any other. */
export async function sendTestEvent(_ctx: ServiceContext, _actor: CompanyActor, _endpointId: string): Promise<{ deliveryId: string }> {
  throw new Error(STUB);
}
