import type { DeliveryView, deliveryListInput, Page } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the notify-engine helper implements these.

/** The company's delivery log: every email (and later webhook) to its members, newest first. */
export async function listDeliveries(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.infer<typeof deliveryListInput>,
): Promise<Page<DeliveryView>> {
  throw new Error('CONTRACT STUB: listDeliveries');
}

/** Queues a dead (or failed) delivery again. */
export async function retryDelivery(_ctx: ServiceContext, _actor: CompanyActor, _deliveryId: number): Promise<DeliveryView> {
  throw new Error('CONTRACT STUB: retryDelivery');
}
