import { Badge, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  type ComplaintSummary,
  formatMoney,
  SLA_STATE_LABELS,
  SLA_STATES,
} from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { oneOf, useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useNow } from '../tenders/tender-status.tsx';
import { ageOf, ComplaintStatusBadge, SlaBadge } from './complaint-badges.tsx';
import { ComplaintSummaryCard } from './complaint-summary-card.tsx';

const SIDES = ['filed', 'received'] as const;

/**
 * Complaints the company filed as a buyer or received as a supplier, newest first. Filters, the
 * tab and the pages shown live in the address, like every list.
 */
export function ComplaintsPage() {
  const me = useMe();
  const { get, set } = useListParams();
  // A supplier mostly answers complaints; a buyer mostly files them.
  const side = oneOf(get('side'), SIDES, me.data?.activeCompany?.isSupplier ? 'received' : 'filed');
  const status = COMPLAINT_STATUSES.find((s) => s === get('status'));
  const category = COMPLAINT_CATEGORIES.find((c) => c === get('category'));
  const sla = SLA_STATES.find((s) => s === get('sla'));
  const assignedToMe = get('mine') === '1';
  const escalated = get('escalated') === '1' ? true : undefined;
  const [search] = useDebouncedValue(get('q').trim(), 300);
  const filtered = Boolean(status || category || sla || assignedToMe || escalated || search);
  const complaints = trpc.support.complaints.list.useInfiniteQuery(
    { side, status, category, sla, assignedToMe, escalated, q: search || undefined, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(complaints, Number(get('pages')) || 1);
  const rows = complaints.data?.pages.flatMap((page) => page.items);
  const loaded = complaints.data?.pages.length ?? 1;
  return (
    <Stack>
      <PageHeader
        title="Complaints"
        description="Complaints your company filed against a supplier's order, delivery, contract or invoice, and those your buyers filed against you, each with its deadlines."
      />
      <Paper withBorder p="lg">
        <Stack gap="sm" mb="sm">
          <SegmentedControl
            aria-label="Filed or received"
            data={[
              { value: 'filed', label: 'Filed' },
              { value: 'received', label: 'Received' },
            ]}
            value={side}
            onChange={(value) => set({ side: value })}
            maw={320}
          />
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="Number, document or words"
              value={get('q')}
              onChange={(e) => set({ q: e.currentTarget.value })}
              w={240}
              maw="100%"
            />
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: COMPLAINT_STATUS_LABELS[s] }))}
              value={status ?? null}
              onChange={(value) => set({ status: value })}
              w={160}
              maw="100%"
            />
            <Select
              label="Category"
              placeholder="Any category"
              clearable
              data={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: COMPLAINT_CATEGORY_LABELS[c] }))}
              value={category ?? null}
              onChange={(value) => set({ category: value })}
              w={180}
              maw="100%"
            />
            <Select
              label="Deadlines"
              placeholder="Any"
              clearable
              data={SLA_STATES.map((s) => ({ value: s, label: SLA_STATE_LABELS[s] }))}
              value={sla ?? null}
              onChange={(value) => set({ sla: value })}
              w={150}
              maw="100%"
            />
            <Checkbox label="Assigned to me" checked={assignedToMe} onChange={(e) => set({ mine: e.currentTarget.checked ? '1' : null })} />
            <Checkbox
              label="Escalated only"
              checked={Boolean(escalated)}
              onChange={(e) => set({ escalated: e.currentTarget.checked ? '1' : null })}
            />
          </Group>
        </Stack>
        <QueryView
          query={{ ...complaints, data: rows }}
          isEmpty={(items) => filtered && items.length === 0}
          empty="No complaints match these filters."
        >
          {(items) =>
            items.length === 0 ? (
              <EmptyComplaints side={side} />
            ) : (
              <Stack>
                <ComplaintTable items={items} />
                {complaints.hasNextPage && (
                  <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={complaints.isFetchingNextPage}>
                    Load more
                  </Button>
                )}
              </Stack>
            )
          }
        </QueryView>
      </Paper>
      <ComplaintSummaryCard side={side} />
    </Stack>
  );
}

function ComplaintTable({ items }: { items: ComplaintSummary[] }) {
  const now = useNow();
  return (
    <DataTable
      highlightOnHover
      minWidth={980}
      headers={[
        'Number',
        'Document',
        'Counterparty',
        'Category',
        'Status',
        'Assignee',
        'Deadlines',
        { label: 'Amount claimed', numeric: true },
        { label: 'Age', numeric: true },
      ]}
    >
      {items.map((complaint) => (
        <LinkRow key={complaint.id} data-testid={`complaint-${complaint.number}`}>
          <Table.Td>
            <RowLink to={`/complaints/${complaint.id}`} monospace>
              {complaint.number}
            </RowLink>
            {complaint.escalated && (
              <Badge size="xs" color="red" variant="outline" ml={6}>
                Escalated
              </Badge>
            )}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{complaint.about.document}</Table.Td>
          <Table.Td miw={160}>{complaint.side === 'buyer' ? complaint.supplier.name : complaint.buyer.name}</Table.Td>
          <Table.Td>{COMPLAINT_CATEGORY_LABELS[complaint.category]}</Table.Td>
          <Table.Td>
            <ComplaintStatusBadge status={complaint.status} />
          </Table.Td>
          <Table.Td>
            {complaint.assignee?.name ?? (
              <Text span size="sm" c="dimmed">
                Nobody yet
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <SlaBadge sla={complaint.sla} />
          </Table.Td>
          <NumberCell>{complaint.amountClaimed ? formatMoney(complaint.amountClaimed, complaint.currency) : '—'}</NumberCell>
          <NumberCell>{ageOf(complaint.createdAt, now)}</NumberCell>
        </LinkRow>
      ))}
    </DataTable>
  );
}

function EmptyComplaints({ side }: { side: 'filed' | 'received' }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center" data-testid="complaints-empty">
      <Title order={4}>{side === 'filed' ? 'You have filed no complaints' : 'No complaints against your company'}</Title>
      <Text size="sm" maw={560}>
        {side === 'filed'
          ? 'To file one, open the purchase order or contract it is about and choose “File a complaint”. The supplier sees it at once and has a deadline to answer.'
          : 'When a buyer files a complaint against one of your orders, deliveries, contracts or invoices, it appears here with its deadlines.'}
      </Text>
      {side === 'filed' && (
        <Button component={Link} to="/orders?side=purchase" variant="light">
          Go to purchase orders
        </Button>
      )}
    </Stack>
  );
}
