import { Button, Group, Paper, Select, Stack, Table, Tabs } from '@mantine/core';
import { formatMoney, INVOICE_STATUSES, type InvoiceSide, type InvoiceStatus } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { oneOf, useListParams } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { InvoiceStatusBadge } from './invoice-status.tsx';

/** Sales invoices we issue and purchase invoices our suppliers issue to us: one record, seen by both. */
export function InvoicesPage() {
  const can = useCan();
  const { get, set } = useListParams();
  const side = oneOf<InvoiceSide>(get('side'), ['sales', 'purchase'], 'sales');
  return (
    <Stack>
      <PageHeader
        title="Invoices"
        description="GST tax invoices raised from what was dispatched. Your sales invoice is your buyer's purchase invoice."
        actions={
          side === 'sales' &&
          can('finance:write') && (
            <Button component={Link} to="/invoices/new">
              Raise invoice
            </Button>
          )
        }
      />
      <Tabs value={side} onChange={(value) => set({ side: value, status: null })}>
        <Tabs.List>
          <Tabs.Tab value="sales">Sales invoices</Tabs.Tab>
          <Tabs.Tab value="purchase">Purchase invoices</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <InvoiceList side={side} key={side} />
    </Stack>
  );
}

function InvoiceList({ side }: { side: InvoiceSide }) {
  const { get, set } = useListParams();
  const status = (INVOICE_STATUSES as readonly string[]).includes(get('status')) ? (get('status') as InvoiceStatus) : undefined;
  const statuses = side === 'purchase' ? INVOICE_STATUSES.filter((s) => s !== 'draft') : INVOICE_STATUSES;
  const invoices = trpc.finance.invoices.list.useInfiniteQuery(
    { side, status, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = invoices.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg">
      <Group mb="sm" align="flex-end">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={statuses.map((s) => ({ value: s, label: s.replace('_', ' ') }))}
          value={status ?? null}
          onChange={(value) => set({ status: value })}
        />
      </Group>
      <QueryView
        query={{ ...invoices, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty={
          status
            ? 'No invoices with this status.'
            : side === 'sales'
              ? 'No sales invoices yet. Raise one from an order once goods are dispatched.'
              : 'No purchase invoices yet: they appear here when a supplier issues one to you.'
        }
      >
        {(items) => (
          <Stack>
            <DataTable
              highlightOnHover
              headers={['Number', side === 'sales' ? 'Buyer' : 'Supplier', 'Date', 'Due', 'Status', { label: 'Total', numeric: true }]}
            >
              {items.map((invoice) => (
                <LinkRow key={invoice.id} data-testid={`invoice-${invoice.number ?? invoice.id}`}>
                  <Table.Td>
                    <RowLink to={`/invoices/${invoice.id}`} monospace>
                      {invoice.number ?? 'Draft'}
                    </RowLink>
                  </Table.Td>
                  <Table.Td>{invoice.partnerName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.invoiceDate)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.dueDate)}</Table.Td>
                  <Table.Td>
                    <InvoiceStatusBadge status={invoice.status} />
                  </Table.Td>
                  <NumberCell>{formatMoney(invoice.total, invoice.currency)}</NumberCell>
                </LinkRow>
              ))}
            </DataTable>
            <LoadMore list={invoices} />
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
