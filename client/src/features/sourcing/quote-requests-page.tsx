import { Badge, Button, Paper, SegmentedControl, Stack, Table } from '@mantine/core';
import type { InvitationRow } from '@tradeloom/shared';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { oneOf, useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { trpc } from '../../lib/trpc.ts';
import { TenderStatusBadge } from '../tenders/tender-status.tsx';
import { ClosingTime } from './closing-time.tsx';

const FILTERS = ['open', 'closed', 'all'] as const;
const FILTER_LABELS = { open: 'Open', closed: 'Closed', all: 'All' } as const;
const EMPTY = {
  open: 'No open quote requests. When a buyer invites your company to quote, the request appears here.',
  closed: 'No closed quote requests yet.',
  all: 'No quote requests yet. When a buyer invites your company to quote, the request appears here.',
} as const;

type MyState = 'invited' | 'draft' | 'quoted' | 'declined' | 'withdrawn';
const STATE_LABELS: Record<MyState, string> = {
  invited: 'invited',
  draft: 'draft saved',
  quoted: 'quoted',
  declined: 'declined',
  withdrawn: 'withdrawn',
};
const STATE_COLORS: Record<MyState, string> = { invited: 'blue', draft: 'yellow', quoted: 'teal', declined: 'gray', withdrawn: 'gray' };

/** Where the supplier stands on a request; a private draft counts only while nothing is submitted. */
export function myState(row: Pick<InvitationRow, 'state' | 'hasDraft'>): MyState {
  return row.state === 'invited' && row.hasDraft ? 'draft' : row.state;
}

export function MyStateBadge({ state }: { state: MyState }) {
  return (
    <Badge miw="max-content" variant="light" color={STATE_COLORS[state]}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

/** The supplier's inbox: tenders buyers invited this company to quote on. */
export function QuoteRequestsPage() {
  const { get, set } = useListParams();
  const status = oneOf(get('status'), FILTERS, 'open');
  const invitations = trpc.sourcing.invitations.list.useInfiniteQuery(
    { status, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(invitations, Number(get('pages')) || 1);
  const rows = invitations.data?.pages.flatMap((page) => page.items);
  const loaded = invitations.data?.pages.length ?? 1;
  return (
    <Stack>
      <PageHeader
        title="Quote requests"
        description="Buyers asking your company for prices. Your quote stays sealed from the buyer until the request closes."
      />
      <SegmentedControl
        aria-label="Show"
        w="fit-content"
        value={status}
        onChange={(value) => set({ status: value === 'open' ? null : value })}
        data={FILTERS.map((value) => ({ value, label: FILTER_LABELS[value] }))}
      />
      <Paper withBorder p="lg">
        <QueryView query={{ ...invitations, data: rows }} isEmpty={(items) => items.length === 0} empty={EMPTY[status]}>
          {(items) => (
            <Stack>
              <DataTable highlightOnHover headers={['RFQ', 'Title', 'Buyer', 'Closes', 'Items', 'Your state']} minWidth={760}>
                {items.map((row) => (
                  <LinkRow key={row.tenderId} data-testid={`quote-request-${row.number}`}>
                    <Table.Td>
                      <RowLink to={`/quote-requests/${row.tenderId}`} monospace>
                        {row.number}
                      </RowLink>
                    </Table.Td>
                    <Table.Td>{row.title}</Table.Td>
                    <Table.Td>{row.buyerName}</Table.Td>
                    <Table.Td>
                      <ClosingTime closesAt={row.closesAt} open={row.status === 'open'} />
                      {row.status !== 'open' && <TenderStatusBadge status={row.status} />}
                    </Table.Td>
                    <Table.Td>{row.itemCount}</Table.Td>
                    <Table.Td>
                      <MyStateBadge state={myState(row)} />
                    </Table.Td>
                  </LinkRow>
                ))}
              </DataTable>
              {invitations.hasNextPage && (
                <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={invitations.isFetchingNextPage}>
                  More quote requests
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
