import { Badge, Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import {
  WEBHOOK_DELIVERY_STATUS_LABELS,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
} from '@tradeloom/shared';
import { useState } from 'react';
import { DataTable, LoadMore, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { DeliveryDetail } from './delivery-detail.tsx';
import { DeliveryStatusBadge } from './webhook-badges.tsx';

const PAGE_SIZE = 25;

/** What was sent to one endpoint, newest first, a page at a time; a row opens its attempts and body. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  // Live updates (a delivery queued, attempted or replayed) invalidate this query.
  const deliveries = trpc.webhooks.deliveries.list.useInfiniteQuery(
    { endpointId, status: status ?? undefined, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} data-testid="delivery-log">
      <Stack>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={4}>Delivery log</Title>
          <Select
            label="Status"
            placeholder="Any"
            clearable
            data={WEBHOOK_DELIVERY_STATUSES.map((value) => ({ value, label: WEBHOOK_DELIVERY_STATUS_LABELS[value] }))}
            value={status}
            onChange={(value) => setStatus(value as WebhookDeliveryStatus | null)}
            w={180}
          />
        </Group>
        <QueryView
          query={{ ...deliveries, data: deliveries.data?.pages.flatMap((page) => page.items) }}
          isEmpty={(rows) => rows.length === 0}
          empty={status ? 'No delivery has this status.' : 'Nothing sent yet. Send a test event to see one here.'}
        >
          {(rows) => (
            <Stack>
              <DeliveryTable rows={rows} onOpen={setOpenId} />
              <LoadMore list={deliveries} />
            </Stack>
          )}
        </QueryView>
      </Stack>
      <Modal opened={openId !== null} onClose={() => setOpenId(null)} title="Delivery" size="xl">
        {openId && <DeliveryDetail deliveryId={openId} />}
      </Modal>
    </Paper>
  );
}

function DeliveryTable({ rows, onOpen }: { rows: WebhookDeliveryView[]; onOpen: (deliveryId: string) => void }) {
  return (
    <DataTable
      headers={[
        'Event',
        'Status',
        { label: 'Attempts', numeric: true },
        { label: 'Last answer', numeric: true },
        'Next attempt',
        'Created',
      ]}
      minWidth={760}
    >
      {rows.map((delivery) => (
        <Table.Tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status}>
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <Button
                variant="subtle"
                size="compact-sm"
                ff="monospace"
                onClick={() => onOpen(delivery.id)}
                aria-label={`Open delivery ${delivery.eventType} of ${formatDateTime(delivery.createdAt)}`}
              >
                {delivery.eventType}
              </Button>
              {delivery.isTest && (
                <Badge size="xs" variant="outline" color="gray">
                  test
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>
            <DeliveryStatusBadge status={delivery.status} />
          </Table.Td>
          <NumberCell>{delivery.attempts}</NumberCell>
          <NumberCell>
            <LastAnswer delivery={delivery} />
          </NumberCell>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {delivery.status === 'pending' ? formatDateTime(delivery.nextAttemptAt) : '—'}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(delivery.createdAt)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** The receiver's last status code, or why there was none (timeout, refused address…). */
function LastAnswer({ delivery }: { delivery: WebhookDeliveryView }) {
  if (delivery.lastStatusCode !== null) {
    const ok = delivery.lastStatusCode >= 200 && delivery.lastStatusCode < 300;
    return (
      <Code c={ok ? 'teal.8' : 'red.8'} data-testid="last-status-code">
        {delivery.lastStatusCode}
      </Code>
    );
  }
  if (delivery.lastError)
    return (
      <Text size="xs" c="red" title={delivery.lastError} maw={180} truncate>
        {delivery.lastError}
      </Text>
    );
  return <>—</>;
}
