import type { Page, WebhookDeliveryView, webhookDeliveryDetail, webhookDeliveryListInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// The delivery log of an endpoint (newest first) and the admin's replay of a delivered or failed one.

const STUB = 'CONTRACT STUB: webhooks deliveries service';

export async function listDeliveries(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.output<typeof webhookDeliveryListInput>,
): Promise<Page<WebhookDeliveryView>> {
  throw new Error(STUB);
}

export async function getDelivery(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _deliveryId: string,
): Promise<z.infer<typeof webhookDeliveryDetail>> {
  throw new Error(STUB);
}

/** Sends the same message (same webhook-id and body) again, now; CONFLICT while it is still pending. */
export async function replayDelivery(_ctx: ServiceContext, _actor: CompanyActor, _deliveryId: string): Promise<WebhookDeliveryView> {
  throw new Error(STUB);
}
