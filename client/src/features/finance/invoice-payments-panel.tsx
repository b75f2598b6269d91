import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney } from '@tradeloom/shared';
import { Link } from 'react-router';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { methodLabel } from './payment-labels.ts';

/** On the invoice page: the payments allocated to it, as both parties see them, and what it still owes. */
export function InvoicePaymentsPanel({ invoiceId }: { invoiceId: string }) {
  const can = useCan();
  const payments = trpc.finance.payments.forInvoice.useQuery({ invoiceId });
  return (
    <Paper withBorder p="lg" data-testid="invoice-payments">
      <QueryView query={payments}>
        {(data) => {
          const open = data.status === 'issued' || data.status === 'partly_paid' || (data.side === 'buyer' && data.balance !== '0.00');
          return (
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={4}>Payments</Title>
                {can('finance:write') && open && data.balance !== '0.00' && (
                  <Button size="xs" component={Link} to={`/payments/new?invoice=${invoiceId}&partner=${data.partnerId}`}>
                    Record payment
                  </Button>
                )}
              </Group>
              <Text size="sm">
                Still owed{data.side === 'buyer' ? ' by your records' : ''}: <b>{formatMoney(data.balance, data.currency)}</b> of{' '}
                {formatMoney(data.total, data.currency)}
              </Text>
              {data.allocations.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No payments allocated yet.
                </Text>
              ) : (
                <div style={{ overflowX: 'auto' }}>
                  <DataTable headers={['Date', 'Recorded by', 'Method', 'Payment', { label: 'Amount', numeric: true }]}>
                    {data.allocations.map((row) => (
                      <Table.Tr key={row.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.paidOn)}</Table.Td>
                        <Table.Td>
                          {row.recordedBy === 'supplier' ? 'Supplier (received)' : 'Buyer (paid)'}
                          {row.reversed && (
                            <Badge ml="xs" size="xs" color="red" variant="light">
                              reversed
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{methodLabel(row.method)}</Table.Td>
                        <Table.Td>{row.paymentId ? <Link to={`/payments/${row.paymentId}`}>{row.paymentNumber}</Link> : '—'}</Table.Td>
                        <NumberCell>{formatMoney(row.amount, row.currency)}</NumberCell>
                      </Table.Tr>
                    ))}
                  </DataTable>
                </div>
              )}
            </Stack>
          );
        }}
      </QueryView>
    </Paper>
  );
}
