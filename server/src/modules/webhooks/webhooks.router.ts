import {
  createWebhookEndpointInput,
  noContent,
  rotateWebhookSecretInput,
  updateWebhookEndpointInput,
  WEBHOOK_EVENT_NAMES,
  webhookDeliveryDetail,
  webhookDeliveryIdInput,
  webhookDeliveryListInput,
  webhookDeliveryPage,
  webhookDeliveryView,
  webhookEndpointCreated,
  webhookEndpointIdInput,
  webhookEndpointList,
  webhookEndpointView,
  webhookEventCatalog,
  webhookEventGroup,
  webhookSecretRotated,
  webhookTestQueued,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { getDelivery, listDeliveries, replayDelivery } from './deliveries.service.ts';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from './endpoints.service.ts';

const manage = () => companyProcedure('webhooks:manage');

/** The company's endpoints: where Tradeloom posts its events, signed. */
const endpointsRouter = router({
  create: manage()
    .input(createWebhookEndpointInput)
    .output(webhookEndpointCreated)
    .mutation(({ ctx, input }) => createEndpoint(ctx, ctx.actor, input)),
  list: manage()
    .output(webhookEndpointList)
    .query(({ ctx }) => listEndpoints(ctx, ctx.actor)),
  get: manage()
    .input(webhookEndpointIdInput)
    .output(webhookEndpointView)
    .query(({ ctx, input }) => getEndpoint(ctx, ctx.actor, input.endpointId)),
  update: manage()
    .input(updateWebhookEndpointInput)
    .output(webhookEndpointView)
    .mutation(({ ctx, input }) => updateEndpoint(ctx, ctx.actor, input)),
  delete: manage()
    .input(webhookEndpointIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => deleteEndpoint(ctx, ctx.actor, input.endpointId)),
  rotateSecret: manage()
    .input(rotateWebhookSecretInput)
    .output(webhookSecretRotated)
    .mutation(({ ctx, input }) => rotateSecret(ctx, ctx.actor, input)),
  test: manage()
    .input(webhookEndpointIdInput)
    .output(webhookTestQueued)
    .mutation(({ ctx, input }) => sendTestEvent(ctx, ctx.actor, input.endpointId)),
});

/** What was sent to an endpoint, every attempt, and replaying one. */
const deliveriesRouter = router({
  list: manage()
    .input(webhookDeliveryListInput)
    .output(webhookDeliveryPage)
    .query(({ ctx, input }) => listDeliveries(ctx, ctx.actor, input)),
  get: manage()
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryDetail)
    .query(({ ctx, input }) => getDelivery(ctx, ctx.actor, input.deliveryId)),
  replay: manage()
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryView)
    .mutation(({ ctx, input }) => replayDelivery(ctx, ctx.actor, input.deliveryId)),
});

export const webhooksRouter = router({
  endpoints: endpointsRouter,
  deliveries: deliveriesRouter,
  /** The events an endpoint can subscribe to, grouped for the form's picker. */
  events: manage()
    .output(webhookEventCatalog)
    .query(() => ({ events: WEBHOOK_EVENT_NAMES.map((name) => ({ name, group: webhookEventGroup(name) })) })),
});
