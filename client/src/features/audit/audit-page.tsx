import { Button, Code, Group, Paper, Select, Spoiler, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { auditSentence } from '@tradeloom/shared';
import { useState } from 'react';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

const ENTITY_TYPES = ['company', 'membership', 'invitation', 'api_key', 'branch', 'financial_year'];

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** One line per field: `name: Old → New` where it changed, `name: New` where it was set. */
export function describeChange(before: unknown, after: unknown): string[] {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return keys
    .filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]))
    .map((key) =>
      key in was && key in now
        ? `${key}: ${show(was[key])} → ${show(now[key])}`
        : key in now
          ? `${key}: ${show(now[key])}`
          : `${key}: ${show(was[key])} → (removed)`,
    );
}

export function AuditPage() {
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState<string | null>(null);
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const filters = { action: debouncedAction || undefined, entityType: entityType ?? undefined };
  const audit = trpc.audit.list.useInfiniteQuery({ ...filters, limit: 50 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const rows = audit.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <PageHeader
        title="Audit log"
        description="Every change in this company: who, what, when, and the values before and after. Entries cannot be edited or deleted."
      />
      <Group>
        <TextInput label="Action starts with" placeholder="member." value={action} onChange={(e) => setAction(e.currentTarget.value)} />
        <Select label="Record type" placeholder="Any" clearable data={ENTITY_TYPES} value={entityType} onChange={setEntityType} />
        <ExportCsvButton list="audit" filters={filters} />
      </Group>
      <Paper withBorder p="lg">
        <QueryView query={{ ...audit, data: rows }} isEmpty={(items) => items.length === 0} empty="Nothing matches these filters.">
          {(items) => (
            <Stack>
              <DataTable headers={['When', 'Who', 'Action', 'Record', 'Change']}>
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
                      <Text size="xs">
                        {entry.entityType} <Code>{entry.entityId.slice(0, 8)}</Code>
                      </Text>
                    </Table.Td>
                    <Table.Td maw={420}>
                      <Spoiler maxHeight={44} showLabel="more" hideLabel="less">
                        {describeChange(entry.before, entry.after).map((line) => (
                          <Text key={line} size="xs" ff="monospace">
                            {line}
                          </Text>
                        ))}
                      </Spoiler>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
              {audit.hasNextPage && (
                <Button variant="light" onClick={() => audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
                  Load older entries
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
