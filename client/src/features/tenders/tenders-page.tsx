import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { TENDER_STATUS_LABELS, TENDER_STATUSES, type TenderStatus } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { closesIn, TenderStatusBadge, useNow } from './tender-status.tsx';

/** The buyer's tenders, newest first: filter and search live in the address like the orders list. */
export function TendersPage() {
  const can = useCan();
  const { get, set } = useListParams();
  const now = useNow();
  const status = TENDER_STATUSES.find((s) => s === get('status'));
  const [search] = useDebouncedValue(get('q').trim(), 300);
  const filters = { status, search: search || undefined };
  const tenders = trpc.sourcing.tenders.list.useInfiniteQuery(
    { ...filters, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(tenders, Number(get('pages')) || 1);
  const rows = tenders.data?.pages.flatMap((page) => page.items);
  const loaded = tenders.data?.pages.length ?? 1;
  const filtered = Boolean(filters.status || filters.search);
  const newTender = can('sourcing:write') && (
    <Button component={Link} to="/tenders/new">
      New tender
    </Button>
  );
  return (
    <Stack>
      <PageHeader
        title="Tenders"
        description="Ask several suppliers for sealed quotes on the same items, compare them side by side after the deadline and award orders."
        actions={newTender}
      />
      <Paper withBorder p="lg">
        <Group mb="sm" align="flex-end">
          <TextInput
            label="Search"
            placeholder="Number or title"
            value={get('q')}
            onChange={(e) => set({ q: e.currentTarget.value })}
            w={260}
            maw="100%"
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={TENDER_STATUSES.map((s) => ({ value: s, label: TENDER_STATUS_LABELS[s] }))}
            value={status ?? null}
            onChange={(value) => set({ status: value })}
            w={200}
            maw="100%"
          />
          <ExportCsvButton list="tenders" filters={filters} />
        </Group>
        <QueryView
          query={{ ...tenders, data: rows }}
          isEmpty={(items) => filtered && items.length === 0}
          empty="No tenders match these filters."
        >
          {(items) =>
            items.length === 0 ? (
              <EmptyTenders action={newTender} />
            ) : (
              <Stack>
                <DataTable
                  highlightOnHover
                  headers={[
                    'Number',
                    'Title',
                    'Status',
                    'Closes',
                    { label: 'Items', numeric: true },
                    { label: 'Invited', numeric: true },
                    { label: 'Quotes in', numeric: true },
                  ]}
                >
                  {items.map((tender) => (
                    <LinkRow key={tender.id} data-testid={`tender-${tender.number}`}>
                      <Table.Td>
                        <RowLink to={`/tenders/${tender.id}`} monospace>
                          {tender.number}
                        </RowLink>
                      </Table.Td>
                      <Table.Td miw={180}>{tender.title}</Table.Td>
                      <Table.Td>
                        <TenderStatusBadge status={tender.status as TenderStatus} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(tender.closesAt)}
                        {tender.status === 'open' && (
                          <Text size="xs" c="dimmed">
                            {closesIn(tender.closesAt, now)}
                          </Text>
                        )}
                      </Table.Td>
                      <NumberCell>{tender.itemCount}</NumberCell>
                      <NumberCell>{tender.invitedCount}</NumberCell>
                      <NumberCell>{tender.status === 'draft' ? '—' : tender.quoteCount}</NumberCell>
                    </LinkRow>
                  ))}
                </DataTable>
                {tenders.hasNextPage && (
                  <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={tenders.isFetchingNextPage}>
                    More tenders
                  </Button>
                )}
              </Stack>
            )
          }
        </QueryView>
      </Paper>
    </Stack>
  );
}

/** What a tender is, for a company that has none yet. */
function EmptyTenders({ action }: { action: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center" data-testid="tenders-empty">
      <Title order={4}>No tenders yet</Title>
      <Text size="sm" maw={520}>
        A tender asks several suppliers at once to quote for your items by a closing time. Quotes stay sealed until then; afterwards you
        compare price, lead time and terms side by side and award the items, which become purchase orders.
      </Text>
      {action}
    </Stack>
  );
}
