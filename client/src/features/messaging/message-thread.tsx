import { Box, Button, Center, Stack, Text } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { QueryView } from '../../components/ui.tsx';
import { errorReason } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { MessageComposer, type OutgoingMessage, type ReplyTarget } from './message-composer.tsx';
import { MessageHistoryModal } from './message-history.tsx';
import { MessageItem } from './message-item.tsx';
import { useMarkRead } from './use-mark-read.ts';

const PAGE_SIZE = 30;

const LINK_ENDED =
  'The partner link has ended, so this conversation takes no new messages. You can still read it, and link again to continue.';

/**
 * A conversation's messages, oldest at the top, the newest in view; older ones load on scrolling
 * up or on the button. New messages (ours, or the other side's arriving live) scroll into view.
 * Shown means read: the newest message on screen is marked read.
 */
export function MessageThread({
  conversationId,
  canSend,
  maxHeight = '60vh',
  focusMessageId,
}: {
  conversationId: string;
  /** A message to bring into view (a search hit), loading older pages until it is there. */
  focusMessageId?: number;
  /** False once a general conversation's partner link ended. */
  canSend: boolean;
  maxHeight?: string;
}) {
  const can = useCan();
  const utils = trpc.useUtils();
  const writer = can('messaging:write');
  const [replyTo, setReplyTo] = useState<ReplyTarget | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const pages = trpc.messaging.messages.list.useInfiniteQuery(
    { conversationId, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  // Pages come newest first; the thread reads oldest first.
  const messages = pages.data?.pages.flatMap((page) => page.items).sort((a, b) => a.id - b.id);
  const newestId = messages?.at(-1)?.id;
  useMarkRead(conversationId, newestId);

  const box = useRef<HTMLDivElement>(null);
  const keepFromBottom = useRef<number | null>(null);
  // After older messages load, the ones that were on screen stay where they were.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || keepFromBottom.current === null || pages.isFetchingNextPage) return;
    element.scrollTop = element.scrollHeight - keepFromBottom.current;
    keepFromBottom.current = null;
  });
  // A new newest message (the first load included) scrolls to the bottom.
  useEffect(() => {
    const element = box.current;
    if (element && newestId) element.scrollTop = element.scrollHeight;
  }, [newestId]);

  const oldestId = messages?.[0]?.id;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (!focusMessageId || oldestId === undefined) return;
    const target = box.current?.querySelector(`#message-${focusMessageId}`);
    if (target) target.scrollIntoView({ block: 'center' });
    else if (focusMessageId < oldestId && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [focusMessageId, oldestId, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const loadOlder = () => {
    const element = box.current;
    if (!pages.hasNextPage || pages.isFetchingNextPage) return;
    if (element) keepFromBottom.current = element.scrollHeight - element.scrollTop;
    void pages.fetchNextPage();
  };

  const send = trpc.messaging.messages.send.useMutation({
    onSuccess: () =>
      Promise.all([
        utils.messaging.messages.list.invalidate({ conversationId }),
        utils.messaging.conversations.list.invalidate(),
        utils.messaging.conversations.forDocument.invalidate(),
      ]),
    onError: (error) => {
      // The link ended since the page opened: the composer gives way to the reason.
      if (errorReason(error) === 'PARTNER_NOT_LINKED') void utils.messaging.conversations.invalidate();
    },
  });
  const onSend = (message: OutgoingMessage) => send.mutateAsync({ conversationId, ...message });

  return (
    <Stack gap="sm">
      <QueryView query={{ ...pages, data: messages }} isEmpty={(items) => items.length === 0} empty="No messages yet.">
        {(items) => (
          <Box
            ref={box}
            mah={maxHeight}
            style={{ overflowY: 'auto', overflowX: 'hidden' }}
            onScroll={(event) => event.currentTarget.scrollTop < 40 && loadOlder()}
            data-testid="message-list"
          >
            <Stack gap="xs" p={2}>
              {pages.hasNextPage && (
                <Center>
                  <Button size="xs" variant="subtle" onClick={loadOlder} loading={pages.isFetchingNextPage}>
                    Load older messages
                  </Button>
                </Center>
              )}
              {items.map((message) => (
                <MessageItem
                  key={message.id}
                  message={message}
                  focused={message.id === focusMessageId}
                  canWrite={writer && canSend}
                  onReply={setReplyTo}
                  onShowHistory={setHistoryOf}
                />
              ))}
            </Stack>
          </Box>
        )}
      </QueryView>
      {writer ? (
        <MessageComposer
          onSend={onSend}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          disabledReason={canSend ? null : LINK_ENDED}
        />
      ) : (
        <Text size="xs" c="dimmed" data-testid="read-only-note">
          Your role reads conversations but does not write in them.
        </Text>
      )}
      <MessageHistoryModal messageId={historyOf} onClose={() => setHistoryOf(null)} />
    </Stack>
  );
}
