import { Button, Checkbox, Group, Modal, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { newOrderUrl, type Pick } from '../orders/order-prefill.ts';
import { ProductFiles } from './product-files.tsx';
import { ProductTable } from './product-table.tsx';

/** A linked supplier's catalog, as this buyer sees it; picked products start a new purchase order. */
export function SupplierCatalogPage() {
  const { supplierId = '' } = useParams();
  const canOrder = useCan()('orders:write');
  // Picked products and their quantities, in the order they were picked.
  const [picks, setPicks] = useState<Pick[]>([]);
  const pickOf = (productId: string) => picks.find((pick) => pick.productId === productId);
  const toggle = (product: { id: string; minOrderQuantity: string }, picked: boolean) =>
    setPicks((current) =>
      picked
        ? [
            ...current,
            { productId: product.id, quantity: Number(product.minOrderQuantity) > 0 ? String(Number(product.minOrderQuantity)) : '1' },
          ]
        : current.filter((pick) => pick.productId !== product.id),
    );
  const setQuantity = (productId: string, quantity: string) =>
    setPicks((current) => current.map((pick) => (pick.productId === productId ? { ...pick, quantity } : pick)));
  const [search, setSearch] = useState('');
  const [commodity, setCommodity] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [filesOf, setFilesOf] = useState<{ id: string; name: string } | null>(null);
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const catalog = trpc.catalog.browse.useInfiniteQuery(
    { supplierId, search: debounced || undefined, commodityCode: commodity ?? undefined, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, retry: false },
  );
  const supplierName = catalog.data?.pages[0]?.supplierName;
  const rows = catalog.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Partners', to: '/partners' }, { label: supplierName ? `${supplierName} — catalog` : 'Catalog' }]} />
      <PageHeader
        title={supplierName ? `${supplierName} — catalog` : 'Supplier catalog'}
        description="Active products of a supplier you are linked with."
        actions={
          canOrder && (
            <Button component={Link} to={newOrderUrl(supplierId, picks)} disabled={picks.length === 0}>
              {picks.length ? `New order (${picks.length} ${picks.length === 1 ? 'product' : 'products'})` : 'New order'}
            </Button>
          )
        }
      />
      <Group>
        <TextInput
          placeholder="Search products"
          aria-label="Search catalog"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
        <Select
          placeholder="All commodities"
          clearable
          data={masters.data?.commodities.map((c) => ({ value: c.code, label: c.name })) ?? []}
          value={commodity}
          onChange={setCommodity}
        />
      </Group>
      <Paper withBorder p="lg">
        <QueryView
          query={{ ...catalog, data: rows }}
          notFound={{ title: 'Catalog not found', to: '/partners', label: 'Back to partners' }}
          isEmpty={(items) => items.length === 0}
          empty={debounced || commodity ? 'No product matches.' : 'This supplier has no active products yet.'}
        >
          {(items) => (
            <Stack>
              <ProductTable
                products={items}
                actions={(product) => {
                  const pick = pickOf(product.id);
                  return (
                    <Group gap="xs" wrap="nowrap">
                      {canOrder && (
                        <Checkbox
                          aria-label={`Order ${product.sku}`}
                          checked={pick !== undefined}
                          onChange={(e) => toggle(product, e.currentTarget.checked)}
                        />
                      )}
                      {pick && (
                        <TextInput
                          aria-label={`Quantity of ${product.sku}`}
                          inputMode="decimal"
                          size="xs"
                          w={90}
                          value={pick.quantity}
                          onChange={(e) => setQuantity(product.id, e.currentTarget.value)}
                          rightSection={product.unit}
                          rightSectionWidth={36}
                        />
                      )}
                      <Button size="xs" variant="subtle" onClick={() => setFilesOf({ id: product.id, name: product.name })}>
                        Files
                      </Button>
                    </Group>
                  );
                }}
              />
              {catalog.hasNextPage && (
                <Button variant="light" onClick={() => catalog.fetchNextPage()} loading={catalog.isFetchingNextPage}>
                  More products
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
      <Modal opened={filesOf !== null} onClose={() => setFilesOf(null)} title={`Files of ${filesOf?.name ?? ''}`}>
        {filesOf && <ProductFiles productId={filesOf.id} editable={false} />}
      </Modal>
    </Stack>
  );
}
