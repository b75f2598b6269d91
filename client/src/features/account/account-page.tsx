import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { updateProfileInput } from '@tradeloom/shared';
import { Link, useNavigate } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { describeUserAgent, formatDateTime } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { TwoFactorSection } from './two-factor-section.tsx';

export function AccountPage() {
  return (
    <Stack>
      <PageHeader title="Your account" />
      <Profile />
      <TwoFactorSection />
      <Sessions />
    </Stack>
  );
}

function Profile() {
  const me = useMe();
  const utils = trpc.useUtils();
  const form = useZodForm(updateProfileInput, { defaultValues: { name: me.data?.user.name ?? '' } });
  const update = trpc.auth.updateProfile.useMutation({
    onSuccess: async () => {
      await utils.auth.me.invalidate();
      notifications.show({ color: 'teal', message: 'Saved.' });
    },
    onError: form.showServerError,
  });
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        Profile
      </Title>
      <SchemaForm form={form} onSubmit={(input) => update.mutate(input)}>
        <Group align="flex-start">
          <TextInput label="Name" {...form.register('name')} error={form.messageOf('name')} />
          <TextInput label="Email" value={me.data?.user.email ?? ''} disabled />
        </Group>
        <SubmitRow
          form={form}
          loading={update.isPending}
          extra={
            <Button component={Link} to="/change-password" variant="default">
              Change password
            </Button>
          }
        >
          Save
        </SubmitRow>
      </SchemaForm>
    </Paper>
  );
}

function Sessions() {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = trpc.auth.sessions.useQuery();
  const revoke = trpc.auth.revokeSession.useMutation({
    onSuccess: () => utils.auth.sessions.invalidate(),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const everywhere = trpc.auth.logoutEverywhere.useMutation({
    onSuccess: () => {
      queryClient.clear();
      navigate('/login');
    },
  });
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Where you are signed in</Title>
        <Button size="xs" color="red" variant="light" onClick={() => everywhere.mutate()} loading={everywhere.isPending}>
          Sign out everywhere
        </Button>
      </Group>
      <QueryView query={sessions}>
        {(rows) => (
          <DataTable headers={['Device', 'IP address', 'Signed in', 'Last active', '']}>
            {rows.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>
                  {describeUserAgent(session.userAgent)}{' '}
                  {session.current && (
                    <Badge miw="max-content" size="xs">
                      this device
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{session.ip ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>
                  {!session.current && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate({ sessionId: session.id })}>
                      Sign out
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      <Text size="xs" c="dimmed" mt="sm">
        Sessions end after a week without use and always after 30 days.
      </Text>
    </Paper>
  );
}
