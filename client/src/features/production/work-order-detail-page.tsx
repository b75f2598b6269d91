import { Anchor, Badge, Group, Modal, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { auditSentence, formatQuantity } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { ReportProgressForm } from './report-progress-form.tsx';
import { PRIORITY_COLORS, WorkOrderActions } from './work-order-card.tsx';

/** One work order: its stages and their progress, the sales order it serves, what happened to it. */
export function WorkOrderDetailPage() {
  const { workOrderId = '' } = useParams();
  const can = useCan();
  const workOrder = trpc.production.workOrders.get.useQuery({ workOrderId });
  const [reporting, setReporting] = useState(false);
  return (
    <QueryView query={workOrder} notFound={{ title: 'Work order not found', to: '/production', label: 'Back to production' }}>
      {(data) => (
        <Stack>
          <Breadcrumbs items={[{ label: 'Production', to: '/production' }, { label: data.number }]} />
          <PageHeader
            title={`Work order ${data.number}`}
            description={data.description}
            actions={
              <Group gap="xs">
                <Badge miw="max-content" variant="light" data-testid="work-order-status">
                  {data.status.replace('_', ' ')}
                </Badge>
                <Badge miw="max-content" color={PRIORITY_COLORS[data.priority]}>
                  {data.priority}
                </Badge>
              </Group>
            }
          />
          {can('production:write') && <WorkOrderActions workOrder={data} onReport={() => setReporting(true)} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Paper withBorder p="lg">
              <Title order={5} mb="xs">
                Details
              </Title>
              <Text size="sm">Quantity: {formatQuantity(data.quantity, data.unit)}</Text>
              <Text size="sm">Planned start: {formatDate(data.plannedStart)}</Text>
              <Text size="sm">Due: {formatDate(data.dueDate)}</Text>
              <Text size="sm">
                For sales order:{' '}
                {data.orderId ? (
                  <Anchor component={Link} to={`/orders/${data.orderId}`} ff="monospace">
                    {data.salesOrderNumber}
                  </Anchor>
                ) : (
                  'none (made to stock)'
                )}
              </Text>
            </Paper>
            <Paper withBorder p="lg">
              <Title order={5} mb="xs">
                Progress
              </Title>
              <Progress value={data.progress} aria-label={`${data.progress}% done`} />
              <Text size="sm" c="dimmed" mt={4}>
                {data.progress}% done
              </Text>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="lg">
            <Title order={5} mb="xs">
              Stages
            </Title>
            <DataTable
              headers={[
                '#',
                'Stage',
                { label: 'Planned', numeric: true },
                { label: 'Completed', numeric: true },
                { label: 'Done', numeric: true },
              ]}
            >
              {data.operations.map((op) => (
                <Table.Tr key={op.id}>
                  <Table.Td>{op.seq}</Table.Td>
                  <Table.Td>{op.name}</Table.Td>
                  <NumberCell>{formatQuantity(op.plannedQuantity, data.unit)}</NumberCell>
                  <NumberCell>{formatQuantity(op.completedQuantity, data.unit)}</NumberCell>
                  <NumberCell>{stageShare(op.completedQuantity, op.plannedQuantity)}</NumberCell>
                </Table.Tr>
              ))}
            </DataTable>
          </Paper>
          <Paper withBorder p="lg">
            <Title order={5} mb="xs">
              History
            </Title>
            <Stack gap={4}>
              {data.history.map((entry) => (
                <Text key={entry.id} size="sm">
                  {formatDateTime(entry.occurredAt)}
                  {entry.actorName ? ` · ${entry.actorName}` : ''} · {auditSentence(entry.action)}
                </Text>
              ))}
            </Stack>
          </Paper>
          <Modal opened={reporting} onClose={() => setReporting(false)} title={`Progress of ${data.number}`}>
            <ReportProgressForm workOrder={data} onDone={() => setReporting(false)} />
          </Modal>
        </Stack>
      )}
    </QueryView>
  );
}

/** A stage's completed share of its plan, in whole percent (capped at 100, as progress is). */
function stageShare(completed: string, planned: string): string {
  const plan = Number(planned);
  return plan > 0 ? `${Math.min(100, Math.round((Number(completed) / plan) * 100))}%` : '—';
}
