import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

// Turns the links in a plain-text mail into app links, so a local user can click through.
function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((part, index) => {
        if (!/^https?:\/\//.test(part)) return part;
        const url = new URL(part);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
          <Anchor key={index} href={`${url.pathname}${url.search}`}>
            {part}
          </Anchor>
        );
      })}
    </Text>
  );
}

export function DevMailboxPage() {
  const mail = trpc.devMailbox.list.useQuery(undefined, { refetchInterval: 3000 });
  return (
    <Stack>
      <PageHeader
        title="Dev mailbox"
        description="Without SMTP configured, mail lands here instead of being sent. You see mail addressed to you."
      />
      <Alert color="blue">Development only: set SMTP_URL to send real email.</Alert>
      <QueryView query={mail} isEmpty={(rows) => rows.length === 0} empty="No mail yet.">
        {(rows) => (
          <Stack>
            {rows.map((message) => (
              <Paper key={message.id} withBorder p="md" data-testid="dev-mail">
                <Title order={5}>{message.subject}</Title>
                <Text size="xs" c="dimmed" mb="xs">
                  To {message.to} · {formatDateTime(message.createdAt)}
                </Text>
                <MailText text={message.text} />
              </Paper>
            ))}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
