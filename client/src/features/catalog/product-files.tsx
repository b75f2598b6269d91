import { Anchor, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { QueryView } from '../../app/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { uploadFile } from '../../lib/upload.ts';

/** Images and spec sheets of one product: the supplier adds and removes, linked buyers download. */
export function ProductFiles({ productId, editable }: { productId: string; editable: boolean }) {
  const utils = trpc.useUtils();
  const files = trpc.catalog.products.attachments.useQuery({ productId });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => utils.catalog.products.attachments.invalidate({ productId });
  const attach = trpc.catalog.products.attach.useMutation({ onSuccess: refresh });
  const detach = trpc.catalog.products.detach.useMutation({ onSuccess: refresh });
  const add = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const uploaded = await uploadFile(file);
      await attach.mutateAsync({ productId, fileId: uploaded.id });
      setFile(null);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <QueryView query={files} isEmpty={(rows) => rows.length === 0} empty="No files attached.">
        {(rows) => (
          <Stack gap={4}>
            {rows.map((row) => (
              <Group key={row.fileId} justify="space-between">
                <Anchor href={`/files/${row.fileId}`}>{row.filename}</Anchor>
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {Math.ceil(row.sizeBytes / 1024)} KB
                  </Text>
                  {editable && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => detach.mutate({ productId, fileId: row.fileId })}>
                      Remove
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </QueryView>
      {editable && (
        <Group align="flex-end">
          <FileInput
            label="Add a PDF, PNG or JPEG"
            accept="application/pdf,image/png,image/jpeg"
            value={file}
            onChange={setFile}
            clearable
            w={300}
          />
          <Button onClick={add} disabled={!file} loading={busy}>
            Attach
          </Button>
        </Group>
      )}
    </Stack>
  );
}
