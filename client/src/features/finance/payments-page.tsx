import { Badge, Button, Group, Paper, Select, Stack, Table, TextInput } from '@mantine/core';
import { formatMoney, PAYMENT_DIRECTIONS, PAYMENT_STATUSES, type PaymentDirection, type PaymentStatus } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { directionLabel, methodLabel } from './payment-labels.ts';

const isoDateOrUndefined = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function PaymentsPage() {
  const can = useCan();
  const { get, set } = useListParams();
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const direction = PAYMENT_DIRECTIONS.find((value) => value === get('direction'));
  const status = PAYMENT_STATUSES.find((value) => value === get('status'));
  const filters = {
    direction: direction as PaymentDirection | undefined,
    status: status as PaymentStatus | undefined,
    partnerId: get('partner') || undefined,
    unallocated: get('advances') === '1' || undefined,
    from: isoDateOrUndefined(get('from')),
    to: isoDateOrUndefined(get('to')),
  };
  const payments = trpc.finance.payments.list.useInfiniteQuery(
    { ...filters, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = payments.data?.pages.flatMap((page) => page.items);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Stack>
      <PageHeader
        title="Payments"
        description="Payments received from buyers and made to suppliers, and how each is allocated to invoices. What is not allocated is an advance."
        actions={
          can('finance:write') && (
            <Button component={Link} to="/payments/new">
              Record payment
            </Button>
          )
        }
      />
      <Paper withBorder p="lg">
        <Group mb="sm" align="flex-end" wrap="wrap">
          <Select
            label="Direction"
            placeholder="Received and made"
            clearable
            data={PAYMENT_DIRECTIONS.map((value) => ({ value, label: directionLabel(value) }))}
            value={filters.direction ?? null}
            onChange={(value) => set({ direction: value })}
            w={170}
          />
          <Select
            label="Partner"
            placeholder="Any partner"
            clearable
            searchable
            data={(partners.data?.items ?? []).map((link) => ({ value: link.partnerId, label: link.partnerName }))}
            value={filters.partnerId ?? null}
            onChange={(value) => set({ partner: value })}
            w={220}
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={[
              { value: 'recorded', label: 'Recorded' },
              { value: 'reversed', label: 'Reversed' },
            ]}
            value={filters.status ?? null}
            onChange={(value) => set({ status: value })}
            w={150}
          />
          <TextInput type="date" label="From" value={get('from')} onChange={(e) => set({ from: e.currentTarget.value })} />
          <TextInput type="date" label="To" value={get('to')} onChange={(e) => set({ to: e.currentTarget.value })} />
          <Button variant={filters.unallocated ? 'filled' : 'default'} onClick={() => set({ advances: filters.unallocated ? null : '1' })}>
            Advances only
          </Button>
        </Group>
        <QueryView
          query={{ ...payments, data: rows }}
          isEmpty={(items) => items.length === 0}
          empty={filtered ? 'No payments match these filters.' : 'No payments recorded yet.'}
        >
          {(items) => (
            <Stack>
              <DataTable
                highlightOnHover
                headers={[
                  'Number',
                  'Partner',
                  'Date',
                  'Method',
                  'Status',
                  { label: 'Amount', numeric: true },
                  { label: 'Unallocated', numeric: true },
                ]}
              >
                {items.map((payment) => (
                  <LinkRow key={payment.id} data-testid={`payment-${payment.number}`}>
                    <Table.Td>
                      <RowLink to={`/payments/${payment.id}`} monospace>
                        {payment.number}
                      </RowLink>
                    </Table.Td>
                    <Table.Td>
                      {payment.partnerName}
                      <Badge ml="xs" size="xs" variant="light" color={payment.direction === 'received' ? 'teal' : 'grape'}>
                        {directionLabel(payment.direction)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(payment.paidOn)}</Table.Td>
                    <Table.Td>{methodLabel(payment.method)}</Table.Td>
                    <Table.Td>
                      <Badge color={payment.status === 'reversed' ? 'red' : 'gray'} variant="light">
                        {payment.status}
                      </Badge>
                    </Table.Td>
                    <NumberCell>{formatMoney(payment.amount, payment.currency)}</NumberCell>
                    <NumberCell>{payment.unallocated === '0.00' ? '—' : formatMoney(payment.unallocated, payment.currency)}</NumberCell>
                  </LinkRow>
                ))}
              </DataTable>
              <LoadMore list={payments} />
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
