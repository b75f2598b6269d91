import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, TextInput } from '@mantine/core';
import { formatMoney } from '@tradeloom/shared';
import { Link, useParams, useSearchParams } from 'react-router';
import { DataTable, Fact, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

const isoDateOrUndefined = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function StatementPage() {
  const { partnerId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const from = isoDateOrUndefined(params.get('from'));
  const to = isoDateOrUndefined(params.get('to'));
  const currency = params.get('currency') || undefined;
  const statement = trpc.finance.statement.useQuery({ partnerId, from, to, currency });
  const set = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  const query = new URLSearchParams(
    Object.entries({ from, to, currency }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  const download = (format: 'csv' | 'pdf') => `/documents/statements/${partnerId}.${format}${query ? `?${query}` : ''}`;
  return (
    <QueryView query={statement} notFound={{ title: 'Statement not found', to: '/outstanding', label: 'Back to outstanding' }}>
      {(data) => (
        <Stack>
          <PageHeader
            title={`Statement: ${data.partnerName}`}
            description="Invoices, notes and payments between you, with the running balance. A positive balance is owed to you; a negative one you owe."
            actions={
              <Group>
                <Button component="a" href={download('csv')} variant="default">
                  CSV
                </Button>
                <Button component="a" href={download('pdf')} target="_blank" rel="noopener" variant="default">
                  PDF
                </Button>
              </Group>
            }
          />
          <Paper withBorder p="lg">
            <Group align="flex-end" wrap="wrap" mb="md">
              <TextInput type="date" label="From" value={from ?? ''} onChange={(e) => set('from', e.currentTarget.value)} />
              <TextInput type="date" label="To" value={to ?? ''} onChange={(e) => set('to', e.currentTarget.value)} />
              {data.otherCurrencies.map((code) => (
                <Button key={code} variant="subtle" onClick={() => set('currency', code)}>
                  Show {code}
                </Button>
              ))}
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
              <Fact label="Opening balance">{formatMoney(data.opening, data.currency)}</Fact>
              <Fact label="Debits">{formatMoney(data.totalDebit, data.currency)}</Fact>
              <Fact label="Credits">{formatMoney(data.totalCredit, data.currency)}</Fact>
              <Fact label="Closing balance" testId="statement-closing">
                {formatMoney(data.closing, data.currency)}
              </Fact>
            </SimpleGrid>
            {data.entries.length === 0 ? (
              <Anchor component={Link} to="/outstanding">
                No entries in this period.
              </Anchor>
            ) : (
              <div style={{ overflowX: 'auto' }}>
                <DataTable
                  headers={[
                    'Date',
                    'Document',
                    'Description',
                    { label: 'Debit', numeric: true },
                    { label: 'Credit', numeric: true },
                    { label: 'Balance', numeric: true },
                  ]}
                >
                  {data.entries.map((entry) => (
                    <Table.Tr key={`${entry.kind}:${entry.document}:${entry.date}:${entry.balance}`}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.date)}</Table.Td>
                      <Table.Td>
                        {entry.paymentId ? (
                          <Link to={`/payments/${entry.paymentId}`}>{entry.document}</Link>
                        ) : entry.invoiceId ? (
                          <Link to={`/invoices/${entry.invoiceId}`}>{entry.document}</Link>
                        ) : (
                          entry.document
                        )}
                      </Table.Td>
                      <Table.Td>{entry.description}</Table.Td>
                      <NumberCell>{entry.debit === '0.00' ? '' : formatMoney(entry.debit, data.currency)}</NumberCell>
                      <NumberCell>{entry.credit === '0.00' ? '' : formatMoney(entry.credit, data.currency)}</NumberCell>
                      <NumberCell>{formatMoney(entry.balance, data.currency)}</NumberCell>
                    </Table.Tr>
                  ))}
                </DataTable>
              </div>
            )}
          </Paper>
        </Stack>
      )}
    </QueryView>
  );
}
