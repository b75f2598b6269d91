import { useEffect, useRef } from 'react';
import { trpc } from '../../lib/trpc.ts';

/**
 * Marks a conversation read up to its newest message once that message is on screen, and again
 * whenever a newer one arrives (live). Each newest message is marked once.
 */
export function useMarkRead(conversationId: string, newestId: number | undefined) {
  const utils = trpc.useUtils();
  const marked = useRef<number>(0);
  const markRead = trpc.messaging.conversations.markRead.useMutation({
    onSuccess: (counts) => {
      utils.messaging.conversations.unreadCount.setData(undefined, counts);
      void utils.messaging.conversations.list.invalidate();
      void utils.messaging.conversations.forDocument.invalidate();
      void utils.messaging.conversations.get.invalidate({ conversationId });
    },
  });
  const { mutate } = markRead;
  useEffect(() => {
    if (!newestId || newestId <= marked.current) return;
    marked.current = newestId;
    mutate({ conversationId, upToMessageId: newestId });
  }, [conversationId, newestId, mutate]);
}
