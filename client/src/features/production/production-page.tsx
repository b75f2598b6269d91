import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PRIORITIES, type WorkOrderAction } from '@tradeloom/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable, MutationForm, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';

type WorkOrder = RouterOutputs['production']['workOrders']['list']['items'][number];

const COLUMNS = [
  { status: 'planned', label: 'Planned' },
  { status: 'released', label: 'Released' },
  { status: 'in_progress', label: 'In progress' },
  { status: 'completed', label: 'Completed' },
] as const;
const PRIORITY_COLORS: Record<string, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
const ACTION_LABELS: Record<WorkOrderAction, string> = { release: 'Release', start: 'Start', complete: 'Complete', cancel: 'Cancel' };

/** The production board: work orders by status, and the open load on each stage. */
export function ProductionPage() {
  const can = useCan();
  const board = trpc.production.board.useQuery();
  const orders = trpc.production.workOrders.list.useQuery({ limit: 100 });
  // Arriving from a sales order (`?line=…`) opens a new work order for that line.
  const [params, setParams] = useSearchParams();
  const lineFromOrder = params.get('line') ?? undefined;
  const [creating, setCreating] = useState(Boolean(lineFromOrder));
  const stopCreating = () => {
    setCreating(false);
    if (lineFromOrder) setParams({});
  };
  const [reporting, setReporting] = useState<WorkOrder | null>(null);
  return (
    <Stack>
      <PageHeader
        title="Production"
        description="Work orders move from planned to completed; progress comes from each stage's completed quantity."
        actions={can('production:write') && <Button onClick={() => setCreating(true)}>New work order</Button>}
      />
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
                  <Table.Td>
                    {Number(row.remaining).toLocaleString()} {row.unit}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </QueryView>
      </Paper>
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
                    <WorkOrderCard key={wo.id} workOrder={wo} onReport={() => setReporting(wo)} />
                  ))}
              </Stack>
            ))}
          </SimpleGrid>
        )}
      </QueryView>
      <Modal opened={creating && can('production:write')} onClose={stopCreating} title="New work order" size="lg">
        <NewWorkOrder onDone={stopCreating} initialLineId={lineFromOrder} />
      </Modal>
      <Modal opened={reporting !== null} onClose={() => setReporting(null)} title={`Progress of ${reporting?.number ?? ''}`}>
        {reporting && <ReportProgress workOrder={reporting} onDone={() => setReporting(null)} />}
      </Modal>
    </Stack>
  );
}

function WorkOrderCard({ workOrder, onReport }: { workOrder: WorkOrder; onReport: () => void }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const update = trpc.production.workOrders.update.useMutation({
    onSuccess: () => Promise.all([utils.production.workOrders.list.invalidate(), utils.production.board.invalidate()]),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Card withBorder padding="sm" data-testid={`wo-${workOrder.number}`}>
      <Group justify="space-between" mb={4}>
        <Text ff="monospace" size="sm" fw={600}>
          {workOrder.number}
        </Text>
        <Badge miw="max-content" size="xs" color={PRIORITY_COLORS[workOrder.priority]}>
          {workOrder.priority}
        </Badge>
      </Group>
      <Text size="sm">{workOrder.description}</Text>
      <Text size="xs" c="dimmed">
        {Number(workOrder.quantity).toLocaleString()} {workOrder.unit}
        {workOrder.dueDate && ` · due ${formatDate(workOrder.dueDate)}`}
        {workOrder.salesOrderNumber && ` · for ${workOrder.salesOrderNumber}`}
      </Text>
      <Progress value={workOrder.progress} mt="xs" aria-label={`${workOrder.progress}% done`} />
      <Text size="xs" c="dimmed">
        {workOrder.operations.map((op) => op.name).join(' → ')} · {workOrder.progress}%
      </Text>
      {can('production:write') && (
        <Group gap={4} mt="xs">
          {workOrder.actions.map((action) => (
            <Button
              key={action}
              size="compact-xs"
              variant={action === 'cancel' ? 'subtle' : 'light'}
              color={action === 'cancel' ? 'red' : undefined}
              onClick={() => update.mutate({ workOrderId: workOrder.id, version: workOrder.version, action })}
            >
              {ACTION_LABELS[action]}
            </Button>
          ))}
          {workOrder.status === 'in_progress' && (
            <Button size="compact-xs" variant="subtle" onClick={onReport}>
              Report progress
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}

type OpenLine = RouterOutputs['production']['openOrderLines'][number];

/** What a work order for a sales-order line starts from: the line's item and what is still unplanned. */
function formForLine(line: OpenLine) {
  const unplanned = Number(line.quantity) - Number(line.plannedQuantity);
  return {
    orderLineId: line.lineId,
    productId: line.productId ?? null,
    description: `${line.description} for ${line.buyerName}`,
    // A fully planned line proposes nothing: more is a deliberate choice.
    quantity: unplanned > 0 ? String(unplanned) : '',
    unit: line.unit,
  };
}

function NewWorkOrder({ onDone, initialLineId }: { onDone: () => void; initialLineId?: string }) {
  const utils = trpc.useUtils();
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const lines = trpc.production.openOrderLines.useQuery();
  const products = trpc.catalog.products.list.useQuery({ active: true, limit: 100 });
  const [form, setForm] = useState({
    orderLineId: null as string | null,
    productId: null as string | null,
    description: '',
    quantity: '',
    unit: 'kg',
    priority: 'normal' as (typeof PRIORITIES)[number],
    plannedStart: '',
    dueDate: '',
    stages: 'Spinning, Winding, Packing',
  });
  const pickLine = (lineId: string | null) => {
    const line = lines.data?.find((l) => l.lineId === lineId);
    setForm((current) => (line ? { ...current, ...formForLine(line) } : { ...current, orderLineId: null }));
  };
  // Preselect the line we were sent for, once the lines are known.
  const [preselected, setPreselected] = useState(false);
  if (!preselected && initialLineId && lines.data) {
    setPreselected(true);
    pickLine(initialLineId);
  }
  const create = trpc.production.workOrders.create.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.production.workOrders.list.invalidate(), utils.production.board.invalidate()]);
      onDone();
    },
  });
  const submit = () =>
    create.mutate({
      orderLineId: form.orderLineId ?? undefined,
      productId: form.productId ?? undefined,
      description: form.description,
      quantity: form.quantity,
      unit: form.unit,
      priority: form.priority,
      plannedStart: form.plannedStart || undefined,
      dueDate: form.dueDate || undefined,
      operations: form.stages
        .split(/[,→>]/)
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    });
  return (
    <MutationForm onSubmit={submit} error={create.error}>
      <Select
        label="For a sales order"
        placeholder={lines.data?.length ? 'Optional: a line of an accepted sales order' : 'No accepted sales order waiting'}
        clearable
        searchable
        data={(lines.data ?? []).map((line) => ({
          value: line.lineId,
          label: `${line.orderNumber} · ${line.buyerName} · ${line.description} · ${Number(line.quantity).toLocaleString()} ${line.unit}${
            Number(line.plannedQuantity) ? ` (${Number(line.plannedQuantity).toLocaleString()} planned)` : ''
          }`,
        }))}
        value={form.orderLineId}
        onChange={pickLine}
        error={fieldError(create.error, 'orderLineId')}
      />
      <Select
        label="Product"
        placeholder="Optional: one of your catalog products"
        clearable
        searchable
        data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }))}
        value={form.productId}
        onChange={(productId) => {
          const product = products.data?.items.find((p) => p.id === productId);
          setForm({ ...form, productId, ...(product && !form.description ? { description: product.name, unit: product.unit } : {}) });
        }}
        error={fieldError(create.error, 'productId')}
      />
      <TextInput
        label="What to make"
        required
        value={form.description}
        onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
        error={fieldError(create.error, 'description')}
      />
      <Group grow>
        <TextInput
          label="Quantity"
          required
          inputMode="decimal"
          value={form.quantity}
          onChange={(e) => setForm({ ...form, quantity: e.currentTarget.value })}
          error={fieldError(create.error, 'quantity')}
        />
        <Select
          label="Unit"
          data={masters.data?.units.map((u) => u.code) ?? [form.unit]}
          value={form.unit}
          allowDeselect={false}
          onChange={(v) => v && setForm({ ...form, unit: v })}
        />
        <Select
          label="Priority"
          data={[...PRIORITIES]}
          value={form.priority}
          allowDeselect={false}
          onChange={(v) => v && setForm({ ...form, priority: v as typeof form.priority })}
        />
      </Group>
      <Group grow>
        <TextInput
          label="Planned start"
          type="date"
          value={form.plannedStart}
          onChange={(e) => setForm({ ...form, plannedStart: e.currentTarget.value })}
        />
        <TextInput label="Due" type="date" value={form.dueDate} onChange={(e) => setForm({ ...form, dueDate: e.currentTarget.value })} />
      </Group>
      <TextInput
        label="Stages, in order"
        description="Separated by commas, e.g. Warping, Weaving, Inspection"
        value={form.stages}
        onChange={(e) => setForm({ ...form, stages: e.currentTarget.value })}
        error={fieldError(create.error, 'operations')}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={create.isPending}>
          Create work order
        </Button>
      </Group>
    </MutationForm>
  );
}

function ReportProgress({ workOrder, onDone }: { workOrder: WorkOrder; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [done, setDone] = useState<Record<string, string>>(
    Object.fromEntries(workOrder.operations.map((op) => [op.id, String(Number(op.completedQuantity))])),
  );
  const update = trpc.production.workOrders.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.production.workOrders.list.invalidate(), utils.production.board.invalidate()]);
      onDone();
    },
  });
  return (
    <MutationForm
      onSubmit={() =>
        update.mutate({
          workOrderId: workOrder.id,
          version: workOrder.version,
          progress: workOrder.operations.map((op) => ({ operationId: op.id, completedQuantity: done[op.id] ?? '0' })),
        })
      }
      error={update.error}
    >
      {workOrder.operations.map((op) => (
        <TextInput
          key={op.id}
          label={`${op.name} (of ${Number(op.plannedQuantity).toLocaleString()} ${workOrder.unit})`}
          inputMode="decimal"
          value={done[op.id] ?? ''}
          onChange={(e) => setDone({ ...done, [op.id]: e.currentTarget.value })}
        />
      ))}
      <Group justify="flex-end">
        <Button type="submit" loading={update.isPending}>
          Save progress
        </Button>
      </Group>
    </MutationForm>
  );
}
