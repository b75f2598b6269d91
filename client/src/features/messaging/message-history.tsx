import { Modal, Paper, Stack, Text } from '@mantine/core';
import { QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { MessageText } from './message-text.tsx';

/** An edited message's text now and each earlier text, with who replaced it and when. */
export function MessageHistoryModal({ messageId, onClose }: { messageId: number | null; onClose: () => void }) {
  return (
    <Modal opened={messageId !== null} onClose={onClose} title="Edit history">
      {messageId !== null && <HistoryBody messageId={messageId} />}
    </Modal>
  );
}

function HistoryBody({ messageId }: { messageId: number }) {
  const history = trpc.messaging.messages.history.useQuery({ messageId });
  return (
    <QueryView query={history}>
      {({ current, edits }) => (
        <Stack gap="xs" data-testid="message-history">
          <Paper withBorder p="xs">
            <Text size="xs" c="dimmed">
              Now{current.editedAt ? ` · since ${formatDateTime(current.editedAt)}` : ''}
            </Text>
            {current.body === null ? (
              <Text size="sm" c="dimmed" fs="italic">
                Message deleted
              </Text>
            ) : (
              <MessageText body={current.body} />
            )}
          </Paper>
          {[...edits].reverse().map((edit, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a history only grows at its end; two edits may share a millisecond
            <Paper key={`${edit.editedAt}-${index}`} withBorder p="xs" bg="gray.0">
              <Text size="xs" c="dimmed">
                Earlier text · replaced {formatDateTime(edit.editedAt)} by {edit.editedBy}
              </Text>
              <MessageText body={edit.body} />
            </Paper>
          ))}
        </Stack>
      )}
    </QueryView>
  );
}
