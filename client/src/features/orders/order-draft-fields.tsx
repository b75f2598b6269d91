import { ActionIcon, Button, Group, NumberFormatter, Select, Table, Text, Textarea, TextInput } from '@mantine/core';
import { computeOrderTotals, type OrderLineInputValue } from '@tradeloom/shared';
import { DataTable } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';

export interface DraftLine {
  key: number;
  productId?: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  hsnCode?: string;
  /** Kept for a free line saved with its own rate (no HSN code), so editing does not drop its tax. */
  taxRate?: string;
}

export interface OrderDraft {
  lines: DraftLine[];
  note: string;
  /** YYYY-MM-DD; empty means today. */
  orderDate: string;
}

const trimZeros = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
let nextKey = 1;
export const emptyLine = (): DraftLine => ({
  key: nextKey++,
  description: '',
  quantity: '1',
  unit: 'kg',
  unitPrice: '',
  discountPercent: '',
});
export const emptyDraft = (): OrderDraft => ({ lines: [emptyLine()], note: '', orderDate: '' });

/** An order's lines as the editor holds them (numbers without trailing zeros). */
export function draftFromOrder(order: {
  note: string | null;
  orderDate: string;
  lines: {
    productId: string | null;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    discountPercent: string;
    hsnCode: string | null;
    taxRate: string;
  }[];
}): OrderDraft {
  return {
    note: order.note ?? '',
    orderDate: order.orderDate,
    lines: order.lines.map((line) => ({
      key: nextKey++,
      productId: line.productId ?? undefined,
      description: line.description,
      quantity: trimZeros(line.quantity),
      unit: line.unit,
      unitPrice: trimZeros(line.unitPrice),
      discountPercent: Number(line.discountPercent) ? trimZeros(line.discountPercent) : '',
      hsnCode: line.hsnCode ?? undefined,
      taxRate: line.hsnCode ? undefined : line.taxRate,
    })),
  };
}

/** What create and update send: the server prices, taxes and totals them. */
export function draftInput(draft: OrderDraft): { lines: OrderLineInputValue[]; note: string; orderDate?: string } {
  return {
    // Sent even when empty: an edit that leaves the note out keeps the old one, and emptying the box means "clear it".
    note: draft.note,
    orderDate: draft.orderDate || undefined,
    lines: draft.lines.map((line) => ({
      productId: line.productId,
      description: line.description || undefined,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent || undefined,
      hsnCode: line.productId ? undefined : line.hsnCode,
      taxRate: line.productId || line.hsnCode ? undefined : line.taxRate,
    })),
  };
}

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

/** Lines, order date and internal note of a draft order. */
export function OrderDraftFields({
  draft,
  onChange,
  products,
  error,
}: {
  draft: OrderDraft;
  onChange: (draft: OrderDraft) => void;
  products: Product[];
  error: unknown;
}) {
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const { lines } = draft;
  const setLines = (next: DraftLine[]) => onChange({ ...draft, lines: next });
  const update = (key: number, patch: Partial<DraftLine>) =>
    setLines(lines.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const pickProduct = (key: number, productId: string | null) => {
    const product = products.find((p) => p.id === productId);
    update(
      key,
      product
        ? {
            productId: product.id,
            description: product.name,
            unit: product.unit,
            unitPrice: trimZeros(product.price),
            hsnCode: product.hsnCode ?? undefined,
          }
        : { productId: undefined, hsnCode: undefined, taxRate: undefined },
    );
  };
  const preview = (() => {
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
  })();
  return (
    <>
      <TextInput
        type="date"
        label="Order date"
        description="Empty means today."
        value={draft.orderDate}
        onChange={(e) => onChange({ ...draft, orderDate: e.currentTarget.value })}
        error={fieldError(error, 'orderDate')}
        w={200}
      />
      <DataTable headers={['Product', 'Description', 'Quantity', 'Unit', 'Unit price', 'Discount %', '']}>
        {lines.map((line, index) => (
          <Table.Tr key={line.key}>
            <Table.Td w={220}>
              <Select
                aria-label={`Product of line ${index + 1}`}
                placeholder="Free text line"
                clearable
                searchable
                data={products.map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }))}
                value={line.productId ?? null}
                onChange={(value) => pickProduct(line.key, value)}
              />
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`Description of line ${index + 1}`}
                value={line.description}
                onChange={(e) => update(line.key, { description: e.currentTarget.value })}
                error={fieldError(error, `lines.${index}.description`)}
              />
            </Table.Td>
            <Table.Td w={110}>
              <TextInput
                aria-label={`Quantity of line ${index + 1}`}
                inputMode="decimal"
                value={line.quantity}
                onChange={(e) => update(line.key, { quantity: e.currentTarget.value })}
              />
            </Table.Td>
            <Table.Td w={110}>
              <Select
                aria-label={`Unit of line ${index + 1}`}
                data={masters.data?.units.map((u) => u.code) ?? [line.unit]}
                value={line.unit}
                allowDeselect={false}
                onChange={(value) => value && update(line.key, { unit: value })}
              />
            </Table.Td>
            <Table.Td w={130}>
              <TextInput
                aria-label={`Unit price of line ${index + 1}`}
                inputMode="decimal"
                value={line.unitPrice}
                onChange={(e) => update(line.key, { unitPrice: e.currentTarget.value })}
              />
            </Table.Td>
            <Table.Td w={100}>
              <TextInput
                aria-label={`Discount of line ${index + 1}`}
                inputMode="decimal"
                value={line.discountPercent}
                onChange={(e) => update(line.key, { discountPercent: e.currentTarget.value })}
              />
            </Table.Td>
            <Table.Td>
              {lines.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove line ${index + 1}`}
                  onClick={() => setLines(lines.filter((l) => l.key !== line.key))}
                >
                  ×
                </ActionIcon>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Group justify="space-between">
        <Button variant="light" onClick={() => setLines([...lines, emptyLine()])}>
          Add line
        </Button>
        <Text size="sm">
          Value before tax: {preview ? <NumberFormatter value={preview} thousandSeparator="," decimalScale={2} fixedDecimalScale /> : '—'}.
          GST is computed from the parties' states when you save.
        </Text>
      </Group>
      <Textarea
        label="Internal note"
        description="Only your company sees it."
        value={draft.note}
        onChange={(e) => onChange({ ...draft, note: e.currentTarget.value })}
        autosize
        minRows={2}
      />
    </>
  );
}
