import { Paper, Table, Text, Title } from '@mantine/core';
import { formatNumber } from '@tradeloom/shared';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';

/** Median hours as a person reads them: "18 h" under two days, "3.5 d" beyond. */
function medianTime(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${formatNumber(String(Math.round(hours)))} h` : `${formatNumber((hours / 24).toFixed(1))} d`;
}

/** Per counterparty: how many complaints are open, settled and late, and how long settling takes. */
export function ComplaintSummaryCard({ side }: { side: 'filed' | 'received' }) {
  const summary = trpc.support.complaints.summary.useQuery({ side });
  return (
    <Paper withBorder p="lg" data-testid="complaint-summary">
      <Title order={5} mb={2}>
        {side === 'filed' ? 'By supplier' : 'By buyer'}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        Breached counts complaints that missed a deadline; the median runs from filing to resolution or rejection.
      </Text>
      <QueryView query={summary} isEmpty={(report) => report.rows.length === 0} empty="Nothing to sum up yet.">
        {(report) => (
          <DataTable
            minWidth={560}
            headers={[
              side === 'filed' ? 'Supplier' : 'Buyer',
              { label: 'Open', numeric: true },
              { label: 'Resolved', numeric: true },
              { label: 'Rejected', numeric: true },
              { label: 'Breached', numeric: true },
              { label: 'Median time to resolve', numeric: true },
            ]}
          >
            {report.rows.map((row) => (
              <Table.Tr key={row.company.id}>
                <Table.Td>{row.company.name}</Table.Td>
                <NumberCell>{row.open}</NumberCell>
                <NumberCell>{row.resolved}</NumberCell>
                <NumberCell>{row.rejected}</NumberCell>
                <NumberCell>{row.breached}</NumberCell>
                <NumberCell>{medianTime(row.medianHoursToResolve)}</NumberCell>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </Paper>
  );
}
