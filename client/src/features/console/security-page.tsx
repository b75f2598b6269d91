import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { SECURITY_EVENT_KINDS, type SecurityEventKind, type SuspiciousRule } from '@tradeloom/shared';
import { useState } from 'react';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { describeUserAgent, formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { OperatorOnly } from './operator-only.tsx';

const RULE_WORDS: Record<SuspiciousRule, string> = {
  ip_many_accounts: 'one address failing on many accounts',
  account_many_failures: 'many failed sign-ins on one account',
};

/** The authentication trail: failed sign-ins, lock-outs, resets, with suspicious activity flagged. */
export function ConsoleSecurityPage() {
  return (
    <OperatorOnly>
      <SecurityEvents />
    </OperatorOnly>
  );
}

interface Filters {
  kind: SecurityEventKind | null;
  email: string;
  ip: string;
  from: string;
  to: string;
}

/** A date input's `YYYY-MM-DD` as the start (or end) of that day in the browser's time zone. */
const dayBound = (day: string, end: boolean) => (day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`) : undefined);

function SecurityEvents() {
  const [filters, setFilters] = useState<Filters>({ kind: null, email: '', ip: '', from: '', to: '' });
  const [debounced] = useDebouncedValue(filters, 300);
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const events = trpc.console.securityEvents.useInfiniteQuery(
    {
      kind: debounced.kind ?? undefined,
      email: debounced.email.trim() || undefined,
      ip: debounced.ip.trim() || undefined,
      from: dayBound(debounced.from, false),
      to: dayBound(debounced.to, true),
      limit: 50,
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const first = events.data?.pages[0];
  return (
    <Stack>
      <PageHeader title="Security events" description="Sign-ins, failures, lock-outs and resets across the platform, newest first." />
      {first && first.suspicious.length > 0 && (
        <Alert color="red" title={`Suspicious activity in the last ${first.windowMinutes} minutes`} role="status">
          <Stack gap={4}>
            {first.suspicious.map((s) => (
              <Text size="sm" key={`${s.rule}:${s.subject}`}>
                <b>{s.subject}</b>: {RULE_WORDS[s.rule]} — {s.failures} failures
                {s.rule === 'ip_many_accounts' ? ` on ${s.accounts} accounts` : ''}, last at {formatDateTime(s.lastAt)}{' '}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => set(s.rule === 'ip_many_accounts' ? { ip: s.subject, email: '' } : { email: s.subject, ip: '' })}
                >
                  Show these
                </Button>
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Kind"
          placeholder="Any"
          clearable
          searchable
          data={[...SECURITY_EVENT_KINDS]}
          value={filters.kind}
          onChange={(value) => set({ kind: value as SecurityEventKind | null })}
          w={220}
        />
        <TextInput label="Email" value={filters.email} onChange={(e) => set({ email: e.currentTarget.value })} w={220} />
        <TextInput label="IP address" value={filters.ip} onChange={(e) => set({ ip: e.currentTarget.value })} w={160} />
        <TextInput label="From" type="date" value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} w={160} />
        <TextInput label="To" type="date" value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} w={160} />
      </Group>
      <Paper withBorder p="md">
        <QueryView
          query={{ ...events, data: events.data?.pages.flatMap((page) => page.items) }}
          isEmpty={(rows) => rows.length === 0}
          empty="No events match."
        >
          {(rows) => (
            <Stack>
              <DataTable headers={['When', 'Kind', 'Email', 'Address', 'Device', '']} minWidth={720}>
                {rows.map((event) => (
                  <Table.Tr key={event.id} bg={event.flags.length ? 'red.0' : undefined}>
                    <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
                    <Table.Td ff="monospace">{event.kind}</Table.Td>
                    <Table.Td>{event.email ?? '—'}</Table.Td>
                    <Table.Td ff="monospace">{event.ip ?? '—'}</Table.Td>
                    <Table.Td>{describeUserAgent(event.userAgent)}</Table.Td>
                    <Table.Td>
                      {event.flags.map((flag) => (
                        <Badge key={flag} color="red" size="sm" title={RULE_WORDS[flag]}>
                          suspicious
                        </Badge>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
              {events.hasNextPage && (
                <Button variant="light" loading={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
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
