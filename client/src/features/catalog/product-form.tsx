import { Checkbox, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { createProductInput, updateProductInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { trimZeros } from '../../lib/format.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';

type Product = RouterOutputs['catalog']['products']['list']['items'][number];

/** What the product inputs hold: prices and quantities as the decimal strings the server takes. */
interface ProductFormValues {
  sku: string;
  name: string;
  description: string;
  commodityCode: string;
  unit: string;
  hsnCode: string;
  price: string;
  currency: string;
  minOrderQuantity: string;
  active: boolean;
}

function valuesOf(product: Product | undefined, currency: string): ProductFormValues {
  return {
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
  };
}

/** Create or edit one product; the same schema checks it here and on the server. */
export function ProductForm({ product, currency, onDone }: { product?: Product; currency: string; onDone: () => void }) {
  return product ? <EditProductForm product={product} onDone={onDone} /> : <CreateProductForm currency={currency} onDone={onDone} />;
}

function useProductSaved(onDone: () => void) {
  const utils = trpc.useUtils();
  return async () => {
    await utils.catalog.products.list.invalidate();
    onDone();
  };
}

function CreateProductForm({ currency, onDone }: { currency: string; onDone: () => void }) {
  const form = useZodForm(createProductInput, {
    defaultValues: valuesOf(undefined, currency),
    // An empty optional reference is left out.
    prepare: (values: ProductFormValues) => ({
      ...values,
      commodityCode: values.commodityCode || undefined,
      hsnCode: values.hsnCode || undefined,
    }),
  });
  const create = trpc.catalog.products.create.useMutation({ onSuccess: useProductSaved(onDone), onError: form.showServerError });
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <ProductFields form={form} />
      <SubmitRow form={form} loading={create.isPending}>
        Add product
      </SubmitRow>
    </SchemaForm>
  );
}

function EditProductForm({ product, onDone }: { product: Product; onDone: () => void }) {
  const form = useZodForm(updateProductInput, {
    defaultValues: valuesOf(product, product.currency),
    // An edit sends every field it shows, and null for a cleared reference: a left-out field would be kept.
    prepare: (values: ProductFormValues) => ({
      ...values,
      productId: product.id,
      version: product.version,
      commodityCode: values.commodityCode || null,
      hsnCode: values.hsnCode || null,
    }),
  });
  const update = trpc.catalog.products.update.useMutation({ onSuccess: useProductSaved(onDone), onError: form.showServerError });
  return (
    <SchemaForm form={form} onSubmit={(input) => update.mutate(input)}>
      <ProductFields form={form} />
      <SubmitRow form={form} loading={update.isPending}>
        Save product
      </SubmitRow>
    </SchemaForm>
  );
}

function ProductFields<Output>({ form }: { form: ZodForm<ProductFormValues, Output> }) {
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput label="SKU" required {...form.register('sku')} error={form.messageOf('sku')} />
        <TextInput label="Name" required {...form.register('name')} error={form.messageOf('name')} />
      </SimpleGrid>
      <Textarea label="Description" autosize minRows={2} {...form.register('description')} error={form.messageOf('description')} />
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <SelectField
          form={form}
          name="commodityCode"
          label="Commodity"
          clearable
          data={masters.data?.commodities.map((c) => ({ value: c.code, label: c.name })) ?? []}
        />
        <SelectField
          form={form}
          name="unit"
          label="Unit"
          required
          allowDeselect={false}
          data={masters.data?.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })) ?? []}
        />
        <SelectField
          form={form}
          name="hsnCode"
          label="HSN code"
          clearable
          searchable
          data={
            masters.data?.hsnCodes.map((h) => ({ value: h.code, label: `${h.code} · GST ${Number(h.gstRate)}% · ${h.description}` })) ?? []
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <TextInput label="Price per unit" required inputMode="decimal" {...form.register('price')} error={form.messageOf('price')} />
        <TextInput label="Currency" required {...form.register('currency')} error={form.messageOf('currency')} />
        <TextInput
          label="Minimum order"
          inputMode="decimal"
          {...form.register('minOrderQuantity')}
          error={form.messageOf('minOrderQuantity')}
        />
      </SimpleGrid>
      <Checkbox label="Active (visible to linked buyers)" {...form.register('active')} />
    </>
  );
}
