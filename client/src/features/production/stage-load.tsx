import { Paper, Table, Title } from '@mantine/core';
import { formatNumber, formatQuantity } from '@tradeloom/shared';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';

/** What is still to be done on each stage, over released and started work orders. */
export function StageLoad() {
  const board = trpc.production.board.useQuery();
  return (
    <Paper withBorder p="lg">
      <Title order={5} mb="xs">
        Load per stage (released and in progress)
      </Title>
      <QueryView query={board} isEmpty={(data) => data.load.length === 0} empty="No open work on any stage.">
        {(data) => (
          <DataTable headers={['Stage', { label: 'Work orders', numeric: true }, { label: 'Remaining', numeric: true }]}>
            {data.load.map((row) => (
              <Table.Tr key={`${row.stage}-${row.unit}`}>
                <Table.Td>{row.stage}</Table.Td>
                <NumberCell>{formatNumber(row.workOrders)}</NumberCell>
                <NumberCell>{formatQuantity(row.remaining, row.unit)}</NumberCell>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </Paper>
  );
}
