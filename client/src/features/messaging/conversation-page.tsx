import { Anchor, Button, Menu, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CONVERSATION_ABOUT_LABELS, type ConversationView } from '@tradeloom/shared';
import { Link, useLocation, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { notifyError } from '../../lib/notify.ts';
import { useCan, useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { conversationTitle, otherCompanies } from './conversation-card.tsx';
import { MessageThread } from './message-thread.tsx';

const CONVERSATION_NOT_FOUND = { title: 'Conversation not found', to: '/messages', label: 'Back to messages' };

/** One conversation: what it is about, who is in it, and its messages with the composer. */
export function ConversationPage() {
  const { conversationId = '' } = useParams();
  const location = useLocation();
  const focus = Number(/^#message-(\d+)$/.exec(location.hash)?.[1]) || undefined;
  const conversation = trpc.messaging.conversations.get.useQuery({ conversationId });
  return (
    <QueryView query={conversation} notFound={CONVERSATION_NOT_FOUND}>
      {(data) => (
        <Stack>
          <ConversationHeader conversation={data} />
          <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
            <MessageThread conversationId={data.id} canSend={data.canSend} focusMessageId={focus} />
          </Paper>
        </Stack>
      )}
    </QueryView>
  );
}

function ConversationHeader({ conversation }: { conversation: ConversationView }) {
  const me = useMe();
  const about = conversation.about;
  const others = otherCompanies(conversation, me.data?.activeCompany?.id);
  const title = conversationTitle(conversation, others);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Messages', to: '/messages' }, { label: title }]} />
      <PageHeader
        title={title}
        description={
          <>
            With {others}
            {about && (
              <>
                {' · '}
                {CONVERSATION_ABOUT_LABELS[about.type]}{' '}
                {about.linkPath ? (
                  <Anchor component={Link} to={about.linkPath} size="sm">
                    {about.label}
                  </Anchor>
                ) : (
                  <Text span size="sm">
                    {about.label}
                  </Text>
                )}
              </>
            )}
          </>
        }
        actions={<AddCompany conversation={conversation} />}
      />
    </>
  );
}

/** Brings in another company the server offers (the document's other party, or one of our partners). */
function AddCompany({ conversation }: { conversation: ConversationView }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const add = trpc.messaging.conversations.addCompany.useMutation({
    onSuccess: (_result, input) => {
      const name = conversation.canAdd.find((company) => company.id === input.companyId)?.name ?? 'The company';
      notifications.show({ color: 'teal', message: `${name} can now read and write in this conversation.` });
      return utils.messaging.conversations.invalidate();
    },
    onError: notifyError,
  });
  if (!can('messaging:write') || !conversation.canSend || conversation.canAdd.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" loading={add.isPending}>
          Add a company
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>They will see the whole conversation</Menu.Label>
        {conversation.canAdd.map((company) => (
          <Menu.Item
            key={company.id}
            onClick={() => {
              if (window.confirm(`Add ${company.name}? They will see every message in this conversation, earlier ones included.`)) {
                add.mutate({ conversationId: conversation.id, companyId: company.id });
              }
            }}
          >
            {company.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
