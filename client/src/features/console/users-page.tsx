import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { useMe } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { OperatorOnly } from './operator-only.tsx';
import { ReasonForm } from './reason-form.tsx';

type UserRow = RouterOutputs['console']['users']['search']['items'][number];

/** Accounts across the platform: disable and re-enable, lift a lock-out, send a reset link. */
export function ConsoleUsersPage() {
  return (
    <OperatorOnly>
      <UserList />
    </OperatorOnly>
  );
}

function UserList() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [disabling, setDisabling] = useState<UserRow | null>(null);
  const users = trpc.console.users.search.useInfiniteQuery(
    { search: debounced || undefined, limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  return (
    <Stack>
      <PageHeader title="Users" description="Every account on Tradeloom. Each action here is recorded in the platform's audit log." />
      <TextInput label="Search" placeholder="Email or name" value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
      <Paper withBorder p="md">
        <QueryView
          query={{ ...users, data: users.data?.pages.flatMap((page) => page.items) }}
          isEmpty={(rows) => rows.length === 0}
          empty="No account matches."
        >
          {(rows) => (
            <Stack>
              <DataTable headers={['Account', 'State', 'Sessions', 'Actions']} minWidth={620}>
                {rows.map((user) => (
                  <UserRowView key={user.id} user={user} onDisable={() => setDisabling(user)} />
                ))}
              </DataTable>
              {users.hasNextPage && (
                <Button variant="light" loading={users.isFetchingNextPage} onClick={() => users.fetchNextPage()}>
                  Show more
                </Button>
              )}
            </Stack>
          )}
        </QueryView>
      </Paper>
      <DisableUser user={disabling} onClose={() => setDisabling(null)} />
    </Stack>
  );
}

function UserRowView({ user, onDisable }: { user: UserRow; onDisable: () => void }) {
  const me = useMe();
  const utils = trpc.useUtils();
  const done = (message: string) => async () => {
    await utils.console.users.search.invalidate();
    notifications.show({ color: 'teal', message });
  };
  const enable = trpc.console.users.enable.useMutation({ onSuccess: done(`${user.email} can sign in again.`), onError: notifyError });
  const unlock = trpc.console.users.unlock.useMutation({ onSuccess: done(`${user.email} is unlocked.`), onError: notifyError });
  const reset = trpc.console.users.sendPasswordReset.useMutation({
    onSuccess: done(`A password reset link is on its way to ${user.email}.`),
    onError: notifyError,
  });
  const isMe = me.data?.user.id === user.id;
  return (
    <Table.Tr data-testid={`user-${user.email}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.disabledAt && <Badge color="red">disabled</Badge>}
          {user.lockedUntil && <Badge color="orange">locked until {formatDateTime(user.lockedUntil)}</Badge>}
          {!user.emailVerified && <Badge color="yellow">unverified</Badge>}
          {user.isPlatformAdmin && <Badge color="grape">operator</Badge>}
          {!user.disabledAt && !user.lockedUntil && <Badge color="teal">active</Badge>}
        </Group>
      </Table.Td>
      <Table.Td>{user.activeSessions}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="wrap">
          {user.disabledAt ? (
            <Button size="xs" variant="light" loading={enable.isPending} onClick={() => enable.mutate({ userId: user.id })}>
              Re-enable
            </Button>
          ) : (
            !isMe && (
              <Button size="xs" variant="light" color="red" onClick={onDisable}>
                Disable
              </Button>
            )
          )}
          {user.lockedUntil && (
            <Button size="xs" variant="light" loading={unlock.isPending} onClick={() => unlock.mutate({ userId: user.id })}>
              Unlock
            </Button>
          )}
          {!user.disabledAt && (
            <Button size="xs" variant="subtle" loading={reset.isPending} onClick={() => reset.mutate({ userId: user.id })}>
              Send reset email
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DisableUser({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const utils = trpc.useUtils();
  const disable = trpc.console.users.disable.useMutation({
    onSuccess: async (result) => {
      await utils.console.users.search.invalidate();
      notifications.show({ color: 'teal', message: `Disabled; ${result.sessionsEnded} session(s) ended.` });
      onClose();
    },
  });
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `Disable ${user.email}` : ''}>
      {user && (
        <Stack>
          <Text size="sm">Every session of this account ends at once and sign-in is refused until you re-enable it.</Text>
          <ReasonForm
            label="Reason"
            submitLabel="Disable account"
            pending={disable.isPending}
            onSubmit={(reason) => disable.mutateAsync({ userId: user.id, reason })}
          />
        </Stack>
      )}
    </Modal>
  );
}
