import { ActionIcon, Badge, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

/**
 * The header bell: the signed-in person's own unread count, their latest notifications, mark all
 * read. Kept current by the live stream (a new notification refetches it).
 */
export function NotificationBell() {
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure();
  const utils = trpc.useUtils();
  const list = trpc.notifications.list.useQuery({ limit: 15 });
  const markRead = trpc.notifications.markRead.useMutation({ onSuccess: () => utils.notifications.list.invalidate() });
  const unread = list.data?.unread ?? 0;
  return (
    <Popover opened={opened} onChange={toggle} width={360} position="bottom-end" withinPortal shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={unread === 0} color="red">
          <ActionIcon variant="subtle" size="lg" onClick={toggle} aria-label={`Notifications, ${unread} unread`}>
            <svg
              aria-hidden="true"
              width="20"
              height="20"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>Notifications</Text>
          {unread > 0 && (
            <Button size="xs" variant="subtle" onClick={() => markRead.mutate({})}>
              Mark all read
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={360}>
          <Stack gap={4}>
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed">
                Nothing yet.
              </Text>
            )}
            {list.data?.items.map((item) => (
              <UnstyledButton
                key={item.id}
                p={6}
                onClick={() => {
                  if (!item.readAt) markRead.mutate({ ids: [item.id] });
                  if (item.linkPath) {
                    close();
                    navigate(item.linkPath);
                  }
                }}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {!item.readAt && <Badge miw="max-content" size="xs" circle color="blue" />}
                  <Stack gap={0}>
                    <Text size="sm" fw={item.readAt ? 400 : 600}>
                      {item.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(item.createdAt)}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Group grow gap="xs" mt="xs">
          <Button component={Link} to="/notifications" onClick={close} size="xs" variant="light">
            See all notifications
          </Button>
          <Button component={Link} to="/settings/notifications" onClick={close} size="xs" variant="subtle">
            Notification settings
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
