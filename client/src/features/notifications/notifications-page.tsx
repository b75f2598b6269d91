import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { Link, useSearchParams } from 'react-router';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

const PAGE_SIZE = 20;

/** Every notification, newest first, a page at a time; "unread" in the URL so a link keeps it. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const utils = trpc.useUtils();
  const list = trpc.notifications.list.useInfiniteQuery(
    { unreadOnly, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const markRead = trpc.notifications.markRead.useMutation({
    onSuccess: () => utils.notifications.list.invalidate(),
    onError: (error) => toasts.show({ color: 'red', message: errorMessage(error) }),
  });
  const unread = list.data?.pages[0]?.unread ?? 0;
  const items = list.data?.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <PageHeader
        title="Notifications"
        description="What happened that concerns you, newest first. Each one opens the document it is about."
        actions={
          <Group gap="xs">
            {unread > 0 && (
              <Button variant="light" loading={markRead.isPending && !markRead.variables?.ids} onClick={() => markRead.mutate({})}>
                Mark all read
              </Button>
            )}
            <Button component={Link} to="/settings/notifications" variant="subtle">
              Notification settings
            </Button>
          </Group>
        }
      />
      <SegmentedControl
        w="fit-content"
        aria-label="Show"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => setParams(value === 'unread' ? { show: 'unread' } : {}, { replace: true })}
        data={[
          { value: 'all', label: 'All' },
          { value: 'unread', label: `Unread (${unread})` },
        ]}
      />
      <QueryView
        query={list}
        isEmpty={() => !items?.length}
        empty={
          unreadOnly
            ? 'You have read everything.'
            : 'No notifications yet. They arrive when partners and colleagues act on what concerns you.'
        }
      >
        {() => (
          <Stack gap="xs">
            {items?.map((item) => (
              <Paper key={item.id} withBorder p="sm" data-testid="notification">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      {!item.readAt && <Badge size="xs" circle color="blue" aria-label="Unread" />}
                      {item.linkPath ? (
                        <Anchor
                          component={Link}
                          to={item.linkPath}
                          fw={item.readAt ? 400 : 600}
                          size="sm"
                          onClick={() => !item.readAt && markRead.mutate({ ids: [item.id] })}
                        >
                          {item.title}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={item.readAt ? 400 : 600}>
                          {item.title}
                        </Text>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(item.createdAt)}
                    </Text>
                  </Stack>
                  {!item.readAt && (
                    <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate({ ids: [item.id] })}>
                      Mark read
                    </Button>
                  )}
                </Group>
              </Paper>
            ))}
            {list.hasNextPage && (
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                Show older
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
