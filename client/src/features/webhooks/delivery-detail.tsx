import { Button, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DataTable, Fact, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { DeliveryStatusBadge } from './webhook-badges.tsx';

type Detail = RouterOutputs['webhooks']['deliveries']['get'];

/** One delivery: every attempt (oldest first) with what the receiver answered, and the exact body sent. */
export function DeliveryDetail({ deliveryId }: { deliveryId: string }) {
  const detail = trpc.webhooks.deliveries.get.useQuery({ deliveryId });
  return <QueryView query={detail}>{(data) => <DeliveryBody detail={data} />}</QueryView>;
}

function DeliveryBody({ detail }: { detail: Detail }) {
  const { delivery, attempts, body } = detail;
  const utils = trpc.useUtils();
  const replay = trpc.webhooks.deliveries.replay.useMutation({
    onSuccess: () => {
      void utils.webhooks.deliveries.invalidate();
      void utils.webhooks.endpoints.invalidate();
      notifications.show({ color: 'teal', message: 'Sent again with the same webhook-id and body.' });
    },
    onError: notifyError,
  });
  // Only a finished delivery goes again; a pending one is still being tried.
  const replayable = delivery.status !== 'pending';
  return (
    <Stack data-testid="delivery-detail">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Text ff="monospace" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {delivery.eventType}
          </Text>
          <DeliveryStatusBadge status={delivery.status} />
        </Stack>
        {replayable && (
          <Button onClick={() => replay.mutate({ deliveryId: delivery.id })} loading={replay.isPending}>
            Replay
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Fact label="webhook-id">
          <Code style={{ overflowWrap: 'anywhere' }} data-testid="delivery-message-id">
            {delivery.messageId}
          </Code>
        </Fact>
        <Fact label="Created">{formatDateTime(delivery.createdAt)}</Fact>
        <Fact label="Attempts">{delivery.attempts}</Fact>
        <Fact label="Next attempt">{delivery.status === 'pending' ? formatDateTime(delivery.nextAttemptAt) : '—'}</Fact>
      </SimpleGrid>
      <Title order={5}>Attempts</Title>
      {attempts.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not tried yet.
        </Text>
      ) : (
        <DataTable
          headers={['When', { label: 'Status', numeric: true }, { label: 'Took', numeric: true }, 'Error', 'Response']}
          minWidth={640}
        >
          {attempts.map((attempt) => (
            <Table.Tr key={attempt.id} data-testid="webhook-attempt">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(attempt.attemptedAt)}
                {attempt.trigger === 'replay' && (
                  <Text size="xs" c="dimmed">
                    replay
                  </Text>
                )}
              </Table.Td>
              <NumberCell>{attempt.statusCode ?? '—'}</NumberCell>
              <NumberCell>{attempt.durationMs} ms</NumberCell>
              <Table.Td maw={200}>
                <Text size="xs" c={attempt.error ? 'red' : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {attempt.error ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td maw={240}>
                <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {attempt.responseExcerpt || '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Title order={5}>Body sent</Title>
      <Code block data-testid="delivery-body" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {body}
      </Code>
    </Stack>
  );
}
