import { TextInput } from '@mantine/core';
import { formatQuantity, updateWorkOrderInput } from '@tradeloom/shared';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { useWorkOrdersChanged, type WorkOrderLike } from './work-order-card.tsx';

/** Completed quantity per stage, one input each. */
export function ReportProgressForm({ workOrder, onDone }: { workOrder: WorkOrderLike; onDone: () => void }) {
  const changed = useWorkOrdersChanged();
  const form = useZodForm(updateWorkOrderInput, {
    defaultValues: { progress: workOrder.operations.map((op) => String(Number(op.completedQuantity))) },
    prepare: (values: { progress: string[] }) => ({
      workOrderId: workOrder.id,
      version: workOrder.version,
      progress: workOrder.operations.map((op, index) => ({ operationId: op.id, completedQuantity: values.progress[index] ?? '0' })),
    }),
  });
  const update = trpc.production.workOrders.update.useMutation({
    onSuccess: async () => {
      await changed();
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => update.mutate(input)}>
      {workOrder.operations.map((op, index) => (
        <TextInput
          key={op.id}
          label={`${op.name} (of ${formatQuantity(op.plannedQuantity, workOrder.unit)})`}
          inputMode="decimal"
          {...form.register(`progress.${index}`)}
          error={form.messageOf(`progress.${index}`)}
        />
      ))}
      {/* A rule over all stages (e.g. more than 10 % above the plan) names the list, not one input. */}
      <FieldMessage message={form.formState.errors.progress?.message} />
      <SubmitRow form={form} loading={update.isPending}>
        Save progress
      </SubmitRow>
    </SchemaForm>
  );
}
