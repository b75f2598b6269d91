import { ActionIcon, Button, Group, Select, Table, Text, Textarea, TextInput } from '@mantine/core';
import { computeOrderTotals, formatMoney } from '@tradeloom/shared';
import { useMemo } from 'react';
import { Controller, useFieldArray } from 'react-hook-form';
import { FieldMessage } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { DataTable } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import type { ZodForm } from '../../lib/zod-form.ts';
import { type DraftLine, emptyLine, lineFromProduct, type OrderDraft } from './order-draft.ts';
import { OrderTermsFields } from './order-terms-fields.tsx';

/** Products the lines can be picked from: the supplier's active catalog. */
export function useOrderProducts(side: 'purchase' | 'sales', partnerId: string | null) {
  const supplierCatalog = trpc.catalog.browse.useQuery(
    { supplierId: partnerId ?? '', limit: 100 },
    { enabled: side === 'purchase' && Boolean(partnerId), retry: false },
  );
  const ownCatalog = trpc.catalog.products.list.useQuery({ active: true, limit: 100 }, { enabled: side === 'sales' });
  return (side === 'purchase' ? supplierCatalog.data?.items : ownCatalog.data?.items) ?? [];
}

type Product = ReturnType<typeof useOrderProducts>[number];

/** Value before tax of the lines typed so far, or null while a number is unreadable. */
function taxablePreview(lines: DraftLine[]): string | null {
  try {
    return computeOrderTotals(
      lines
        .filter((l) => l.quantity && l.unitPrice)
        .map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent || '0', taxRate: '0' })),
      'single',
    ).taxable;
  } catch {
    return null;
  }
}

/** Lines, order date, commercial terms and internal note of a draft order. */
export function OrderDraftFields<Output>({
  form,
  products,
  side,
  partnerId,
}: {
  form: ZodForm<OrderDraft, Output>;
  products: Product[];
  side: 'purchase' | 'sales';
  /** The supplier (purchase) or buyer (sales) the order is with, once picked. */
  partnerId: string | null;
}) {
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  // Worked out once for all lines: the editor re-renders on every keystroke in any line.
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const units = useMemo(() => masters.data?.units.map((u) => u.code), [masters.data]);
  const productOptions = useMemo(() => products.map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` })), [products]);
  const preview = taxablePreview(form.watch('lines'));
  // The order is priced in the supplier's currency, which its catalog carries; INR until it loads.
  const previewCurrency = products[0]?.currency ?? 'INR';
  const listError = form.formState.errors.lines;
  return (
    <>
      <TextInput
        type="date"
        label="Order date"
        description="Empty means today."
        {...form.register('orderDate')}
        error={form.messageOf('orderDate')}
        w={200}
      />
      <OrderTermsFields form={form} side={side} partnerId={partnerId} />
      <DataTable headers={['Product', 'Description', 'Quantity', 'Unit', 'Unit price', 'Discount %', '']} minWidth={820}>
        {lines.fields.map((line, index) => (
          <LineRow
            key={line.id}
            form={form}
            index={index}
            products={products}
            productOptions={productOptions}
            units={units}
            onRemove={lines.fields.length > 1 ? () => lines.remove(index) : undefined}
          />
        ))}
      </DataTable>
      <FieldMessage message={listError?.message ?? listError?.root?.message} />
      <Group justify="space-between">
        <Button variant="light" onClick={() => lines.append(emptyLine())}>
          Add line
        </Button>
        <Text size="sm">
          Value before tax: {preview ? formatMoney(preview, previewCurrency) : '—'}. GST is computed from the parties' states when you save.
        </Text>
      </Group>
      <Textarea
        label="Internal note"
        description="Only your company sees it."
        {...form.register('note')}
        error={form.messageOf('note')}
        autosize
        minRows={2}
      />
    </>
  );
}

function LineRow<Output>({
  form,
  index,
  products,
  productOptions,
  units,
  onRemove,
}: {
  form: ZodForm<OrderDraft, Output>;
  index: number;
  products: Product[];
  productOptions: { value: string; label: string }[];
  /** The known unit codes, once the masters have loaded. */
  units: string[] | undefined;
  onRemove?: () => void;
}) {
  const n = index + 1;
  const cell = (key: 'description' | 'quantity' | 'unitPrice' | 'discountPercent', label: string) => (
    <TextInput
      aria-label={`${label} of line ${n}`}
      inputMode={key === 'description' ? undefined : 'decimal'}
      {...form.register(`lines.${index}.${key}`)}
      error={form.messageOf(`lines.${index}.${key}`)}
    />
  );
  // Picking a product fills the line from the catalog; clearing it makes a free line again.
  const pickProduct = (productId: string | null) => {
    const product = products.find((p) => p.id === productId);
    // The quantity and discount typed so far stay.
    const filled = product && lineFromProduct(product);
    const patch: Partial<DraftLine> = filled
      ? {
          productId: filled.productId,
          description: filled.description,
          unit: filled.unit,
          unitPrice: filled.unitPrice,
          hsnCode: filled.hsnCode,
        }
      : { productId: '', hsnCode: '', taxRate: '' };
    for (const [key, value] of Object.entries(patch))
      form.setValue(`lines.${index}.${key as keyof DraftLine}`, value, { shouldDirty: true });
  };
  return (
    <Table.Tr>
      <Table.Td w={220}>
        <Controller
          control={form.control}
          name={`lines.${index}.productId`}
          render={({ field }) => (
            <Select
              aria-label={`Product of line ${n}`}
              placeholder="Free text line"
              clearable
              searchable
              data={productOptions}
              value={field.value || null}
              onChange={pickProduct}
              error={form.messageOf(`lines.${index}.productId`)}
            />
          )}
        />
      </Table.Td>
      <Table.Td>{cell('description', 'Description')}</Table.Td>
      <Table.Td w={110}>{cell('quantity', 'Quantity')}</Table.Td>
      <Table.Td w={110}>
        <SelectField
          form={form}
          name={`lines.${index}.unit`}
          aria-label={`Unit of line ${n}`}
          data={units ?? [form.getValues(`lines.${index}.unit`)]}
          allowDeselect={false}
        />
      </Table.Td>
      <Table.Td w={130}>{cell('unitPrice', 'Unit price')}</Table.Td>
      <Table.Td w={100}>{cell('discountPercent', 'Discount')}</Table.Td>
      <Table.Td>
        {onRemove && (
          <ActionIcon variant="subtle" color="red" aria-label={`Remove line ${n}`} onClick={onRemove}>
            ×
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
