import { Alert, Button, Group, Modal, Paper, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { PRODUCT_SORT_KEYS } from '@tradeloom/shared';
import { useState } from 'react';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { oneOf, useListParams, usePagesFromAddress, useSortParams } from '../../lib/list-params.ts';
import { useCan, useMe } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { CatalogImport } from './catalog-import.tsx';
import { ProductFiles } from './product-files.tsx';
import { ProductForm } from './product-form.tsx';
import { ProductTable } from './product-table.tsx';

type Product = RouterOutputs['catalog']['products']['list']['items'][number];

const SORT_FALLBACK = { key: 'name', direction: 'asc' } as const;

export function CatalogPage() {
  const me = useMe();
  const can = useCan();
  // Search, status, sort, pages shown and the open product live in the address: global search opens
  // /catalog?search=<SKU>, and /catalog?product=<id> is a link to one product's form.
  const { params, get, set } = useListParams();
  const sort = useSortParams(PRODUCT_SORT_KEYS, SORT_FALLBACK);
  const status = oneOf(get('status'), ['all', 'active', 'inactive'] as const, 'all');
  const [debounced] = useDebouncedValue(get('search').trim(), 300);
  const [adding, setAdding] = useState(false);
  const [importing, importer] = useDisclosure();
  const [filesOf, setFilesOf] = useState<Product | null>(null);
  const filters = { search: debounced || undefined, active: status === 'all' ? undefined : status === 'active' };
  const products = trpc.catalog.products.list.useInfiniteQuery(
    { ...filters, sort: sort.key, sortDirection: sort.direction, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(products, Number(get('pages')) || 1);
  const linkTo = (product: Product) => {
    const next = new URLSearchParams(params);
    next.set('product', product.id);
    return `?${next}`;
  };
  // Closing the form keeps the pages loaded: only the product leaves the address.
  const closeProduct = () => set({ product: null, pages: get('pages') });
  const company = me.data?.activeCompany;
  if (company && !company.isSupplier) {
    return (
      <Stack>
        <PageHeader title="Catalog" />
        <Alert color="blue">Your company is set up as a buyer only. Tick “We supply” in the company profile to keep a catalog.</Alert>
      </Stack>
    );
  }
  const rows = products.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <PageHeader
        title="Catalog"
        description="What you sell. Linked buyers see your active products; nobody else does."
        actions={
          can('catalog:write') && (
            <Group>
              <Button variant="default" onClick={importer.open}>
                Import CSV
              </Button>
              <Button onClick={() => setAdding(true)}>Add product</Button>
            </Group>
          )
        }
      />
      <Group>
        <TextInput
          placeholder="Search SKU, name or description"
          value={get('search')}
          onChange={(e) => set({ search: e.currentTarget.value })}
          aria-label="Search products"
          w={320}
        />
        <SegmentedControl
          value={status}
          onChange={(value) => set({ status: value === 'all' ? null : value })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'active', label: 'Active' },
            { value: 'inactive', label: 'Inactive' },
          ]}
        />
        <ExportCsvButton list="catalog" filters={filters} />
      </Group>
      <Paper withBorder p="lg">
        <QueryView
          query={{ ...products, data: rows }}
          isEmpty={(items) => items.length === 0}
          empty={debounced ? 'No product matches.' : 'No products yet. Add one or import a CSV.'}
        >
          {(items) => (
            <Stack>
              <ProductTable
                products={items}
                sort={sort}
                linkTo={linkTo}
                actions={(product) => (
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setFilesOf(product)}>
                      Files
                    </Button>
                  </Group>
                )}
              />
              {products.hasNextPage && (
                <Button
                  variant="light"
                  onClick={() => set({ pages: String((products.data?.pages.length ?? 1) + 1) })}
                  loading={products.isFetchingNextPage}
                >
                  More products
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add product" size="xl">
        {adding && <ProductForm currency={company?.baseCurrency ?? 'INR'} onDone={() => setAdding(false)} />}
      </Modal>
      <ProductDialog productId={get('product')} loaded={rows} currency={company?.baseCurrency ?? 'INR'} onClose={closeProduct} />
      <Modal opened={filesOf !== null} onClose={() => setFilesOf(null)} title={`Files of ${filesOf?.name ?? ''}`} size="lg">
        {filesOf && <ProductFiles productId={filesOf.id} editable={can('catalog:write')} />}
      </Modal>
      <Modal opened={importing} onClose={importer.close} title="Import products from CSV" size="xl">
        <CatalogImport onDone={importer.close} />
      </Modal>
    </Stack>
  );
}

/**
 * The product the address names (`?product=<id>`): its form for those who may edit it, its files for
 * those who may only read. A product not among the loaded rows is fetched by its id.
 */
function ProductDialog({
  productId,
  loaded,
  currency,
  onClose,
}: {
  productId: string;
  loaded: Product[] | undefined;
  currency: string;
  onClose: () => void;
}) {
  const can = useCan();
  const inList = loaded?.find((p) => p.id === productId);
  const fetched = trpc.catalog.products.get.useQuery({ productId }, { enabled: Boolean(productId) && loaded !== undefined && !inList });
  const product = inList ?? fetched.data;
  const editable = can('catalog:write');
  return (
    <Modal opened={Boolean(productId)} onClose={onClose} title={editable ? 'Edit product' : (product?.name ?? 'Product')} size="xl">
      {productId && (
        <QueryView
          query={{ ...fetched, data: product, isPending: !product && (loaded === undefined || fetched.isPending) }}
          notFound={{ title: 'This product is not in your catalog', to: '/catalog', label: 'Back to the catalog' }}
        >
          {(found) =>
            editable ? (
              <ProductForm product={found} currency={currency} onDone={onClose} />
            ) : (
              <ProductFiles productId={found.id} editable={false} />
            )
          }
        </QueryView>
      )}
    </Modal>
  );
}
