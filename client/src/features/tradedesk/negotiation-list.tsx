import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  formatTradePrice,
  formatTradeQuantity,
  NEGOTIATION_STATUS_LABELS,
  NEGOTIATION_STATUSES,
  type NegotiationStatus,
} from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { oneOfOrNone } from './desk-filters.ts';

type Negotiation = RouterOutputs['tradedesk']['negotiations']['list']['items'][number];

const negotiationPath = (id: string) => `/negotiations/${id}`;
const STATUS_OPTIONS = NEGOTIATION_STATUSES.map((status) => ({ value: status, label: NEGOTIATION_STATUS_LABELS[status] }));
const STATUS_COLORS: Record<NegotiationStatus, string> = {
  open: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'gray',
  cancelled: 'gray',
};

/** Negotiations on my offers and those I opened on others', the ones waiting for me marked. */
export function NegotiationList() {
  const { get, set } = useListParams();
  const narrow = useMediaQuery('(max-width: 48em)');
  const status = oneOfOrNone(get('negotiationStatus'), NEGOTIATION_STATUSES);
  const negotiations = trpc.tradedesk.negotiations.list.useInfiniteQuery(
    { status, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(negotiations, Number(get('pages')) || 1);
  const rows = negotiations.data?.pages.flatMap((page) => page.items);
  const loaded = negotiations.data?.pages.length ?? 1;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <Stack>
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={STATUS_OPTIONS}
          value={status ?? null}
          onChange={(value) => set({ negotiationStatus: value })}
          w={200}
          maw="100%"
        />
        <QueryView
          query={{ ...negotiations, data: rows }}
          isEmpty={(items) => items.length === 0}
          empty={
            status
              ? 'No negotiations with this status.'
              : 'No negotiations yet: open one from an offer on the desk, or wait for one on yours.'
          }
        >
          {(items) => (
            <Stack data-testid="negotiations">
              {narrow ? (
                items.map((negotiation) => <NegotiationCard key={negotiation.id} negotiation={negotiation} />)
              ) : (
                <DataTable highlightOnHover headers={['Offer', 'Commodity', 'With', 'Latest terms', 'Status', 'Expires']}>
                  {items.map((negotiation) => (
                    <LinkRow key={negotiation.id} data-testid={`negotiation-${negotiation.offerNumber}`}>
                      <Table.Td>
                        <RowLink to={negotiationPath(negotiation.id)} monospace>
                          {negotiation.offerNumber}
                        </RowLink>
                        <Text size="xs" c="dimmed">
                          {negotiation.myRole === 'owner' ? 'on my offer' : 'on their offer'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{negotiation.commodityName}</Table.Td>
                      <Table.Td>{negotiation.counterparty.name}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <LatestTerms negotiation={negotiation} />
                      </Table.Td>
                      <Table.Td>
                        <StatusAndTurn negotiation={negotiation} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {negotiation.status === 'open' ? formatDateTime(negotiation.expiresAt) : '—'}
                      </Table.Td>
                    </LinkRow>
                  ))}
                </DataTable>
              )}
              {negotiations.hasNextPage && (
                <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={negotiations.isFetchingNextPage}>
                  More negotiations
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Paper>
  );
}

function LatestTerms({ negotiation }: { negotiation: Negotiation }) {
  const terms = negotiation.latestTerms;
  return (
    <Stack gap={0}>
      <Text size="sm">{formatTradePrice(terms.price, terms.currency, terms.priceUnit)}</Text>
      <Text size="xs" c="dimmed">
        {formatTradeQuantity(terms.quantity, terms.unit)} · version {negotiation.currentVersion}
      </Text>
    </Stack>
  );
}

function StatusAndTurn({ negotiation }: { negotiation: Negotiation }) {
  return (
    <Group gap={4}>
      <Badge variant="light" color={STATUS_COLORS[negotiation.status]} miw="max-content">
        {NEGOTIATION_STATUS_LABELS[negotiation.status]}
      </Badge>
      {negotiation.status === 'open' && negotiation.yourTurn && (
        <Badge color="orange" miw="max-content" data-testid="your-turn">
          Your turn
        </Badge>
      )}
    </Group>
  );
}

function NegotiationCard({ negotiation }: { negotiation: Negotiation }) {
  return (
    <Paper withBorder p="sm" data-testid={`negotiation-${negotiation.offerNumber}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={negotiationPath(negotiation.id)} ff="monospace" size="sm" fw={500}>
            {negotiation.offerNumber}
          </Anchor>
          <StatusAndTurn negotiation={negotiation} />
        </Group>
        <Text size="sm">
          {negotiation.commodityName} · with {negotiation.counterparty.name}
        </Text>
        <LatestTerms negotiation={negotiation} />
      </Stack>
    </Paper>
  );
}
