import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLE_LABELS } from '@tradeloom/shared';
import { Link, useParams } from 'react-router';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { CompanyStatusBadge, VerificationBadge } from './console-badges.tsx';
import { OperatorOnly } from './operator-only.tsx';
import { ReasonForm } from './reason-form.tsx';

type CompanyDetail = RouterOutputs['console']['companies']['get'];

/** One company: who is in it, its status and history, and suspending or reactivating it. */
export function ConsoleCompanyPage() {
  const { companyId = '' } = useParams();
  return (
    <OperatorOnly>
      <CompanyView companyId={companyId} />
    </OperatorOnly>
  );
}

function CompanyView({ companyId }: { companyId: string }) {
  const company = trpc.console.companies.get.useQuery({ companyId });
  return (
    <Stack>
      <Anchor component={Link} to="/admin/companies" size="sm">
        ← All companies
      </Anchor>
      <QueryView query={company}>
        {(data) => (
          <Stack>
            <PageHeader
              title={data.name}
              description={
                <Group gap="xs" component="span">
                  <CompanyStatusBadge status={data.status} />
                  <VerificationBadge status={data.verificationStatus} />
                  <span>
                    {data.legalName} · {data.country}
                  </span>
                </Group>
              }
            />
            <StatusChange company={data} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder p="lg">
                <Title order={4} mb="sm">
                  Members ({data.members.length})
                </Title>
                <List spacing={4} size="sm">
                  {data.members.map((m) => (
                    <List.Item key={m.userId}>
                      {m.name} · {m.email} · {ROLE_LABELS[m.role]}{' '}
                      {m.disabled && (
                        <Badge size="xs" color="red">
                          disabled
                        </Badge>
                      )}
                    </List.Item>
                  ))}
                </List>
              </Paper>
              <Paper withBorder p="lg">
                <Title order={4} mb="sm">
                  Identity and access
                </Title>
                <Text size="sm">Tax id: {data.taxId ?? 'none'}</Text>
                <Text size="sm">GSTINs: {data.gstins.length ? data.gstins.join(', ') : 'none'}</Text>
                <Text size="sm">API keys not revoked: {data.activeApiKeys}</Text>
              </Paper>
            </SimpleGrid>
            <Paper withBorder p="lg">
              <Title order={4} mb="sm">
                History
              </Title>
              {data.history.length === 0 ? (
                <Text c="dimmed">Nothing recorded yet.</Text>
              ) : (
                <DataTable headers={['When', 'Who', 'What', 'Reason']} minWidth={520}>
                  {data.history.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>{formatDateTime(row.occurredAt)}</Table.Td>
                      <Table.Td>{row.actorName ?? 'Tradeloom'}</Table.Td>
                      <Table.Td>{row.sentence}</Table.Td>
                      <Table.Td>{row.reason ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Paper>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

function StatusChange({ company }: { company: CompanyDetail }) {
  const utils = trpc.useUtils();
  const onSuccess = async (message: string) => {
    await Promise.all([utils.console.companies.get.invalidate({ companyId: company.id }), utils.console.companies.list.invalidate()]);
    notifications.show({ color: 'teal', message });
  };
  const suspend = trpc.console.companies.suspend.useMutation({ onSuccess: () => onSuccess(`${company.name} is suspended.`) });
  const reactivate = trpc.console.companies.reactivate.useMutation({ onSuccess: () => onSuccess(`${company.name} is active again.`) });
  if (company.status === 'closed') return null;
  const suspended = company.status === 'suspended';
  return (
    <Paper withBorder p="lg">
      {suspended ? (
        <Stack>
          <Alert color="red" title="Suspended">
            {company.statusReason ?? 'No reason recorded.'}
            {company.statusChangedAt && ` (since ${formatDateTime(company.statusChangedAt)})`}. Its members cannot act for it and its API
            keys are refused. Reactivating restores both: keys that were not revoked work again, so revoke them on the company's API keys
            page first if they may have leaked.
          </Alert>
          <ReasonForm
            label="Reason for reactivating"
            submitLabel="Reactivate company"
            pending={reactivate.isPending}
            onSubmit={(reason) => reactivate.mutateAsync({ companyId: company.id, reason })}
          />
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">
            Suspending cuts the company off at once: its members' next request is refused, its API keys stop working and its open live
            screens close. The reason is kept in the company's history.
          </Text>
          <ReasonForm
            label="Reason for suspending"
            submitLabel="Suspend company"
            pending={suspend.isPending}
            onSubmit={(reason) => suspend.mutateAsync({ companyId: company.id, reason })}
          />
        </Stack>
      )}
    </Paper>
  );
}
