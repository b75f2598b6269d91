import { Paper, Table, Title } from '@mantine/core';
import { formatQuantity } from '@tradeloom/shared';
import { DataTable, QueryView } from '../../components/ui.tsx';
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
          <DataTable headers={['Stage', 'Work orders', 'Remaining']}>
            {data.load.map((row) => (
              <Table.Tr key={`${row.stage}-${row.unit}`}>
                <Table.Td>{row.stage}</Table.Td>
                <Table.Td>{row.workOrders}</Table.Td>
                <Table.Td>{formatQuantity(row.remaining, row.unit)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </Paper>
  );
}
