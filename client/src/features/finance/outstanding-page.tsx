import { Anchor, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { AGEING_BUCKET_LABELS, AGEING_BUCKETS, formatMoney, type LedgerSide } from '@tradeloom/shared';
import { Link, useSearchParams } from 'react-router';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';

export function OutstandingPage() {
  const [params, setParams] = useSearchParams();
  const side: LedgerSide = params.get('side') === 'payable' ? 'payable' : 'receivable';
  return (
    <Stack>
      <PageHeader
        title="Outstanding"
        description="What each partner owes you (receivable) and what you owe (payable), aged by days past each invoice’s due date."
      />
      <Tabs value={side} onChange={(value) => setParams({ side: value ?? 'receivable' })}>
        <Tabs.List>
          <Tabs.Tab value="receivable">Receivable</Tabs.Tab>
          <Tabs.Tab value="payable">Payable</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <OutstandingTable side={side} key={side} />
    </Stack>
  );
}

function OutstandingTable({ side }: { side: LedgerSide }) {
  const rows = trpc.finance.outstanding.useQuery({ side });
  return (
    <Paper withBorder p="lg">
      <QueryView
        query={rows}
        isEmpty={(items) => items.length === 0}
        empty={side === 'receivable' ? 'No buyer owes you anything.' : 'You owe no supplier anything.'}
      >
        {(items) => (
          <Stack gap="xs">
            <div style={{ overflowX: 'auto' }}>
              <DataTable
                headers={[
                  side === 'receivable' ? 'Buyer' : 'Supplier',
                  { label: 'Outstanding', numeric: true },
                  { label: 'Overdue', numeric: true },
                  ...AGEING_BUCKETS.map((bucket) => ({ label: AGEING_BUCKET_LABELS[bucket], numeric: true })),
                  { label: 'Advance', numeric: true },
                ]}
              >
                {items.map((row) => (
                  <Table.Tr key={`${row.partnerId}:${row.currency}`} data-testid={`outstanding-${row.partnerName}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/statements/${row.partnerId}?currency=${row.currency}`}>
                        {row.partnerName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {row.invoiceCount} open {row.invoiceCount === 1 ? 'invoice' : 'invoices'}
                        {row.disputed !== '0.00' ? ` · ${formatMoney(row.disputed, row.currency)} disputed` : ''}
                      </Text>
                    </Table.Td>
                    <NumberCell fw={700}>{formatMoney(row.outstanding, row.currency)}</NumberCell>
                    <NumberCell>{formatMoney(row.overdue, row.currency)}</NumberCell>
                    {AGEING_BUCKETS.map((bucket) => (
                      <NumberCell key={bucket}>
                        {row.buckets[bucket] === '0.00' ? '—' : formatMoney(row.buckets[bucket], row.currency)}
                      </NumberCell>
                    ))}
                    <NumberCell>{row.advance === '0.00' ? '—' : formatMoney(row.advance, row.currency)}</NumberCell>
                  </Table.Tr>
                ))}
              </DataTable>
            </div>
            <Text size="xs" c="dimmed">
              Advances are payments not yet allocated to an invoice; allocate them from the payment.
            </Text>
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
