import { Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { auditSentence } from '@tradeloom/shared';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { oneOf, useListParams, usePagesFromAddress, useSortParams } from '../../lib/list-params.ts';
import { trpc } from '../../lib/trpc.ts';
import { describeChange } from './audit-change.ts';

const ENTITY_TYPES = ['company', 'membership', 'invitation', 'api_key', 'branch', 'financial_year'] as const;

/** The log sorts only by time: newest first until the heading flips it. */
const SORT_KEYS = ['time'] as const;
const SORT_FALLBACK = { key: 'time', direction: 'desc' } as const;

// Filters, direction and pages shown live in the address, so a reload or a shared link shows the same entries.
export function AuditPage() {
  const { get, set } = useListParams();
  const sort = useSortParams(SORT_KEYS, SORT_FALLBACK);
  const entityType = oneOf(get('type'), ENTITY_TYPES, '') || null;
  const [debouncedAction] = useDebouncedValue(get('action').trim(), 300);
  const filters = { action: debouncedAction || undefined, entityType: entityType ?? undefined };
  const audit = trpc.audit.list.useInfiniteQuery(
    { ...filters, sortDirection: sort.direction, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(audit, Number(get('pages')) || 1);
  const rows = audit.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <PageHeader
        title="Audit log"
        description="Every change in this company: who, what, when, and the values before and after. Entries cannot be edited or deleted."
      />
      <Group>
        <TextInput
          label="Action starts with"
          placeholder="member."
          value={get('action')}
          onChange={(e) => set({ action: e.currentTarget.value })}
        />
        <Select
          label="Record type"
          placeholder="Any"
          clearable
          data={ENTITY_TYPES}
          value={entityType}
          onChange={(value) => set({ type: value })}
        />
        <ExportCsvButton list="audit" filters={filters} />
      </Group>
      <Paper withBorder p="lg">
        <QueryView query={{ ...audit, data: rows }} isEmpty={(items) => items.length === 0} empty="Nothing matches these filters.">
          {(items) => (
            <Stack>
              <DataTable sort={sort} headers={[{ label: 'When', sort: 'time' }, 'Who', 'Action', 'Record', 'Change']}>
                {items.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{formatDateTime(entry.occurredAt)}</Table.Td>
                    <Table.Td>{entry.actorName ?? (entry.actorApiKeyId ? 'API key' : 'System')}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{auditSentence(entry.action)}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {entry.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {entry.entityType.replace(/_/g, ' ')}
                      </Text>
                      {/* A document number never breaks; an unlabelled record shows the start of its id. */}
                      {entry.entityLabel ? (
                        <Text size="sm" data-testid="audit-record" style={{ whiteSpace: 'nowrap' }}>
                          {entry.entityLabel}
                        </Text>
                      ) : (
                        <Code>{entry.entityId.slice(0, 8)}</Code>
                      )}
                    </Table.Td>
                    <Table.Td maw={420}>
                      {describeChange(entry.before, entry.after).map((line) => (
                        <Text key={line.label} size="xs" data-testid="audit-change" style={{ overflowWrap: 'anywhere' }}>
                          <Text span fw={500} inherit>
                            {line.label}:
                          </Text>{' '}
                          {line.before !== undefined && `${line.before} → `}
                          {line.after}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
              {audit.hasNextPage && (
                <Button
                  variant="light"
                  onClick={() => set({ pages: String((audit.data?.pages.length ?? 1) + 1) })}
                  loading={audit.isFetchingNextPage}
                >
                  {sort.direction === 'desc' ? 'Load older entries' : 'Load newer entries'}
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
