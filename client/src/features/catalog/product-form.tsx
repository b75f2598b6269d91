import { Button, Checkbox, Group, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MutationForm } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';

type Product = RouterOutputs['catalog']['products']['list']['items'][number];

const trimZeros = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** Create or edit one product; the server validates again and names any field it refuses. */
export function ProductForm({ product, currency, onDone }: { product?: Product; currency: string; onDone: () => void }) {
  const utils = trpc.useUtils();
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const [form, setForm] = useState({
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    description: product?.description ?? '',
    commodityCode: product?.commodityCode ?? '',
    unit: product?.unit ?? 'kg',
    hsnCode: product?.hsnCode ?? '',
    price: product ? trimZeros(product.price) : '',
    currency: product?.currency ?? currency,
    minOrderQuantity: product ? trimZeros(product.minOrderQuantity) : '0',
    active: product?.active ?? true,
  });
  const done = async () => {
    await utils.catalog.products.list.invalidate();
    onDone();
  };
  const create = trpc.catalog.products.create.useMutation({ onSuccess: done });
  const update = trpc.catalog.products.update.useMutation({ onSuccess: done });
  const error = create.error ?? update.error;
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [key]: value });
  const submit = () => {
    // An edit sends every field it shows, and null for a cleared reference: a left-out field would be kept.
    if (product)
      update.mutate({
        productId: product.id,
        version: product.version,
        ...form,
        commodityCode: form.commodityCode || null,
        hsnCode: form.hsnCode || null,
      });
    else create.mutate({ ...form, commodityCode: form.commodityCode || undefined, hsnCode: form.hsnCode || undefined });
  };
  return (
    <MutationForm onSubmit={submit} error={error}>
      <SimpleGrid cols={2}>
        <TextInput
          label="SKU"
          required
          value={form.sku}
          onChange={(e) => set('sku')(e.currentTarget.value)}
          error={fieldError(error, 'sku')}
        />
        <TextInput
          label="Name"
          required
          value={form.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={fieldError(error, 'name')}
        />
      </SimpleGrid>
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={form.description}
        onChange={(e) => set('description')(e.currentTarget.value)}
        error={fieldError(error, 'description')}
      />
      <SimpleGrid cols={3}>
        <Select
          label="Commodity"
          clearable
          data={masters.data?.commodities.map((c) => ({ value: c.code, label: c.name })) ?? []}
          value={form.commodityCode || null}
          onChange={(v) => set('commodityCode')(v ?? '')}
          error={fieldError(error, 'commodityCode')}
        />
        <Select
          label="Unit"
          required
          allowDeselect={false}
          data={masters.data?.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })) ?? []}
          value={form.unit}
          onChange={(v) => set('unit')(v ?? 'kg')}
          error={fieldError(error, 'unit')}
        />
        <Select
          label="HSN code"
          clearable
          searchable
          data={
            masters.data?.hsnCodes.map((h) => ({ value: h.code, label: `${h.code} · GST ${Number(h.gstRate)}% · ${h.description}` })) ?? []
          }
          value={form.hsnCode || null}
          onChange={(v) => set('hsnCode')(v ?? '')}
          error={fieldError(error, 'hsnCode')}
        />
      </SimpleGrid>
      <SimpleGrid cols={3}>
        <TextInput
          label="Price per unit"
          required
          inputMode="decimal"
          value={form.price}
          onChange={(e) => set('price')(e.currentTarget.value)}
          error={fieldError(error, 'price')}
        />
        <TextInput
          label="Currency"
          required
          value={form.currency}
          onChange={(e) => set('currency')(e.currentTarget.value)}
          error={fieldError(error, 'currency')}
        />
        <TextInput
          label="Minimum order"
          inputMode="decimal"
          value={form.minOrderQuantity}
          onChange={(e) => set('minOrderQuantity')(e.currentTarget.value)}
          error={fieldError(error, 'minOrderQuantity')}
        />
      </SimpleGrid>
      <Checkbox label="Active (visible to linked buyers)" checked={form.active} onChange={(e) => set('active')(e.currentTarget.checked)} />
      <Group justify="flex-end">
        <Button type="submit" loading={create.isPending || update.isPending}>
          {product ? 'Save product' : 'Add product'}
        </Button>
      </Group>
    </MutationForm>
  );
}
