import { Anchor, Button, Group, Modal, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { ProductFiles } from './product-files.tsx';
import { ProductTable } from './product-table.tsx';

/** A linked supplier's catalog, as this buyer sees it. */
export function SupplierCatalogPage() {
  const { supplierId = '' } = useParams();
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
      <PageHeader
        title={supplierName ? `${supplierName} — catalog` : 'Supplier catalog'}
        description={
          <>
            Active products of a supplier you are linked with.{' '}
            <Anchor component={Link} to="/partners">
              Back to partners
            </Anchor>
          </>
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
                actions={(product) => (
                  <Button size="xs" variant="subtle" onClick={() => setFilesOf({ id: product.id, name: product.name })}>
                    Files
                  </Button>
                )}
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
