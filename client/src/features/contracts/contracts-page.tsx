import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUSES, formatMoney, formatTradePrice, formatTradeQuantity } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { oneOf, useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { trpc } from '../../lib/trpc.ts';
import { ContractStatusBadge } from './contract-status.tsx';

const ROLES = ['all', 'sales', 'purchases'] as const;

/** The company's contracts from trade desk deals: its sales (SC-) and purchases (PC-), newest first. */
export function ContractsPage() {
  const { get, set } = useListParams();
  const role = oneOf(get('role'), ROLES, 'all');
  const status = CONTRACT_STATUSES.find((s) => s === get('status'));
  const [search] = useDebouncedValue(get('q').trim(), 300);
  const filtered = Boolean(status || search || role !== 'all');
  const contracts = trpc.contracts.list.useInfiniteQuery(
    { role, status, q: search || undefined, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(contracts, Number(get('pages')) || 1);
  const rows = contracts.data?.pages.flatMap((page) => page.items);
  const loaded = contracts.data?.pages.length ?? 1;
  return (
    <Stack>
      <PageHeader
        title="Contracts"
        description="Deals closed on the trade desk. Each side keeps its own number: SC- for what you sell, PC- for what you buy."
      />
      <Paper withBorder p="lg">
        <Group mb="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Sales or purchases"
            data={[
              { value: 'all', label: 'All' },
              { value: 'sales', label: 'Sales' },
              { value: 'purchases', label: 'Purchases' },
            ]}
            value={role}
            onChange={(value) => set({ role: value === 'all' ? null : value })}
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s] }))}
            value={status ?? null}
            onChange={(value) => set({ status: value })}
            w={180}
            maw="100%"
          />
          <TextInput
            label="Search"
            placeholder="Number, counterparty or commodity"
            value={get('q')}
            onChange={(e) => set({ q: e.currentTarget.value })}
            w={280}
            maw="100%"
          />
        </Group>
        <QueryView
          query={{ ...contracts, data: rows }}
          isEmpty={(items) => filtered && items.length === 0}
          empty="No contracts match these filters."
        >
          {(items) =>
            items.length === 0 ? (
              <EmptyContracts />
            ) : (
              <Stack>
                <DataTable
                  highlightOnHover
                  minWidth={760}
                  headers={[
                    'Number',
                    'Counterparty',
                    'Commodity',
                    { label: 'Quantity', numeric: true },
                    'Price',
                    { label: 'Value', numeric: true },
                    'Status',
                    'Signed',
                  ]}
                >
                  {items.map((contract) => (
                    <LinkRow key={contract.id} data-testid={`contract-${contract.number}`}>
                      <Table.Td>
                        <RowLink to={`/contracts/${contract.id}`} monospace>
                          {contract.number}
                        </RowLink>
                        <Badge size="xs" variant="light" color={contract.role === 'seller' ? 'teal' : 'indigo'} ml={6}>
                          {contract.role === 'seller' ? 'Sale' : 'Purchase'}
                        </Badge>
                      </Table.Td>
                      <Table.Td miw={160}>{contract.counterparty.name}</Table.Td>
                      <Table.Td>
                        {contract.commodityName}
                        {contract.varietyName ? ` · ${contract.varietyName}` : ''}
                      </Table.Td>
                      <NumberCell>{formatTradeQuantity(contract.quantity, contract.unit)}</NumberCell>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatTradePrice(contract.price, contract.currency, contract.priceUnit)}
                      </Table.Td>
                      <NumberCell>{formatMoney(contract.value, contract.currency)}</NumberCell>
                      <Table.Td>
                        <ContractStatusBadge status={contract.status} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(contract.signedAt)}</Table.Td>
                    </LinkRow>
                  ))}
                </DataTable>
                {contracts.hasNextPage && (
                  <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={contracts.isFetchingNextPage}>
                    More contracts
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

function EmptyContracts() {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center" data-testid="contracts-empty">
      <Title order={4}>No contracts yet</Title>
      <Text size="sm" maw={520}>
        A contract is made when one side accepts the other’s terms in a negotiation on the trade desk. Both sides see it here, each under
        its own number.
      </Text>
      <Button component={Link} to="/desk" variant="light">
        Go to the desk
      </Button>
    </Stack>
  );
}
