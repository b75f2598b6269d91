import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { formatNumber, LOT_STATUSES } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { LOT_STATUS_OPTIONS, LotStatusBadge } from './desk-badges.tsx';
import { oneOfOrNone } from './desk-filters.ts';
import { formatPlace, keyResults } from './desk-format.ts';

type Lot = RouterOutputs['tradedesk']['lots']['list']['items'][number];
export const lotPath = (lotId: string) => `/lots/${lotId}`;

/** The company's tested lots, newest first; status and search live in the address. */
export function LotsPage() {
  const can = useCan();
  const { get, set } = useListParams();
  const narrow = useMediaQuery('(max-width: 48em)');
  const status = oneOfOrNone(get('status'), LOT_STATUSES);
  const [q] = useDebouncedValue(get('q').trim(), 300);
  const lots = trpc.tradedesk.lots.list.useInfiniteQuery(
    { status, q: q || undefined, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(lots, Number(get('pages')) || 1);
  const rows = lots.data?.pages.flatMap((page) => page.items);
  const loaded = lots.data?.pages.length ?? 1;
  const newLot = can('tradedesk:write') && (
    <Button component={Link} to="/lots/new">
      New lot
    </Button>
  );
  return (
    <Stack>
      <PageHeader
        title="Lots"
        description="Your tested cotton lots with their HVI results: offer one on the desk in a click."
        actions={newLot}
      />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Group mb="sm" align="flex-end">
          <TextInput
            label="Search"
            placeholder="Number, variety or place"
            value={get('q')}
            onChange={(e) => set({ q: e.currentTarget.value })}
            w={260}
            maw="100%"
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={LOT_STATUS_OPTIONS}
            value={status ?? null}
            onChange={(value) => set({ status: value })}
            w={200}
            maw="100%"
          />
        </Group>
        <QueryView
          query={{ ...lots, data: rows }}
          isEmpty={(items) => Boolean(status || q) && items.length === 0}
          empty="No lots match these filters."
        >
          {(items) =>
            items.length === 0 ? (
              <EmptyLots action={newLot} />
            ) : (
              <Stack data-testid="lots">
                {narrow ? items.map((lot) => <LotCard key={lot.id} lot={lot} />) : <LotTable lots={items} />}
                {lots.hasNextPage && (
                  <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={lots.isFetchingNextPage}>
                    More lots
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

function LotTable({ lots }: { lots: Lot[] }) {
  return (
    <DataTable
      highlightOnHover
      headers={[
        'Number',
        'Variety',
        { label: 'Bales', numeric: true },
        { label: 'Net weight', numeric: true },
        'Results',
        'Place',
        'Crop',
        'Status',
      ]}
    >
      {lots.map((lot) => (
        <LinkRow key={lot.id} data-testid={`lot-${lot.number}`}>
          <Table.Td>
            <RowLink to={lotPath(lot.id)} monospace>
              {lot.number}
            </RowLink>
          </Table.Td>
          <Table.Td>{lot.varietyName ?? lot.commodityName}</Table.Td>
          <Table.Td ta="right">{formatNumber(lot.bales)}</Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
            {formatNumber(lot.netWeightKg)} kg
          </Table.Td>
          <Table.Td miw={160}>{keyResults(lot.quality.values) || '—'}</Table.Td>
          <Table.Td>{formatPlace(lot.city, lot.stateCode, lot.warehouse)}</Table.Td>
          <Table.Td>{lot.cropYear}</Table.Td>
          <Table.Td>
            <LotStatusBadge status={lot.status} />
          </Table.Td>
        </LinkRow>
      ))}
    </DataTable>
  );
}

function LotCard({ lot }: { lot: Lot }) {
  return (
    <Paper withBorder p="sm" data-testid={`lot-${lot.number}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={lotPath(lot.id)} ff="monospace" size="sm" fw={500}>
            {lot.number}
          </Anchor>
          <LotStatusBadge status={lot.status} />
        </Group>
        <Text size="sm">
          {lot.varietyName ?? lot.commodityName} · {formatNumber(lot.bales)} bales · {formatNumber(lot.netWeightKg)} kg
        </Text>
        <Text size="xs" c="dimmed">
          {keyResults(lot.quality.values) || 'No results yet'}
        </Text>
        <Text size="xs">
          {formatPlace(lot.city, lot.stateCode, lot.warehouse)} · crop {lot.cropYear}
        </Text>
      </Stack>
    </Paper>
  );
}

function EmptyLots({ action }: { action: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center" data-testid="lots-empty">
      <Title order={4}>No lots yet</Title>
      <Text size="sm" maw={520}>
        A lot is a batch of bales with its lab results (staple, micronaire, strength …) and test report. Buyers trust an offer of a tested
        lot; add one and offer it on the desk.
      </Text>
      {action}
    </Stack>
  );
}
