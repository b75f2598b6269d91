import { Button, Group, Modal, Paper, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { PARTNER_SORT_KEYS } from '@tradeloom/shared';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { useListParams, usePagesFromAddress, useSortParams } from '../../lib/list-params.ts';
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

/** Newest link first until the company heading is chosen. */
const SORT_FALLBACK = { key: 'created', direction: 'desc' } as const;

/**
 * One tab of links: searchable, sortable by name, paged, with the actions each link allows. The
 * search, sort and pages shown live in the address (global search links /partners?search=<name>).
 */
export function LinkList({ view }: { view: View }) {
  const can = useCan();
  const [adding, add] = useDisclosure();
  const { get, set } = useListParams();
  const sort = useSortParams(PARTNER_SORT_KEYS, SORT_FALLBACK);
  const [debounced] = useDebouncedValue(get('search').trim(), 300);
  const filters = { view, search: debounced || undefined, sort: sort.key, sortDirection: sort.direction };
  const links = trpc.partners.list.useInfiniteQuery(
    { ...filters, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(links, Number(get('pages')) || 1);
  const rows = links.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <TextInput
          placeholder="Search by name"
          value={get('search')}
          onChange={(e) => set({ search: e.currentTarget.value })}
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
            <DataTable sort={sort} headers={[{ label: 'Company', sort: 'name' }, 'They are', 'Status', 'Message', 'Updated', '']}>
              {items.map((link) => (
                <LinkRow key={link.id} link={link} />
              ))}
            </DataTable>
            {links.hasNextPage && (
              <Button
                variant="light"
                onClick={() => set({ pages: String((links.data?.pages.length ?? 1) + 1) })}
                loading={links.isFetchingNextPage}
              >
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
