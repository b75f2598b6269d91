import { Alert, Button, CloseButton, FileButton, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { MESSAGE_LIMITS, messageBody } from '@tradeloom/shared';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/errors.ts';
import { type UploadedFile, uploadFile } from '../../lib/upload.ts';

export interface OutgoingMessage {
  body: string;
  attachmentFileIds: string[];
  replyToId?: number;
}

export interface ReplyTarget {
  id: number;
  senderName: string;
  preview: string;
}

/**
 * Writes one message: Enter sends, Shift+Enter starts a new line. Files are uploaded as they are
 * picked and sent with the message. A refusal (too long, too many, rate limited, link ended) is
 * said under the box, and what was typed stays.
 */
export function MessageComposer({
  onSend,
  replyTo,
  onCancelReply,
  disabledReason,
  label = 'Message',
  sendLabel = 'Send',
}: {
  onSend: (message: OutgoingMessage) => Promise<unknown>;
  replyTo?: ReplyTarget | null;
  onCancelReply?: () => void;
  /** Why nothing can be sent here (a general conversation whose partner link ended). */
  disabledReason?: string | null;
  label?: string;
  sendLabel?: string;
}) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  // Choosing "Reply" puts the cursor in the box.
  const replyId = replyTo?.id;
  useEffect(() => {
    if (replyId) box.current?.focus();
  }, [replyId]);

  if (disabledReason) {
    return (
      <Alert color="gray" role="status" data-testid="composer-disabled">
        {disabledReason}
      </Alert>
    );
  }

  const attach = async (picked: File[]) => {
    if (files.length + picked.length > MESSAGE_LIMITS.attachments) {
      setError(`A message takes at most ${MESSAGE_LIMITS.attachments} files.`);
      return;
    }
    setUploading(true);
    setError(null);
    try {
      for (const file of picked) {
        const uploaded = await uploadFile(file);
        setFiles((current) => [...current, uploaded]);
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setUploading(false);
    }
  };

  const send = async () => {
    if (sending || uploading) return;
    // The server's own rule, so the words match what it would answer.
    const checked = messageBody.safeParse(body);
    if (!checked.success) {
      setError(`Message ${checked.error.issues[0]?.message ?? 'is not valid'}.`);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onSend({ body: checked.data, attachmentFileIds: files.map((file) => file.id), replyToId: replyTo?.id });
      setBody('');
      setFiles([]);
      onCancelReply?.();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const over = body.length > MESSAGE_LIMITS.bodyChars;
  return (
    <Stack gap={6} data-testid="composer">
      {replyTo && (
        <Paper withBorder p={6} bg="gray.0" data-testid="composer-reply">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              Replying to <b>{replyTo.senderName}</b>: {replyTo.preview}
            </Text>
            <CloseButton size="sm" aria-label="Cancel the reply" onClick={onCancelReply} />
          </Group>
        </Paper>
      )}
      <Textarea
        ref={box}
        label={label}
        placeholder="Write a message. Enter sends, Shift+Enter starts a new line."
        autosize
        minRows={2}
        maxRows={8}
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
        description={over ? `${body.length} of ${MESSAGE_LIMITS.bodyChars} characters` : undefined}
      />
      {files.length > 0 && (
        <Group gap={6}>
          {files.map((file) => (
            <Paper key={file.id} withBorder px={6} py={2} data-testid={`pending-file-${file.filename}`}>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" truncate maw={180}>
                  {file.filename}
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={`Remove ${file.filename}`}
                  onClick={() => setFiles((current) => current.filter((f) => f.id !== file.id))}
                />
              </Group>
            </Paper>
          ))}
        </Group>
      )}
      {error && (
        <Text c="red" size="sm" role="alert" data-testid="composer-error">
          {error}
        </Text>
      )}
      <Group justify="space-between" gap="xs">
        <FileButton onChange={(picked) => void attach(picked)} accept="application/pdf,image/png,image/jpeg" multiple>
          {(props) => (
            <Button {...props} variant="subtle" size="xs" loading={uploading}>
              Attach files
            </Button>
          )}
        </FileButton>
        <Button onClick={() => void send()} loading={sending} disabled={uploading}>
          {sendLabel}
        </Button>
      </Group>
    </Stack>
  );
}
