import { Button, Group, Modal, Paper, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { AddUnclaimedForm } from './add-unclaimed-form.tsx';
import { LinkRow } from './link-row.tsx';

type View = 'linked' | 'incoming' | 'outgoing' | 'blocked';

const EMPTY: Record<View, string> = {
  linked: 'No linked partners yet. Find suppliers under “Find companies”, or add one that is not on Tradeloom.',
  incoming: 'No one is waiting for your answer.',
  outgoing: 'You have no requests waiting.',
  blocked: 'Nobody is blocked.',
};

/** One tab of links: searchable, paged, with the actions each link allows. */
export function LinkList({ view }: { view: View }) {
  const can = useCan();
  const [adding, add] = useDisclosure();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const filters = { view, search: debounced || undefined };
  const links = trpc.partners.list.useInfiniteQuery(
    { ...filters, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = links.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <TextInput
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Search partners"
        />
        <ExportCsvButton list="partners" filters={filters} />
        {view === 'linked' && can('partners:request') && (
          <Button variant="light" onClick={add.open}>
            Add a company not on Tradeloom
          </Button>
        )}
      </Group>
      <QueryView query={{ ...links, data: rows }} isEmpty={(items) => items.length === 0} empty={EMPTY[view]}>
        {(items) => (
          <Stack>
            <DataTable headers={['Company', 'They are', 'Status', 'Message', 'Updated', '']}>
              {items.map((link) => (
                <LinkRow key={link.id} link={link} />
              ))}
            </DataTable>
            {links.hasNextPage && (
              <Button variant="light" onClick={() => links.fetchNextPage()} loading={links.isFetchingNextPage}>
                More partners
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
      <Modal opened={adding} onClose={add.close} title="Add a company not on Tradeloom">
        <AddUnclaimedForm onDone={add.close} />
      </Modal>
    </Paper>
  );
}
