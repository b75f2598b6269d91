import { Group, Select, TextInput } from '@mantine/core';
import { createWorkOrderInput, formatNumber, formatQuantity, PRIORITIES } from '@tradeloom/shared';
import { type ReactElement, useState } from 'react';
import { Controller, type FieldPath } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';
import { useWorkOrdersChanged } from './work-order-card.tsx';

type OpenLine = RouterOutputs['production']['openOrderLines'][number];
type Priority = (typeof PRIORITIES)[number];

/** What the dialog's inputs hold: stages as one comma-separated text, empty boxes as ''. */
interface WorkOrderFormValues {
  orderLineId: string;
  productId: string;
  description: string;
  quantity: string;
  unit: string;
  priority: Priority;
  plannedStart: string;
  dueDate: string;
  operations: string;
}

const EMPTY: WorkOrderFormValues = {
  orderLineId: '',
  productId: '',
  description: '',
  quantity: '',
  unit: 'kg',
  priority: 'normal',
  plannedStart: '',
  dueDate: '',
  operations: 'Spinning, Winding, Packing',
};

/** The server's input: empty boxes left out, the stages text split into operations. */
function toCreateInput(values: WorkOrderFormValues) {
  return {
    ...values,
    orderLineId: values.orderLineId || undefined,
    productId: values.productId || undefined,
    plannedStart: values.plannedStart || undefined,
    dueDate: values.dueDate || undefined,
    operations: values.operations
      .split(/[,→>]/)
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ name })),
  };
}

/** What a work order for a sales-order line starts from: the line's item and what is still unplanned. */
function valuesForLine(line: OpenLine): Partial<WorkOrderFormValues> {
  const unplanned = Number(line.quantity) - Number(line.plannedQuantity);
  return {
    orderLineId: line.lineId,
    productId: line.productId ?? '',
    description: `${line.description} for ${line.buyerName}`,
    // A fully planned line proposes nothing: more is a deliberate choice.
    quantity: unplanned > 0 ? String(unplanned) : '',
    unit: line.unit,
  };
}

function describeLine(line: OpenLine): string {
  const planned = line.plannedQuantity && Number(line.plannedQuantity) ? ` (${formatNumber(line.plannedQuantity)} planned)` : '';
  return `${line.orderNumber} · ${line.buyerName} · ${line.description} · ${formatQuantity(line.quantity, line.unit)}${planned}`;
}

/** Fills several fields at once, as picking a line or a product does. */
function fill<Output>(form: ZodForm<WorkOrderFormValues, Output>, values: Partial<WorkOrderFormValues>) {
  for (const [name, value] of Object.entries(values))
    form.setValue(name as keyof WorkOrderFormValues, value as never, { shouldDirty: true });
}

export function NewWorkOrderForm({ onDone, initialLineId }: { onDone: () => void; initialLineId?: string }) {
  const changed = useWorkOrdersChanged();
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const lines = trpc.production.openOrderLines.useQuery();
  const products = trpc.catalog.products.list.useQuery({ active: true, limit: 100 });
  const form = useZodForm(createWorkOrderInput, { defaultValues: EMPTY, prepare: toCreateInput });
  const pickLine = (lineId: string | null) => {
    const line = lines.data?.find((l) => l.lineId === lineId);
    fill(form, line ? valuesForLine(line) : { orderLineId: '' });
  };
  const pickProduct = (productId: string | null) => {
    const product = products.data?.items.find((p) => p.id === productId);
    const describe = product && !form.getValues('description') ? { description: product.name, unit: product.unit } : {};
    fill(form, { productId: productId ?? '', ...describe });
  };
  // Preselect the line we were sent for, once the lines are known.
  const [preselected, setPreselected] = useState(false);
  if (!preselected && initialLineId && lines.data) {
    setPreselected(true);
    pickLine(initialLineId);
  }
  const create = trpc.production.workOrders.create.useMutation({
    onSuccess: async () => {
      await changed();
      onDone();
    },
    onError: form.showServerError,
  });
  const choice = (name: FieldPath<WorkOrderFormValues>, select: (value: string) => ReactElement) => (
    <Controller control={form.control} name={name} render={({ field }) => select(field.value)} />
  );
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      {choice('orderLineId', (value) => (
        <Select
          label="For a sales order"
          placeholder={lines.data?.length ? 'Optional: a line of an accepted sales order' : 'No accepted sales order waiting'}
          clearable
          searchable
          data={(lines.data ?? []).map((line) => ({ value: line.lineId, label: describeLine(line) }))}
          value={value || null}
          onChange={pickLine}
          error={form.messageOf('orderLineId')}
        />
      ))}
      {choice('productId', (value) => (
        <Select
          label="Product"
          placeholder="Optional: one of your catalog products"
          clearable
          searchable
          data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }))}
          value={value || null}
          onChange={pickProduct}
          error={form.messageOf('productId')}
        />
      ))}
      <TextInput label="What to make" required {...form.register('description')} error={form.messageOf('description')} />
      <Group grow align="flex-start">
        <TextInput label="Quantity" required inputMode="decimal" {...form.register('quantity')} error={form.messageOf('quantity')} />
        <SelectField
          form={form}
          name="unit"
          label="Unit"
          data={masters.data?.units.map((u) => u.code) ?? [form.getValues('unit')]}
          allowDeselect={false}
        />
        <SelectField form={form} name="priority" label="Priority" data={[...PRIORITIES]} allowDeselect={false} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label="Planned start" type="date" {...form.register('plannedStart')} error={form.messageOf('plannedStart')} />
        <TextInput label="Due" type="date" {...form.register('dueDate')} error={form.messageOf('dueDate')} />
      </Group>
      <TextInput
        label="Stages, in order"
        description="Separated by commas, e.g. Warping, Weaving, Inspection"
        {...form.register('operations')}
        error={form.messageOf('operations')}
      />
      <SubmitRow form={form} loading={create.isPending}>
        Create work order
      </SubmitRow>
    </SchemaForm>
  );
}
