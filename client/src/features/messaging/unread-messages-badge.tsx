import { Badge } from '@mantine/core';
import { trpc } from '../../lib/trpc.ts';

/** The navigation's count of conversations with unread messages; live events keep it current. */
export function UnreadMessagesBadge() {
  const counts = trpc.messaging.conversations.unreadCount.useQuery(undefined, { staleTime: 30_000 });
  const unread = counts.data?.conversations ?? 0;
  if (unread === 0) return null;
  return (
    <Badge size="sm" color="red" aria-label={`${unread} unread conversations`} data-testid="messages-unread">
      {unread}
    </Badge>
  );
}
