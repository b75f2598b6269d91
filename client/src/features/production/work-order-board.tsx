import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { type WorkOrder, WorkOrderCard } from './work-order-card.tsx';

const COLUMNS = [
  { status: 'planned', label: 'Planned' },
  { status: 'released', label: 'Released' },
  { status: 'in_progress', label: 'In progress' },
  { status: 'completed', label: 'Completed' },
] as const;

/** Work orders in one column per status, with each column's count. */
export function WorkOrderBoard({ onReport }: { onReport: (workOrder: WorkOrder) => void }) {
  const board = trpc.production.board.useQuery();
  const orders = trpc.production.workOrders.list.useQuery({ limit: 100 });
  return (
    <QueryView query={orders}>
      {(data) => (
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          {COLUMNS.map((column) => (
            <Stack key={column.status} gap="xs">
              <Group justify="space-between">
                <Text fw={600}>{column.label}</Text>
                <Badge miw="max-content" variant="light">
                  {board.data?.byStatus[column.status] ?? 0}
                </Badge>
              </Group>
              {data.items
                .filter((wo) => wo.status === column.status)
                .map((wo) => (
                  <WorkOrderCard key={wo.id} workOrder={wo} onReport={() => onReport(wo)} />
                ))}
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </QueryView>
  );
}
