import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { formatQuantity } from '@tradeloom/shared';
import { Link } from 'react-router';
import { DataTable, LoadMore, NumberCell, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { FULFILMENT_LABELS } from './delivery-status.tsx';
import { DocumentDeliveriesTable } from './document-deliveries-table.tsx';

/** On the order page: the order's trucks, how far its goods have gone, and "Dispatch" for the supplier. */
export function OrderDeliveriesPanel({ orderId }: { orderId: string }) {
  const can = useCan();
  const remaining = trpc.deliveries.remaining.useQuery({ orderId }, { enabled: can('deliveries:read') });
  const deliveries = trpc.deliveries.list.useInfiniteQuery(
    { orderId, limit: 20 },
    { enabled: can('deliveries:read'), getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  if (!can('deliveries:read')) return null;
  const rows = deliveries.data?.pages.flatMap((page) => page.items);
  const left = remaining.data?.lines.some((line) => Number(line.remaining) > 0) ?? false;
  return (
    <Paper withBorder p="lg" data-testid="order-deliveries">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <div>
          <Title order={5}>Deliveries</Title>
          {remaining.data && (
            <Text size="sm" c="dimmed">
              Goods: {FULFILMENT_LABELS[remaining.data.fulfilment]}
            </Text>
          )}
        </div>
        {can('deliveries:write') && remaining.data?.dispatchable && left && <DispatchButton orderId={orderId} />}
      </Group>
      {remaining.data && remaining.data.fulfilment !== 'none' && (
        <DataTable
          headers={[
            'Item',
            { label: 'Ordered', numeric: true },
            { label: 'Dispatched', numeric: true },
            { label: 'Left', numeric: true },
            { label: 'Accepted', numeric: true },
            { label: 'Rejected', numeric: true },
          ]}
        >
          {remaining.data.lines.map((line) => (
            <Table.Tr key={line.orderLineId}>
              <Table.Td>{line.description}</Table.Td>
              <NumberCell>{formatQuantity(line.ordered, line.unit)}</NumberCell>
              <NumberCell>{formatQuantity(line.dispatched, line.unit)}</NumberCell>
              <NumberCell>{formatQuantity(line.remaining, line.unit)}</NumberCell>
              <NumberCell>{formatQuantity(line.accepted, line.unit)}</NumberCell>
              <NumberCell>{formatQuantity(line.rejected, line.unit)}</NumberCell>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <QueryView
        query={{ ...deliveries, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty="No deliveries against this order yet."
      >
        {(items) => (
          <>
            <DocumentDeliveriesTable items={items} />
            <LoadMore list={deliveries} />
          </>
        )}
      </QueryView>
    </Paper>
  );
}

function DispatchButton({ orderId }: { orderId: string }) {
  // Only the supplier's side may dispatch: the order tells us which side we are on.
  const order = trpc.orders.get.useQuery({ orderId });
  if (order.data?.side !== 'supplier') return null;
  return (
    <Button size="sm" component={Link} to={`/orders/${orderId}/dispatch`}>
      Dispatch
    </Button>
  );
}
