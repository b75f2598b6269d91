import { Badge, Stack, Text } from '@mantine/core';
import {
  WEBHOOK_DELIVERY_STATUS_LABELS,
  WEBHOOK_ENDPOINT_STATUS_LABELS,
  type WebhookDeliveryStatus,
  type WebhookEndpointStatus,
  type WebhookEndpointView,
} from '@tradeloom/shared';
import { formatDateTime } from '../../lib/format.ts';

const ENDPOINT_COLORS: Record<WebhookEndpointStatus, string> = { active: 'teal', paused: 'gray', disabled: 'red' };
const DELIVERY_COLORS: Record<WebhookDeliveryStatus, string> = { pending: 'blue', succeeded: 'teal', failed: 'red' };

export function EndpointStatusBadge({ status }: { status: WebhookEndpointStatus }) {
  return (
    <Badge variant="light" color={ENDPOINT_COLORS[status]} miw="max-content" data-testid="endpoint-status">
      {WEBHOOK_ENDPOINT_STATUS_LABELS[status]}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <Badge variant="light" color={DELIVERY_COLORS[status]} miw="max-content" data-testid="delivery-status">
      {WEBHOOK_DELIVERY_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The badge, and in words why it is disabled or since when it fails. */
export function EndpointHealth({ endpoint }: { endpoint: WebhookEndpointView }) {
  return (
    <Stack gap={2} align="flex-start">
      <EndpointStatusBadge status={endpoint.status} />
      {endpoint.disabledReason && (
        <Text size="xs" c="red">
          {endpoint.disabledReason}
        </Text>
      )}
      {endpoint.failingSince && endpoint.status !== 'disabled' && (
        <Text size="xs" c="orange.8" data-testid="failing-since">
          Failing since {formatDateTime(endpoint.failingSince)}
        </Text>
      )}
    </Stack>
  );
}
