import { Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { formatMoney } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { InvoiceStatusBadge } from './invoice-status.tsx';

/** On the contract page: the invoices raised against it, and "Raise invoice" for the seller. */
export function ContractInvoicesPanel({ contractId, role }: { contractId: string; role: 'seller' | 'buyer' }) {
  const can = useCan();
  const side = role === 'seller' ? 'sales' : 'purchase';
  const canRead = can('finance:read');
  const invoices = trpc.finance.invoices.list.useInfiniteQuery(
    { side, contractId, limit: 10 },
    { enabled: canRead, getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  if (!canRead) return null;
  const rows = invoices.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg" data-testid="contract-invoices">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Invoices</Title>
        {side === 'sales' && can('finance:write') && (
          <Button size="xs" component={Link} to={`/invoices/new?contractId=${contractId}`}>
            Raise invoice
          </Button>
        )}
      </Group>
      <QueryView
        query={{ ...invoices, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty={side === 'sales' ? 'No invoices yet for this contract.' : 'The seller has not issued an invoice for this contract yet.'}
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
