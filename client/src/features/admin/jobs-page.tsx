import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

const STATUS_COLORS: Record<string, string> = { pending: 'blue', running: 'teal', done: 'gray', dead: 'red' };

/** Platform operators: background queues by state, recent failures (retry a dead job), schedules. */
export function JobsPage() {
  const me = useMe();
  const isOperator = Boolean(me.data?.user.isPlatformAdmin);
  const utils = trpc.useUtils();
  const jobs = trpc.operations.jobs.useQuery(undefined, { enabled: isOperator, refetchInterval: 15_000 });
  const retry = trpc.operations.retryJob.useMutation({
    onSuccess: () => utils.operations.jobs.invalidate(),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  if (!isOperator) return <Text>Only platform operators see background jobs.</Text>;
  return (
    <Stack>
      <PageHeader title="Background jobs" description="Queues, failures and schedules across all companies. Refreshes every 15 seconds." />
      <QueryView query={jobs}>
        {(data) => (
          <Stack>
            <Section title="Queues">
              <DataTable headers={['Queue', 'State', 'Jobs', 'Oldest ready since']}>
                {data.queues.map((row) => (
                  <Table.Tr key={`${row.queue}:${row.status}`}>
                    <Table.Td ff="monospace">{row.queue}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[row.status]}>
                        {row.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{row.count}</Table.Td>
                    <Table.Td>{row.oldestReadyAt ? formatDateTime(row.oldestReadyAt) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            </Section>
            <Section title={`Recent failures (${data.failures.length})`}>
              {data.failures.length === 0 ? (
                <Text c="dimmed">No failures.</Text>
              ) : (
                <DataTable headers={['Job', 'Queue', 'State', 'Attempts', 'Last error', 'When', '']}>
                  {data.failures.map((job) => (
                    <Table.Tr key={job.id}>
                      <Table.Td>#{job.id}</Table.Td>
                      <Table.Td ff="monospace">{job.queue}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS_COLORS[job.status]}>
                          {job.status === 'dead' ? 'dead' : 'retrying'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {job.attempts} / {job.maxAttempts}
                      </Table.Td>
                      <Table.Td maw={360}>
                        <Text size="xs" ff="monospace" lineClamp={3}>
                          {job.lastError}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(job.failedAt)}</Table.Td>
                      <Table.Td>
                        {job.status === 'dead' && (
                          <Button
                            size="xs"
                            variant="light"
                            loading={retry.isPending && retry.variables?.jobId === job.id}
                            onClick={() => retry.mutate({ jobId: job.id })}
                          >
                            Retry
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Section>
            <Section title="Schedules">
              <DataTable headers={['Schedule', 'Queue', 'When', 'Next run', 'Last run']}>
                {data.schedules.map((schedule) => (
                  <Table.Tr key={schedule.name}>
                    <Table.Td>{schedule.name}</Table.Td>
                    <Table.Td ff="monospace">{schedule.queue}</Table.Td>
                    <Table.Td ff="monospace">{schedule.spec}</Table.Td>
                    <Table.Td>{formatDateTime(schedule.nextRunAt)}</Table.Td>
                    <Table.Td>{schedule.lastRunAt ? formatDateTime(schedule.lastRunAt) : 'not yet'}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            </Section>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
