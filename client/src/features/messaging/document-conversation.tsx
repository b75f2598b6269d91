import { Anchor, Badge, Button, Collapse, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ConversationAbout } from '@tradeloom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryView } from '../../components/ui.tsx';
import { useCan, useMe } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { otherCompanies } from './conversation-card.tsx';
import { MessageComposer } from './message-composer.tsx';
import { MessageThread } from './message-thread.tsx';

/** Either an existing conversation or a party to start one with: `c:<conversationId>` / `s:<companyId>`. */
type Choice = string;
type DocumentConversations = RouterOutputs['messaging']['conversations']['forDocument'];

/**
 * The conversation(s) about one document, on the document's page: the thread inline with its
 * composer, or "Start a conversation with …" where none exists yet (the first message starts it).
 * A buyer's tender has one conversation per supplier: pick whom to talk to. Folds away.
 */
export function DocumentConversation({ about, title = 'Conversation' }: { about: ConversationAbout; title?: string }) {
  const [opened, { toggle }] = useDisclosure(true);
  const conversations = trpc.messaging.conversations.forDocument.useQuery({ about });
  const unread = conversations.data?.items.reduce((sum, item) => sum + item.unread, 0) ?? 0;
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'lg' }} data-testid="document-conversation">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Title order={5}>{title}</Title>
          {unread > 0 && (
            <Badge size="sm" color="red" aria-label={`${unread} unread`}>
              {unread}
            </Badge>
          )}
        </Group>
        <Button size="compact-sm" variant="subtle" onClick={toggle} aria-expanded={opened}>
          {opened ? 'Hide' : 'Show'}
        </Button>
      </Group>
      <Collapse expanded={opened} keepMounted={false}>
        <Stack gap="sm" mt="sm">
          <QueryView query={conversations}>{(data) => <DocumentConversationBody about={about} data={data} />}</QueryView>
        </Stack>
      </Collapse>
    </Paper>
  );
}

function DocumentConversationBody({ about, data }: { about: ConversationAbout; data: DocumentConversations }) {
  const can = useCan();
  const me = useMe();
  const own = me.data?.activeCompany?.id;
  const writer = can('messaging:write');
  const talking = new Set(data.items.flatMap((item) => item.companies.map((company) => company.id)));
  const options = [
    ...data.items.map((item) => ({ value: `c:${item.id}`, label: otherCompanies(item, own) })),
    ...(writer ? data.startWith.filter((company) => !talking.has(company.id)) : []).map((company) => ({
      value: `s:${company.id}`,
      label: `${company.name} (new)`,
    })),
  ];
  const [picked, setPicked] = useState<Choice | null>(null);
  // The latest conversation opens by itself; with none yet and several parties, the reader picks.
  const fallback = data.items.length > 0 || options.length === 1 ? options[0]?.value : undefined;
  const choice = options.find((option) => option.value === picked)?.value ?? fallback;
  if (options.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-conversation">
        {writer
          ? 'There is no one on Tradeloom to talk to about this yet.'
          : 'No conversation about this yet. Your role reads conversations but does not start them.'}
      </Text>
    );
  }
  const [kind, id = ''] = choice?.split(':') ?? [];
  return (
    <Stack gap="sm">
      {options.length > 1 && (
        <Select
          label="Conversation with"
          placeholder="Choose whom to write to"
          data={options}
          value={choice ?? null}
          onChange={(value) => value && setPicked(value)}
          allowDeselect={false}
          searchable={options.length > 8}
          w={320}
          maw="100%"
        />
      )}
      {kind === 'c' && <DocumentThread conversationId={id} />}
      {kind === 's' && (
        <StartConversation
          about={about}
          partner={data.startWith.find((company) => company.id === id)}
          onStarted={(conversationId) => setPicked(`c:${conversationId}`)}
        />
      )}
    </Stack>
  );
}

function DocumentThread({ conversationId }: { conversationId: string }) {
  const conversation = trpc.messaging.conversations.get.useQuery({ conversationId });
  return (
    <QueryView query={conversation}>
      {(data) => (
        <Stack gap="xs">
          <MessageThread conversationId={data.id} canSend={data.canSend} maxHeight="24rem" />
          <Anchor component={Link} to={`/messages/${data.id}`} size="xs">
            Open in Messages
          </Anchor>
        </Stack>
      )}
    </QueryView>
  );
}

/** The first message to a party about this document; sending it starts the conversation. */
function StartConversation({
  about,
  partner,
  onStarted,
}: {
  about: ConversationAbout;
  partner: { id: string; name: string } | undefined;
  onStarted: (conversationId: string) => void;
}) {
  const utils = trpc.useUtils();
  const start = trpc.messaging.conversations.start.useMutation({
    onSuccess: async (result) => {
      await Promise.all([utils.messaging.conversations.forDocument.invalidate({ about }), utils.messaging.conversations.list.invalidate()]);
      onStarted(result.id);
    },
  });
  if (!partner) return null;
  return (
    <Stack gap={4} data-testid="start-conversation">
      <Text size="sm">Start a conversation with {partner.name}. They see it on this document and in their messages.</Text>
      <MessageComposer
        label={`Message to ${partner.name}`}
        sendLabel="Start conversation"
        onSend={(message) =>
          start.mutateAsync({ partnerCompanyId: partner.id, about, body: message.body, attachmentFileIds: message.attachmentFileIds })
        }
      />
    </Stack>
  );
}
