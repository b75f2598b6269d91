import { Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { formatMoney } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { InvoiceStatusBadge } from './invoice-status.tsx';

/** On the order page: the invoices of this order, and "Raise invoice" for the supplier. */
export function OrderInvoicesPanel({ orderId }: { orderId: string }) {
  const can = useCan();
  const order = trpc.orders.get.useQuery({ orderId });
  const side = order.data?.side === 'supplier' ? 'sales' : 'purchase';
  const canRead = can('finance:read');
  const invoices = trpc.finance.invoices.list.useInfiniteQuery(
    { side, orderId, limit: 10 },
    { enabled: canRead && order.data !== undefined, getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  if (!canRead || !order.data || order.data.status === 'draft') return null;
  const rows = invoices.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg" data-testid="order-invoices">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Invoices</Title>
        {side === 'sales' && can('finance:write') && (
          <Button size="xs" component={Link} to={`/invoices/new?orderId=${orderId}`}>
            Raise invoice
          </Button>
        )}
      </Group>
      <QueryView
        query={{ ...invoices, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty={side === 'sales' ? 'No invoices yet for this order.' : 'The supplier has not issued an invoice for this order yet.'}
      >
        {(items) => (
          <Stack>
            <DataTable headers={['Number', 'Date', 'Status', { label: 'Total', numeric: true }]}>
              {items.map((invoice) => (
                <LinkRow key={invoice.id}>
                  <Table.Td>
                    <RowLink to={`/invoices/${invoice.id}`} monospace>
                      {invoice.number ?? 'Draft'}
                    </RowLink>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.invoiceDate)}</Table.Td>
                  <Table.Td>
                    <InvoiceStatusBadge status={invoice.status} />
                  </Table.Td>
                  <NumberCell>{formatMoney(invoice.total, invoice.currency)}</NumberCell>
                </LinkRow>
              ))}
            </DataTable>
            <LoadMore list={invoices} variant="default" />
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
