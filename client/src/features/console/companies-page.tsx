import { Anchor, Button, Group, Paper, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { COMPANY_STATUSES } from '@tradeloom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { CompanyStatusBadge, VerificationBadge } from './console-badges.tsx';
import { OperatorOnly } from './operator-only.tsx';

const PAGE_SIZE = 25;

/** Every company on the platform, searchable by name or GSTIN, a page at a time. */
export function ConsoleCompaniesPage() {
  return (
    <OperatorOnly>
      <CompanyList />
    </OperatorOnly>
  );
}

function CompanyList() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<(typeof COMPANY_STATUSES)[number] | null>(null);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const companies = trpc.console.companies.list.useInfiniteQuery(
    { search: debounced || undefined, status: status ?? undefined, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  return (
    <Stack>
      <PageHeader title="Companies" description="All companies on Tradeloom. Open one to suspend or reactivate it." />
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or GSTIN"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={COMPANY_STATUSES.map((value) => ({ value, label: value }))}
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          w={160}
        />
      </Group>
      <Paper withBorder p="md">
        <QueryView
          query={{ ...companies, data: companies.data?.pages.flatMap((page) => page.items) }}
          isEmpty={(rows) => rows.length === 0}
          empty="No company matches."
        >
          {(rows) => (
            <Stack>
              <DataTable headers={['Company', 'Tax id', 'Verification', 'Status', 'Joined']} minWidth={560}>
                {rows.map((company) => (
                  <Table.Tr key={company.id} data-testid={`company-${company.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/companies/${company.id}`}>
                        {company.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ff="monospace">{company.taxId ?? '—'}</Table.Td>
                    <Table.Td>
                      <VerificationBadge status={company.verificationStatus} />
                    </Table.Td>
                    <Table.Td>
                      <CompanyStatusBadge status={company.status} />
                    </Table.Td>
                    <Table.Td>{formatDate(company.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
              {companies.hasNextPage && (
                <Button variant="light" loading={companies.isFetchingNextPage} onClick={() => companies.fetchNextPage()}>
                  Show more
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
