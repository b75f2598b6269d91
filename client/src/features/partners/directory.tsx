import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { STATUS_COLORS } from './link-status.ts';
import { RequestLinkForm } from './request-link-form.tsx';

type DirectoryCompany = RouterOutputs['partners']['directory']['items'][number];

interface DirectoryFilters {
  search: string;
  location: string;
  role: string | null;
  commodity: string | null;
}

/** Listed companies to link with, filtered by name, place, role and commodity. */
export function Directory({ canRequest }: { canRequest: boolean }) {
  const [filters, setFilters] = useState<DirectoryFilters>({ search: '', location: '', role: 'supplier', commodity: null });
  const [debounced] = useDebouncedValue({ search: filters.search.trim(), location: filters.location.trim() }, 300);
  const [requesting, setRequesting] = useState<{ id: string; name: string } | null>(null);
  const directory = trpc.partners.directory.useInfiniteQuery(
    {
      search: debounced.search || undefined,
      location: debounced.location || undefined,
      role: (filters.role as 'buyer' | 'supplier' | null) ?? undefined,
      commodity: filters.commodity ?? undefined,
      limit: 20,
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = directory.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg">
      <DirectoryFilterBar filters={filters} onChange={setFilters} />
      <QueryView query={{ ...directory, data: rows }} isEmpty={(items) => items.length === 0} empty="No listed company matches.">
        {(items) => (
          <Stack>
            <DataTable headers={['Company', 'Where', 'Trades as', 'Verification', '']}>
              {items.map((company) => (
                <DirectoryRow key={company.id} company={company} canRequest={canRequest} onRequest={() => setRequesting(company)} />
              ))}
            </DataTable>
            {directory.hasNextPage && (
              <Button variant="light" onClick={() => directory.fetchNextPage()} loading={directory.isFetchingNextPage}>
                More companies
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
      <Modal opened={requesting !== null} onClose={() => setRequesting(null)} title={`Link with ${requesting?.name ?? ''} as their buyer`}>
        {requesting && <RequestLinkForm supplier={requesting} onDone={() => setRequesting(null)} />}
      </Modal>
    </Paper>
  );
}

function DirectoryFilterBar({ filters, onChange }: { filters: DirectoryFilters; onChange: (filters: DirectoryFilters) => void }) {
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const set = <K extends keyof DirectoryFilters>(key: K, value: DirectoryFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <Group mb="sm">
      <TextInput label="Name" placeholder="e.g. spinning" value={filters.search} onChange={(e) => set('search', e.currentTarget.value)} />
      <TextInput
        label="City or state"
        placeholder="e.g. Surat"
        value={filters.location}
        onChange={(e) => set('location', e.currentTarget.value)}
      />
      <Select
        label="Who"
        data={[
          { value: 'supplier', label: 'Suppliers' },
          { value: 'buyer', label: 'Buyers' },
        ]}
        clearable
        placeholder="Everyone"
        value={filters.role}
        onChange={(value) => set('role', value)}
      />
      <Select
        label="Sells"
        data={masters.data?.commodities.map((c) => ({ value: c.code, label: c.name })) ?? []}
        clearable
        placeholder="Any commodity"
        value={filters.commodity}
        onChange={(value) => set('commodity', value)}
      />
    </Group>
  );
}

function DirectoryRow({ company, canRequest, onRequest }: { company: DirectoryCompany; canRequest: boolean; onRequest: () => void }) {
  const linked = company.linkAsBuyer === 'accepted' || company.linkAsBuyer === 'pending' || company.linkAsBuyer === 'blocked';
  return (
    <Table.Tr data-testid={`directory-${company.name}`}>
      <Table.Td>{company.name}</Table.Td>
      <Table.Td>{[company.cities, company.country].filter(Boolean).join(', ')}</Table.Td>
      <Table.Td>{[company.isBuyer && 'buyer', company.isSupplier && 'supplier'].filter(Boolean).join(' & ')}</Table.Td>
      <Table.Td>
        <Badge miw="max-content" variant="light" color={company.verificationStatus === 'verified' ? 'teal' : 'gray'}>
          {company.verificationStatus}
        </Badge>
      </Table.Td>
      <Table.Td>
        {linked ? (
          <Badge miw="max-content" color={STATUS_COLORS[company.linkAsBuyer ?? '']}>
            {company.linkAsBuyer === 'accepted' ? 'linked' : company.linkAsBuyer}
          </Badge>
        ) : (
          canRequest &&
          company.isSupplier && (
            <Button size="xs" onClick={onRequest}>
              Request link
            </Button>
          )
        )}
      </Table.Td>
    </Table.Tr>
  );
}
