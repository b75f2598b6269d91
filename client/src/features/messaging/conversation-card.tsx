import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { CONVERSATION_ABOUT_LABELS, type ConversationSummary } from '@tradeloom/shared';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';

/** The other companies in a conversation, by name ("Acme Mills, Fast Freight"). */
export function otherCompanies(conversation: Pick<ConversationSummary, 'companies'>, ownCompanyId: string | undefined): string {
  const others = conversation.companies.filter((company) => company.id !== ownCompanyId);
  return (others.length ? others : conversation.companies).map((company) => company.name).join(', ');
}

/**
 * What a conversation is called: its subject, else the document it is about ("Order PO-2026-000012"),
 * else who it is with. A conversation started without a subject has an empty one.
 */
export function conversationTitle(
  conversation: { subject: string; about: Pick<NonNullable<ConversationSummary['about']>, 'type' | 'label'> | null },
  withWhom?: string,
): string {
  if (conversation.subject.trim()) return conversation.subject;
  if (conversation.about) return `${CONVERSATION_ABOUT_LABELS[conversation.about.type]} ${conversation.about.label}`;
  return withWhom ? `Conversation with ${withWhom}` : 'Conversation';
}

/** One conversation in a list: subject, who, the last message and the unread count; opens the thread. */
export function ConversationCard({ conversation, ownCompanyId }: { conversation: ConversationSummary; ownCompanyId: string | undefined }) {
  const last = conversation.lastMessage;
  const unread = conversation.unread > 0;
  const others = otherCompanies(conversation, ownCompanyId);
  return (
    <UnstyledButton component={Link} to={`/messages/${conversation.id}`} display="block" data-testid={`conversation-${conversation.id}`}>
      <Paper withBorder p="sm" bg={unread ? 'blue.0' : undefined}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={2} miw={0} style={{ flex: 1 }}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={unread ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
                {conversationTitle(conversation, others)}
              </Text>
              {conversation.about && (
                <Badge size="xs" variant="light" miw="max-content">
                  {conversation.about.label}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              With {others}
            </Text>
            {last && (
              <Text size="sm" lineClamp={1} c={last.deleted ? 'dimmed' : undefined} fs={last.deleted ? 'italic' : undefined}>
                {last.senderName}: {last.deleted ? 'Message deleted' : last.preview}
              </Text>
            )}
          </Stack>
          <Stack gap={4} align="flex-end" miw="max-content">
            <Text size="xs" c="dimmed">
              {formatDateTime(conversation.lastMessageAt)}
            </Text>
            {unread && (
              <Badge
                size="sm"
                color="red"
                circle={conversation.unread < 10}
                aria-label={`${conversation.unread} unread`}
                data-testid="unread-badge"
              >
                {conversation.unread}
              </Badge>
            )}
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
