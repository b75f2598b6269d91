import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { OperatorOnly } from './operator-only.tsx';

/** Whether the platform is well: database, background jobs, mail and live streams. */
export function ConsoleHealthPage() {
  return (
    <OperatorOnly>
      <Health />
    </OperatorOnly>
  );
}

const megabytes = (bytes: number | null) => (bytes === null ? 'unknown' : `${(bytes / 1_048_576).toFixed(1)} MB`);

function Health() {
  const health = trpc.console.health.useQuery(undefined, { refetchInterval: 30_000 });
  return (
    <Stack>
      <PageHeader title="Platform health" description="Refreshes every 30 seconds." />
      <QueryView query={health}>
        {(data) => (
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <Tile title="Database">
                <Badge color={data.database.reachable ? 'teal' : 'red'}>{data.database.reachable ? 'reachable' : 'not answering'}</Badge>
                <Text size="sm">
                  {data.database.latencyMs} ms · {megabytes(data.database.sizeBytes)} · {data.database.kind}
                </Text>
              </Tile>
              <Tile title="Failed jobs">
                <Text size="xl" fw={700} c={data.failedJobs ? 'red' : undefined}>
                  {data.failedJobs}
                </Text>
                <Anchor component={Link} to="/admin/jobs" size="sm">
                  Open background jobs to retry
                </Anchor>
              </Tile>
              <Tile title="Mail (last 24 h)">
                <Text size="sm">
                  {data.mail.sentLastDay} sent · {data.mail.waiting} waiting · {data.mail.failedLastDay} failed
                </Text>
              </Tile>
              <Tile title="Open live streams">
                <Text size="xl" fw={700}>
                  {data.liveStreams}
                </Text>
                <Text size="xs" c="dimmed">
                  on this server process
                </Text>
              </Tile>
            </SimpleGrid>
            <Paper withBorder p="lg">
              <Title order={4} mb="sm">
                Jobs by state
              </Title>
              {data.jobs.length === 0 ? (
                <Text c="dimmed">No jobs yet.</Text>
              ) : (
                <Group gap="xs">
                  {data.jobs.map((row) => (
                    <Badge key={row.status} variant="light" color={row.status === 'dead' ? 'red' : 'gray'}>
                      {row.status}: {row.count}
                    </Badge>
                  ))}
                </Group>
              )}
            </Paper>
            <Paper withBorder p="lg">
              <Title order={4} mb="sm">
                Recent mail failures
              </Title>
              {data.mail.recentFailures.length === 0 ? (
                <Text c="dimmed">No mail has failed.</Text>
              ) : (
                <DataTable headers={['Job', 'When', 'Error']}>
                  {data.mail.recentFailures.map((failure) => (
                    <Table.Tr key={failure.id}>
                      <Table.Td>#{failure.id}</Table.Td>
                      <Table.Td>{formatDateTime(failure.failedAt)}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" lineClamp={2}>
                          {failure.lastError}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Paper>
            <Text size="xs" c="dimmed">
              Checked {formatDateTime(data.checkedAt)}
            </Text>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

function Tile({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {title}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}
