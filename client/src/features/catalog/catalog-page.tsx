import { Alert, Button, Group, Modal, Paper, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { useCan, useMe } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { CatalogImport } from './catalog-import.tsx';
import { ProductFiles } from './product-files.tsx';
import { ProductForm } from './product-form.tsx';
import { ProductTable } from './product-table.tsx';

type Product = RouterOutputs['catalog']['products']['list']['items'][number];

export function CatalogPage() {
  const me = useMe();
  const can = useCan();
  const [params] = useSearchParams();
  // Global search opens a product as /catalog?search=<SKU>.
  const [search, setSearch] = useState(params.get('search') ?? '');
  const [status, setStatus] = useState('all');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [importing, importer] = useDisclosure();
  const [filesOf, setFilesOf] = useState<Product | null>(null);
  const filters = { search: debounced || undefined, active: status === 'all' ? undefined : status === 'active' };
  const products = trpc.catalog.products.list.useInfiniteQuery(
    { ...filters, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
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
              <Button onClick={() => setEditing('new')}>Add product</Button>
            </Group>
          )
        }
      />
      <Group>
        <TextInput
          placeholder="Search SKU, name or description"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Search products"
          w={320}
        />
        <SegmentedControl
          value={status}
          onChange={setStatus}
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
                actions={(product) => (
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setFilesOf(product)}>
                      Files
                    </Button>
                    {can('catalog:write') && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing(product)}>
                        Edit
                      </Button>
                    )}
                  </Group>
                )}
              />
              {products.hasNextPage && (
                <Button variant="light" onClick={() => products.fetchNextPage()} loading={products.isFetchingNextPage}>
                  More products
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add product' : 'Edit product'}
        size="xl"
      >
        {editing !== null && (
          <ProductForm
            product={editing === 'new' ? undefined : editing}
            currency={company?.baseCurrency ?? 'INR'}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal opened={filesOf !== null} onClose={() => setFilesOf(null)} title={`Files of ${filesOf?.name ?? ''}`} size="lg">
        {filesOf && <ProductFiles productId={filesOf.id} editable={can('catalog:write')} />}
      </Modal>
      <Modal opened={importing} onClose={importer.close} title="Import products from CSV" size="xl">
        <CatalogImport onDone={importer.close} />
      </Modal>
    </Stack>
  );
}
