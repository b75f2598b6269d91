import { Paper, Select, Stack, Table, Text } from '@mantine/core';
import { DISPUTE_REASON_LABELS, DISPUTE_STATUS_LABELS, DISPUTE_STATUSES, type DisputeSummary, formatMoney } from '@tradeloom/shared';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, LoadMore, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { trpc } from '../../lib/trpc.ts';
import { DisputeStatusBadge } from './dispute-badges.tsx';

/** Disputes on the company's invoices and contracts, raised by it or by its partners, newest first. */
export function DisputesPage() {
  const { get, set } = useListParams();
  const status = DISPUTE_STATUSES.find((s) => s === get('status'));
  const disputes = trpc.finance.disputes.list.useInfiniteQuery(
    { status, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = disputes.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <PageHeader
        title="Disputes"
        description="Amounts you or your partners question on an invoice or contract. The other side responds; the supplier resolves each into a credit or debit note, or without change."
      />
      <Paper withBorder p="lg">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={DISPUTE_STATUSES.map((s) => ({ value: s, label: DISPUTE_STATUS_LABELS[s] }))}
          value={status ?? null}
          onChange={(value) => set({ status: value })}
          w={200}
          maw="100%"
          mb="sm"
        />
        <QueryView
          query={{ ...disputes, data: rows }}
          isEmpty={(items) => items.length === 0}
          empty={
            status
              ? `No ${DISPUTE_STATUS_LABELS[status].toLowerCase()} disputes.`
              : 'No disputes yet. Raise one from an invoice when an amount on it is wrong.'
          }
        >
          {(items) => (
            <Stack>
              <DisputeTable items={items} />
              <LoadMore list={disputes} />
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}

export function DisputeTable({ items }: { items: DisputeSummary[] }) {
  return (
    <DataTable
      minWidth={820}
      highlightOnHover
      headers={['Number', 'Document', 'Partner', 'Reason', 'Raised', 'Status', { label: 'Amount', numeric: true }]}
    >
      {items.map((dispute) => (
        <LinkRow key={dispute.id}>
          <Table.Td>
            <RowLink to={`/disputes/${dispute.id}`} monospace>
              {dispute.number}
            </RowLink>
          </Table.Td>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {dispute.invoiceNumber ?? (dispute.contractId ? 'Contract' : '—')}
            </Text>
          </Table.Td>
          <Table.Td>{dispute.side === 'supplier' ? dispute.buyer.name : dispute.supplier.name}</Table.Td>
          <Table.Td>{DISPUTE_REASON_LABELS[dispute.reason]}</Table.Td>
          <Table.Td>
            <Text size="sm">{dispute.raisedByUs ? 'By us' : 'By partner'}</Text>
            <Text size="xs" c="dimmed">
              {formatDate(dispute.createdAt)}
            </Text>
          </Table.Td>
          <Table.Td>
            <DisputeStatusBadge status={dispute.status} />
          </Table.Td>
          <NumberCell>{formatMoney(dispute.amount, dispute.currency)}</NumberCell>
        </LinkRow>
      ))}
    </DataTable>
  );
}
