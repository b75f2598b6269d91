import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  CHANNEL_LABELS,
  DELIVERY_CHANNELS,
  DELIVERY_STATUS_LABELS,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type DeliveryView,
} from '@tradeloom/shared';
import { useState } from 'react';
import { RequirePermission } from '../../components/require-permission.tsx';
import { DataTable, LoadMore, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { trpc } from '../../lib/trpc.ts';

type DeliveryChannel = DeliveryView['channel'];

const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  email: CHANNEL_LABELS.email,
  digest: 'Daily digest',
};
const STATUS_COLORS: Record<DeliveryStatus, string> = { queued: 'blue', sent: 'teal', failed: 'orange', dead: 'red' };
const RETRYABLE: readonly DeliveryStatus[] = ['failed', 'dead'];

interface Filters {
  status: DeliveryStatus | null;
  channel: DeliveryChannel | null;
  q: string;
}

/** Every email and digest sent to the company's members: what went out, what failed and why. */
export function NotificationLogPage() {
  return (
    <RequirePermission permission="notifications:manage" back={{ to: '/settings/notifications', label: 'Your notification settings' }}>
      <Stack>
        <PageHeader
          title="Notification log"
          description="Emails and daily digests to your members, newest first. Failed ones are retried with growing pauses, then given up. Webhooks keep their own log on each endpoint (Settings → Webhooks)."
        />
        <DeliveryLog />
      </Stack>
    </RequirePermission>
  );
}

function DeliveryLog() {
  const [filters, setFilters] = useState<Filters>({ status: null, channel: null, q: '' });
  const [debounced] = useDebouncedValue(filters, 300);
  const utils = trpc.useUtils();
  const deliveries = trpc.notifications.deliveries.list.useInfiniteQuery(
    { status: debounced.status ?? undefined, channel: debounced.channel ?? undefined, q: debounced.q.trim() || undefined, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const retry = trpc.notifications.deliveries.retry.useMutation({
    onSuccess: async () => {
      await utils.notifications.deliveries.list.invalidate();
      notifications.show({ color: 'teal', message: 'Queued to be sent again.' });
    },
    onError: notifyError,
  });
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any"
            clearable
            data={DELIVERY_STATUSES.map((status) => ({ value: status, label: DELIVERY_STATUS_LABELS[status] }))}
            value={filters.status}
            onChange={(value) => set({ status: value as DeliveryStatus | null })}
            w={180}
          />
          <Select
            label="Channel"
            placeholder="Any"
            clearable
            data={DELIVERY_CHANNELS.map((channel) => ({ value: channel, label: DELIVERY_CHANNEL_LABELS[channel] }))}
            value={filters.channel}
            onChange={(value) => set({ channel: value as DeliveryChannel | null })}
            w={160}
          />
          <TextInput
            label="Search"
            placeholder="Address or subject"
            value={filters.q}
            onChange={(event) => set({ q: event.currentTarget.value })}
            w={240}
          />
        </Group>
        <QueryView
          query={{ ...deliveries, data: deliveries.data?.pages.flatMap((page) => page.items) }}
          isEmpty={(rows) => rows.length === 0}
          empty="Nothing sent yet matches."
        >
          {(rows) => (
            <Stack>
              <DataTable
                headers={['When', 'Recipient', 'Notification', 'Channel', 'Status', { label: 'Attempts', numeric: true }, 'Last error']}
                minWidth={880}
              >
                {rows.map((delivery) => (
                  <Table.Tr key={delivery.id} data-testid="delivery">
                    <Table.Td miw={110}>{formatDateTime(delivery.createdAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{delivery.recipient.name}</Text>
                      <Text size="xs" c="dimmed">
                        {delivery.recipient.address}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={220}>
                      <Text size="sm">{delivery.subject}</Text>
                      <Text size="xs" c="dimmed">
                        {delivery.eventLabel}
                      </Text>
                    </Table.Td>
                    <Table.Td>{DELIVERY_CHANNEL_LABELS[delivery.channel]}</Table.Td>
                    {/* The retry sits with the status it changes, in view however wide the error. */}
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[delivery.status]} miw="max-content">
                        {DELIVERY_STATUS_LABELS[delivery.status]}
                      </Badge>
                      <StatusDetail delivery={delivery} />
                      {RETRYABLE.includes(delivery.status) && (
                        <Button
                          mt={4}
                          size="compact-xs"
                          variant="light"
                          loading={retry.isPending && retry.variables?.deliveryId === delivery.id}
                          onClick={() => retry.mutate({ deliveryId: delivery.id })}
                        >
                          Retry
                        </Button>
                      )}
                    </Table.Td>
                    <NumberCell>{delivery.attempts}</NumberCell>
                    <Table.Td maw={260}>
                      {/* No line clamp: a clamped box will not shrink below its full text, pushing the table wider. */}
                      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {delivery.lastError ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
              <LoadMore list={deliveries} />
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Paper>
  );
}

/** When it went, will be tried again, or waits for the recipient's quiet hours to end. */
function StatusDetail({ delivery }: { delivery: DeliveryView }) {
  const detail =
    delivery.status === 'sent'
      ? delivery.sentAt && formatDateTime(delivery.sentAt)
      : delivery.status === 'failed'
        ? delivery.nextAttemptAt && `next try ${formatDateTime(delivery.nextAttemptAt)}`
        : delivery.status === 'queued'
          ? delivery.notBefore && `held until ${formatDateTime(delivery.notBefore)} (quiet hours)`
          : null;
  if (!detail) return null;
  return (
    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {detail}
    </Text>
  );
}
