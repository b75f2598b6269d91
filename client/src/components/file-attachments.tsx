import { Anchor, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { type UploadedFile, uploadFile } from '../lib/upload.ts';
import { type QueryLike, QueryView } from './ui.tsx';

export interface AttachmentRow {
  fileId: string;
  filename: string;
  sizeBytes: number;
  /** Shown under the name, e.g. who attached it. */
  caption?: string;
  removable: boolean;
}

/** Files attached to a record: download links, remove where allowed, upload-and-attach. */
export function FileAttachments({
  query,
  canAttach,
  attach,
  remove,
  label = 'Add a PDF, PNG or JPEG',
}: {
  query: QueryLike<AttachmentRow[]>;
  canAttach: boolean;
  /** Gets the uploaded file's record too, for a form that lists what it will attach on save. */
  attach: (fileId: string, uploaded: UploadedFile) => Promise<unknown>;
  remove: (fileId: string) => void;
  label?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const uploaded = await uploadFile(file);
      await attach(uploaded.id, uploaded);
      setFile(null);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <QueryView query={query} isEmpty={(rows) => rows.length === 0} empty="No files attached.">
        {(rows) => (
          <Stack gap={4}>
            {rows.map((row) => (
              <Group key={row.fileId} justify="space-between" data-testid={`file-${row.filename}`}>
                <div>
                  <Anchor href={`/files/${row.fileId}`}>{row.filename}</Anchor>
                  {row.caption && (
                    <Text size="xs" c="dimmed">
                      {row.caption}
                    </Text>
                  )}
                </div>
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {Math.ceil(row.sizeBytes / 1024)} KB
                  </Text>
                  {row.removable && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove(row.fileId)}>
                      Remove
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </QueryView>
      {canAttach && (
        <Group align="flex-end">
          <FileInput label={label} accept="application/pdf,image/png,image/jpeg" value={file} onChange={setFile} clearable w={300} />
          <Button onClick={add} disabled={!file} loading={busy}>
            Attach
          </Button>
        </Group>
      )}
    </Stack>
  );
}
