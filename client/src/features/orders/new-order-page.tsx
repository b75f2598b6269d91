import { ActionIcon, Button, Group, NumberFormatter, Paper, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { computeOrderTotals } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { DataTable, MutationForm, PageHeader } from '../../app/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';

interface DraftLine {
  key: number;
  productId?: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  hsnCode?: string;
}

const trimZeros = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
let nextKey = 1;
const emptyLine = (): DraftLine => ({ key: nextKey++, description: '', quantity: '1', unit: 'kg', unitPrice: '', discountPercent: '' });

/** A draft order: pick a linked partner, add lines from the supplier's catalog or free text. */
export function NewOrderPage() {
  const [params] = useSearchParams();
  const side = params.get('side') === 'sales' ? 'sales' : 'purchase';
  const navigate = useNavigate();
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [lines, setLines] = useState<DraftLine[]>([emptyLine()]);
  const [note, setNote] = useState('');
  const partners = trpc.partners.list.useQuery({ view: 'linked' });
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const counterparts = (partners.data ?? []).filter((link) => link.partnerRole === (side === 'purchase' ? 'supplier' : 'buyer'));
  const supplierCatalog = trpc.catalog.browse.useQuery(
    { supplierId: partnerId ?? '', limit: 100 },
    { enabled: side === 'purchase' && Boolean(partnerId), retry: false },
  );
  const ownCatalog = trpc.catalog.products.list.useQuery({ active: true, limit: 100 }, { enabled: side === 'sales' });
  const products = (side === 'purchase' ? supplierCatalog.data?.items : ownCatalog.data?.items) ?? [];
  const create = trpc.orders.create.useMutation({ onSuccess: (order) => navigate(`/orders/${order.id}`) });

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
        : { productId: undefined, hsnCode: undefined },
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
  const submit = () => {
    if (!partnerId) return;
    create.mutate({
      ...(side === 'purchase' ? { supplierId: partnerId } : { buyerId: partnerId }),
      note: note || undefined,
      lines: lines.map((line) => ({
        productId: line.productId,
        description: line.description || undefined,
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent || undefined,
      })),
    });
  };
  return (
    <Stack>
      <PageHeader
        title={side === 'purchase' ? 'New purchase order' : 'New sales order'}
        description="It starts as a draft only you see; submit it to send it to your partner."
      />
      <Paper withBorder p="lg">
        <MutationForm onSubmit={submit} error={create.error}>
          <Select
            label={side === 'purchase' ? 'Supplier' : 'Buyer'}
            placeholder={counterparts.length ? 'Choose a linked partner' : 'No linked partner yet — link one under Partners'}
            data={counterparts.map((link) => ({
              value: link.partnerId,
              label: link.partnerClaimed ? link.partnerName : `${link.partnerName} (not on Tradeloom)`,
            }))}
            value={partnerId}
            onChange={(value) => {
              setPartnerId(value);
              setLines([emptyLine()]);
            }}
            searchable
            required
            w={420}
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
                    error={fieldError(create.error, `lines.${index}.description`)}
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
              Value before tax:{' '}
              {preview ? <NumberFormatter value={preview} thousandSeparator="," decimalScale={2} fixedDecimalScale /> : '—'}. GST is
              computed from the parties' states when you save.
            </Text>
          </Group>
          <Textarea
            label="Internal note"
            description="Only your company sees it."
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!partnerId}>
              Save draft
            </Button>
          </Group>
        </MutationForm>
      </Paper>
    </Stack>
  );
}
