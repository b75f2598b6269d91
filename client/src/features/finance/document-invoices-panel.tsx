import { Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { formatMoney } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { InvoiceStatusBadge } from './invoice-status.tsx';

type InvoiceSource = { orderId: string } | { contractId: string };

/**
 * The invoices raised against one order or contract, on its page, and "Raise invoice" for the
 * supplier: the order and contract panels differ only in where they come from.
 */
export function DocumentInvoicesPanel({
  source,
  side,
  testId,
  empty,
}: {
  source: InvoiceSource;
  side: 'sales' | 'purchase';
  testId: string;
  empty: string;
}) {
  const can = useCan();
  const invoices = trpc.finance.invoices.list.useInfiniteQuery(
    { side, ...source, limit: 10 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = invoices.data?.pages.flatMap((page) => page.items);
  const query = 'orderId' in source ? `orderId=${source.orderId}` : `contractId=${source.contractId}`;
  return (
    <Paper withBorder p="lg" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>Invoices</Title>
        {side === 'sales' && can('finance:write') && (
          <Button size="xs" component={Link} to={`/invoices/new?${query}`}>
            Raise invoice
          </Button>
        )}
      </Group>
      <QueryView query={{ ...invoices, data: rows }} isEmpty={(items) => items.length === 0} empty={empty}>
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
