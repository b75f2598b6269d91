import { Anchor, Button, Group, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { type MessageView, messageBody } from '@tradeloom/shared';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { trpc } from '../../lib/trpc.ts';
import type { ReplyTarget } from './message-composer.tsx';
import { MessageText } from './message-text.tsx';

/** A message's first characters, for a reply's quote. */
export const previewOf = (body: string) => (body.length > 120 ? `${body.slice(0, 120)}…` : body);

/**
 * One message: who wrote it and when, the message it answers, its text (or the tombstone), its
 * files, and the moves open to the reader: reply, and for one's own edit (in the window) and delete.
 */
export function MessageItem({
  message,
  focused = false,
  canWrite,
  onReply,
  onShowHistory,
}: {
  message: MessageView;
  /** The message a search hit led to: outlined. */
  focused?: boolean;
  /** The reader may write here (role and conversation both allow it). */
  canWrite: boolean;
  onReply: (target: ReplyTarget) => void;
  onShowHistory: (messageId: number) => void;
}) {
  const [editing, setEditing] = useState(false);
  const utils = trpc.useUtils();
  const refresh = () => utils.messaging.messages.list.invalidate({ conversationId: message.conversationId });
  const remove = trpc.messaging.messages.delete.useMutation({ onSuccess: refresh, onError: notifyError });
  const del = () => {
    if (window.confirm('Delete this message? Everyone in the conversation will see that a message was deleted.')) {
      remove.mutate({ messageId: message.id });
    }
  };
  return (
    <Paper
      id={`message-${message.id}`}
      withBorder
      p="xs"
      style={focused ? { outline: '2px solid var(--mantine-color-yellow-5)' } : undefined}
      bg={message.mine ? 'teal.0' : undefined}
      ml={message.mine ? { base: 'md', sm: 'xl' } : 0}
      mr={message.mine ? 0 : { base: 'md', sm: 'xl' }}
      data-testid={`message-${message.id}`}
      data-mine={message.mine}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap={4} wrap="wrap">
          <Text size="xs" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {message.sender.name} · {message.sender.companyName}
          </Text>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {formatDateTime(message.createdAt)}
            </Text>
            {message.editedAt && !message.deleted && (
              <UnstyledButton onClick={() => onShowHistory(message.id)} aria-label="Edited: show the earlier versions">
                <Text size="xs" c="dimmed" td="underline">
                  edited
                </Text>
              </UnstyledButton>
            )}
          </Group>
        </Group>
        {message.replyTo && (
          <Paper withBorder px={6} py={2} bg="gray.0" data-testid="reply-quote">
            <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {message.replyTo.senderName}: {message.replyTo.deleted ? 'Message deleted' : message.replyTo.preview}
            </Text>
          </Paper>
        )}
        {message.deleted || message.body === null ? (
          <Text size="sm" c="dimmed" fs="italic" data-testid="message-deleted">
            Message deleted
          </Text>
        ) : editing ? (
          <EditMessage messageId={message.id} body={message.body} onDone={() => setEditing(false)} />
        ) : (
          <MessageText body={message.body} />
        )}
        {!message.deleted && message.attachments.length > 0 && (
          <Stack gap={2}>
            {message.attachments.map((file) => (
              <Anchor key={file.fileId} href={`/files/${file.fileId}`} size="xs" style={{ overflowWrap: 'anywhere' }}>
                {file.name} ({Math.ceil(file.sizeBytes / 1024)} KB)
              </Anchor>
            ))}
          </Stack>
        )}
        {canWrite && !message.deleted && !editing && message.body !== null && (
          <Group gap={4}>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => onReply({ id: message.id, senderName: message.sender.name, preview: previewOf(message.body ?? '') })}
            >
              Reply
            </Button>
            {message.canEdit && (
              <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
            {message.mine && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={del} loading={remove.isPending}>
                Delete
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The text of one's own message in a box, saved as an edit (the earlier text stays in its history). */
function EditMessage({ messageId, body, onDone }: { messageId: number; body: string; onDone: () => void }) {
  const [text, setText] = useState(body);
  const [error, setError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const edit = trpc.messaging.messages.edit.useMutation({
    onSuccess: async () => {
      await utils.messaging.messages.invalidate();
      onDone();
    },
    // The window may have passed while the box was open: say so, and show what can still be done.
    onError: (failure) => {
      setError(errorMessage(failure));
      void utils.messaging.messages.list.invalidate();
    },
  });
  const save = () => {
    const checked = messageBody.safeParse(text);
    if (!checked.success) return setError(`Message ${checked.error.issues[0]?.message ?? 'is not valid'}.`);
    if (checked.data === body) return onDone();
    edit.mutate({ messageId, body: checked.data });
  };
  return (
    <Stack gap={4}>
      <Textarea
        aria-label="Edit the message"
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={error}
        errorProps={{ role: 'alert' }}
      />
      <Group gap={4} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button size="compact-xs" onClick={save} loading={edit.isPending}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}
