import { Button, Group, Paper, Select, Stack, Table, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatMoney, ORDER_SORT_KEYS, ORDER_STATUSES, type OrderStatus } from '@tradeloom/shared';
import { Link, useSearchParams } from 'react-router';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { FilterChip } from '../../components/filter-chip.tsx';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListParams, usePagesFromAddress, useSortParams } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { OrderStatusBadge } from './order-status.tsx';

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
      <OrderList side={side} key={side} />
    </Stack>
  );
}

/** Newest first until a column heading is chosen. */
const SORT_FALLBACK = { key: 'created', direction: 'desc' } as const;

/** The overview's due-date figures open the list with one of these; the server resolves the dates. */
const DUE_FILTERS = { thisWeek: 'Due this week', late: 'Late' } as const;
const DUE_KEYS = Object.keys(DUE_FILTERS) as (keyof typeof DUE_FILTERS)[];

function OrderList({ side }: { side: 'purchase' | 'sales' }) {
  const { get, set } = useListParams();
  const sort = useSortParams(ORDER_SORT_KEYS, SORT_FALLBACK);
  const status = get('status');
  const due = DUE_KEYS.find((key) => key === get('due'));
  const [debounced] = useDebouncedValue({ search: get('q').trim(), minTotal: get('min').trim() }, 300);
  // The newest 100 linked partners: enough for a filter until it searches on the server.
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const filters = {
    side,
    status: status === 'open' || ORDER_STATUSES.includes(status as OrderStatus) ? (status as OrderStatus | 'open') : undefined,
    partnerId: get('partner') || undefined,
    from: isoDateOrUndefined(get('from')),
    to: isoDateOrUndefined(get('to')),
    search: debounced.search || undefined,
    minTotal: /^\d+(\.\d{1,2})?$/.test(debounced.minTotal) ? debounced.minTotal : undefined,
    due,
  };
  const orders = trpc.orders.list.useInfiniteQuery(
    { ...filters, sort: sort.key, sortDirection: sort.direction, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const totals = trpc.orders.totals.useQuery(filters);
  usePagesFromAddress(orders, Number(get('pages')) || 1);
  const rows = orders.data?.pages.flatMap((page) => page.items);
  const partnerRole = side === 'purchase' ? 'supplier' : 'buyer';
  const loaded = orders.data?.pages.length ?? 1;
  return (
    <Paper withBorder p="lg">
      <Group mb="sm" align="flex-end">
        <TextInput label="Number" placeholder="Search by number" value={get('q')} onChange={(e) => set({ q: e.currentTarget.value })} />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={[
            { value: 'open', label: 'open (sent, not delivered)' },
            ...ORDER_STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') })),
          ]}
          value={filters.status ?? null}
          onChange={(value) => set({ status: value })}
        />
        <Select
          label={side === 'purchase' ? 'Supplier' : 'Buyer'}
          placeholder={side === 'purchase' ? 'Any supplier' : 'Any buyer'}
          clearable
          searchable
          data={(partners.data?.items ?? [])
            .filter((link) => link.partnerRole === partnerRole)
            .map((link) => ({ value: link.partnerId, label: link.partnerName }))}
          value={filters.partnerId ?? null}
          onChange={(value) => set({ partner: value })}
        />
        <TextInput type="date" label="From" value={get('from')} onChange={(e) => set({ from: e.currentTarget.value })} />
        <TextInput type="date" label="To" value={get('to')} onChange={(e) => set({ to: e.currentTarget.value })} />
        <TextInput
          label="Minimum total"
          inputMode="decimal"
          value={get('min')}
          onChange={(e) => set({ min: e.currentTarget.value })}
          w={140}
        />
        <ExportCsvButton list="orders" filters={filters} />
      </Group>
      {due && (
        <Group mb="sm">
          <FilterChip label={DUE_FILTERS[due]} onClear={() => set({ due: null })} />
        </Group>
      )}
      <QueryView
        query={{ ...orders, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty={
          Object.values(filters).filter(Boolean).length > 1
            ? 'No orders match these filters.'
            : side === 'purchase'
              ? 'No purchase orders yet.'
              : 'No sales orders yet.'
        }
      >
        {(items) => (
          <Stack>
            <DataTable
              highlightOnHover
              sort={sort}
              headers={[
                { label: 'Number', sort: 'number' },
                { label: side === 'purchase' ? 'Supplier' : 'Buyer', sort: 'partner' },
                { label: 'Date', sort: 'orderDate' },
                'Status',
                { label: 'Total', numeric: true, sort: 'total' },
              ]}
              footer={<OrderTotalsRow totals={totals.data} shown={items.length} />}
            >
              {items.map((order) => (
                <LinkRow key={order.id} data-testid={`order-${order.number ?? order.id}`}>
                  <Table.Td>
                    <RowLink to={`/orders/${order.id}`} monospace>
                      {order.number ?? '—'}
                    </RowLink>
                  </Table.Td>
                  <Table.Td>{order.partnerName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(order.orderDate)}</Table.Td>
                  <Table.Td>
                    <OrderStatusBadge status={order.status} />
                  </Table.Td>
                  <NumberCell>{formatMoney(order.total, order.currency)}</NumberCell>
                </LinkRow>
              ))}
            </DataTable>
            {orders.hasNextPage && (
              <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={orders.isFetchingNextPage}>
                More orders
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

/** The server's count and sum of every order matching the filters (not just the rows shown), per currency. */
function OrderTotalsRow({ totals, shown }: { totals: RouterOutputs['orders']['totals'] | undefined; shown: number }) {
  if (!totals?.length) return null;
  const count = totals.reduce((all, t) => all + Number(t.count), 0);
  return (
    <Table.Tr data-testid="order-totals">
      <Table.Td colSpan={4} fw={700}>
        Total of {count} matching {count === 1 ? 'order' : 'orders'}
        {count > shown ? ` (${shown} shown)` : ''}
      </Table.Td>
      <NumberCell fw={700}>
        {totals.map((t) => (
          <div key={t.currency}>{formatMoney(t.total, t.currency)}</div>
        ))}
      </NumberCell>
    </Table.Tr>
  );
}

const isoDateOrUndefined = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
