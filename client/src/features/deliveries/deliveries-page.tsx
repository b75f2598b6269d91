import { Paper, Select, Stack, Table, Tabs } from '@mantine/core';
import { GOODS_DELIVERY_STATUSES, type GoodsDeliveryStatus } from '@tradeloom/shared';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { oneOf, useListParams } from '../../lib/list-params.ts';
import { trpc } from '../../lib/trpc.ts';
import { DeliveryStatusBadge } from './delivery-status.tsx';

const SIDES = ['all', 'outgoing', 'incoming'] as const;
const STATUS_LABELS: Record<GoodsDeliveryStatus, string> = { dispatched: 'In transit', received: 'Received', cancelled: 'Cancelled' };

/** Every truck we sent (outgoing) or that was sent to us (incoming), newest first. */
export function DeliveriesPage() {
  const { get, set } = useListParams();
  const side = oneOf(get('side'), SIDES, 'all');
  const status = GOODS_DELIVERY_STATUSES.find((s) => s === get('status'));
  const deliveries = trpc.deliveries.list.useInfiniteQuery(
    { side: side === 'all' ? undefined : side, status, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = deliveries.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <PageHeader
        title="Deliveries"
        description="Dispatches against orders, one per truck, and the buyer's goods receipt of each. Dispatch from a sales order's page."
      />
      <Tabs value={side} onChange={(value) => set({ side: value === 'all' ? null : value })}>
        <Tabs.List>
          <Tabs.Tab value="all">All</Tabs.Tab>
          <Tabs.Tab value="outgoing">Outgoing (we dispatch)</Tabs.Tab>
          <Tabs.Tab value="incoming">Incoming (we receive)</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Paper withBorder p="lg">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={GOODS_DELIVERY_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
          value={status ?? null}
          onChange={(value) => set({ status: value })}
          w={220}
          mb="sm"
        />
        <QueryView
          query={{ ...deliveries, data: rows }}
          isEmpty={(items) => items.length === 0}
          empty={
            status || side !== 'all'
              ? 'No deliveries match these filters.'
              : 'No deliveries yet. Dispatches against accepted orders appear here.'
          }
        >
          {(items) => (
            <Stack>
              <DataTable
                highlightOnHover
                headers={[
                  'Challan',
                  'Order / contract',
                  'Partner',
                  'Dispatched',
                  'Vehicle',
                  'Status',
                  { label: 'Quantity', numeric: true },
                ]}
              >
                {items.map((delivery) => (
                  <LinkRow key={delivery.id} data-testid={`delivery-${delivery.number}`}>
                    <Table.Td>
                      <RowLink to={`/deliveries/${delivery.id}`} monospace>
                        {delivery.number}
                      </RowLink>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{delivery.orderNumber ?? delivery.contractNumber ?? '—'}</Table.Td>
                    <Table.Td>
                      {delivery.partnerName}
                      <div style={{ fontSize: 12, opacity: 0.7 }}>{delivery.side === 'supplier' ? 'outgoing' : 'incoming'}</div>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(delivery.dispatchDate)}</Table.Td>
                    <Table.Td>{delivery.vehicleNumber ?? '—'}</Table.Td>
                    <Table.Td>
                      <DeliveryStatusBadge status={delivery.status} />
                    </Table.Td>
                    <NumberCell>{Number(delivery.totalQuantity).toLocaleString('en-IN')}</NumberCell>
                  </LinkRow>
                ))}
              </DataTable>
              <LoadMore list={deliveries} />
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
