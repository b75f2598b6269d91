import { Button, Group, Paper, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ORDER_STATUSES, type OrderStatus } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { formatMoney, OrderStatusBadge } from './order-status.tsx';

export function OrdersPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const side = params.get('side') === 'sales' ? 'sales' : 'purchase';
  return (
    <Stack>
      <PageHeader
        title="Orders"
        description="One order shared with your partner: your purchase order is their sales order, each numbered from its own series."
        actions={
          can('orders:write') && (
            <Button component={Link} to={`/orders/new?side=${side}`}>
              New {side === 'purchase' ? 'purchase' : 'sales'} order
            </Button>
          )
        }
      />
      <Tabs value={side} onChange={(value) => setParams({ side: value ?? 'purchase' })}>
        <Tabs.List>
          <Tabs.Tab value="purchase">Purchase orders</Tabs.Tab>
          <Tabs.Tab value="sales">Sales orders</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <OrderList side={side} key={side} initialStatus={params.get('status')} />
    </Stack>
  );
}

function OrderList({ side, initialStatus }: { side: 'purchase' | 'sales'; initialStatus: string | null }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | null>(
    initialStatus === 'open' || ORDER_STATUSES.includes(initialStatus as OrderStatus) ? initialStatus : null,
  );
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const [minTotal, setMinTotal] = useState('');
  const [debounced] = useDebouncedValue({ search: search.trim(), minTotal: minTotal.trim() }, 300);
  // The newest 100 linked partners: enough for a filter until it searches on the server.
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const filters = {
    side,
    status: (status as OrderStatus | 'open' | null) ?? undefined,
    partnerId: partnerId ?? undefined,
    from: from || undefined,
    to: to || undefined,
    search: debounced.search || undefined,
    minTotal: /^\d+(\.\d{1,2})?$/.test(debounced.minTotal) ? debounced.minTotal : undefined,
  };
  const orders = trpc.orders.list.useInfiniteQuery({ ...filters, limit: 50 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const totals = trpc.orders.totals.useQuery(filters);
  const rows = orders.data?.pages.flatMap((page) => page.items);
  const partnerRole = side === 'purchase' ? 'supplier' : 'buyer';
  return (
    <Paper withBorder p="lg">
      <Group mb="sm">
        <TextInput
          placeholder="Search by number"
          aria-label="Search orders"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Select
          placeholder="Any status"
          clearable
          data={[
            { value: 'open', label: 'open (sent, not delivered)' },
            ...ORDER_STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') })),
          ]}
          value={status}
          onChange={setStatus}
          aria-label="Status"
        />
        <Select
          placeholder={side === 'purchase' ? 'Any supplier' : 'Any buyer'}
          clearable
          searchable
          data={(partners.data?.items ?? [])
            .filter((link) => link.partnerRole === partnerRole)
            .map((link) => ({ value: link.partnerId, label: link.partnerName }))}
          value={partnerId}
          onChange={setPartnerId}
          aria-label="Partner"
        />
        <TextInput type="date" aria-label="From date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" aria-label="To date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <TextInput
          placeholder="Minimum total"
          aria-label="Minimum total"
          inputMode="decimal"
          value={minTotal}
          onChange={(e) => setMinTotal(e.currentTarget.value)}
          w={140}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="sm" data-testid="order-totals">
        {totals.data?.length
          ? totals.data.map((t) => `${t.count} ${t.count === 1 ? 'order' : 'orders'} · ${formatMoney(t.total, t.currency)}`).join(' · ')
          : totals.isPending
            ? ' '
            : 'No orders match.'}
      </Text>
      <QueryView
        query={{ ...orders, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty={side === 'purchase' ? 'No purchase orders yet.' : 'No sales orders yet.'}
      >
        {(items) => (
          <Stack>
            <DataTable highlightOnHover headers={['Number', side === 'purchase' ? 'Supplier' : 'Buyer', 'Date', 'Status', 'Total']}>
              {items.map((order) => (
                <Table.Tr
                  key={order.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/orders/${order.id}`)}
                  data-testid={`order-${order.number ?? order.id}`}
                >
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {order.number ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{order.partnerName}</Table.Td>
                  <Table.Td>{formatDate(order.orderDate)}</Table.Td>
                  <Table.Td>
                    <OrderStatusBadge status={order.status} />
                  </Table.Td>
                  <Table.Td>{formatMoney(order.total, order.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            {orders.hasNextPage && (
              <Button variant="light" onClick={() => orders.fetchNextPage()} loading={orders.isFetchingNextPage}>
                Older orders
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
