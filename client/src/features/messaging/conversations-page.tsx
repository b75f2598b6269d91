import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { LoadMore, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { ConversationCard, conversationTitle } from './conversation-card.tsx';

const PAGE_SIZE = 25;

/** The inbox: conversations by latest activity, unread first to the eye; search across all of them. */
export function ConversationsPage() {
  const { get, set } = useListParams();
  const [q] = useDebouncedValue(get('q').trim(), 300);
  return (
    <Stack>
      <PageHeader
        title="Messages"
        description="Conversations with your partners, general or about an order, tender, offer or contract. Each document's page shows its own."
      />
      <TextInput
        label="Search messages"
        placeholder="Words from a message"
        value={get('q')}
        onChange={(event) => set({ q: event.currentTarget.value })}
        w={360}
        maw="100%"
      />
      {q.length >= 2 ? <SearchResults q={q} /> : <Inbox unreadOnly={get('show') === 'unread'} onShow={(show) => set({ show })} />}
    </Stack>
  );
}

function Inbox({ unreadOnly, onShow }: { unreadOnly: boolean; onShow: (show: string | null) => void }) {
  const me = useMe();
  const list = trpc.messaging.conversations.list.useInfiniteQuery(
    { unreadOnly, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = list.data?.pages.flatMap((page) => page.items);
  return (
    <Stack gap="sm">
      <SegmentedControl
        w="fit-content"
        aria-label="Show"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => onShow(value === 'unread' ? 'unread' : null)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'unread', label: 'Unread' },
        ]}
      />
      <QueryView
        query={{ ...list, data: items }}
        isEmpty={(rows) => rows.length === 0}
        empty={
          unreadOnly
            ? 'You have read every conversation.'
            : 'No conversations yet. Start one from a partner on the Partners page, or from an order, tender, offer or contract.'
        }
      >
        {(rows) => (
          <Stack gap="xs" data-testid="inbox">
            {rows.map((conversation) => (
              <ConversationCard key={conversation.id} conversation={conversation} ownCompanyId={me.data?.activeCompany?.id} />
            ))}
            <LoadMore list={list} variant="default" />
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

/** Messages matching the words, newest first; each opens its conversation at that message. */
function SearchResults({ q }: { q: string }) {
  const hits = trpc.messaging.conversations.search.useInfiniteQuery(
    { q, limit: 20 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = hits.data?.pages.flatMap((page) => page.items);
  return (
    <QueryView query={{ ...hits, data: items }} isEmpty={(rows) => rows.length === 0} empty={`No message matches “${q}”.`}>
      {(rows) => (
        <Stack gap="xs" data-testid="search-results">
          {rows.map((hit) => (
            <Paper key={hit.messageId} withBorder p="sm">
              <Stack gap={2}>
                <Group gap={6} justify="space-between">
                  <Anchor component={Link} to={`/messages/${hit.conversationId}#message-${hit.messageId}`} size="sm" fw={600}>
                    {conversationTitle(hit)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(hit.at)}
                  </Text>
                </Group>
                {hit.about && (
                  <Badge size="xs" variant="light" w="fit-content">
                    {hit.about.label}
                  </Badge>
                )}
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {hit.snippet}
                </Text>
                <Text size="xs" c="dimmed">
                  {hit.senderName} · {hit.senderCompanyName}
                </Text>
              </Stack>
            </Paper>
          ))}
          <LoadMore list={hits} variant="default" />
        </Stack>
      )}
    </QueryView>
  );
}
