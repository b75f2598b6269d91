import { Button, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  type ComplaintAboutType,
  type ComplaintCategory,
  fileComplaintInput,
} from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FileAttachments } from '../../components/file-attachments.tsx';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

interface About {
  type: ComplaintAboutType;
  id: string;
  /** The document as the buyer knows it ("PO-2026-000012"), for the dialog's title. */
  label: string;
}

/**
 * "File a complaint" on a document the company bought: the buyer's side only, and only for a role
 * that may write complaints (the caller decides the side, this the permission).
 */
export function FileComplaintButton({ about }: { about: About }) {
  const can = useCan();
  const [opened, setOpened] = useState(false);
  if (!can('support:write')) return null;
  return (
    <>
      <Button size="sm" variant="default" onClick={() => setOpened(true)}>
        File a complaint
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`File a complaint about ${about.label}`} size="lg">
        <FileComplaintForm about={about} />
      </Modal>
    </>
  );
}

interface Values {
  category: string;
  description: string;
  amountClaimed: string;
  evidenceFileIds: string[];
}

interface Evidence {
  fileId: string;
  filename: string;
  sizeBytes: number;
}

function FileComplaintForm({ about }: { about: About }) {
  const can = useCan();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const form = useZodForm(fileComplaintInput, {
    defaultValues: { category: '', description: '', amountClaimed: '', evidenceFileIds: [] },
    // No amount is "not claiming one", not a wrong amount.
    prepare: (values: Values) => ({
      about: { type: about.type, id: about.id },
      // Left empty, the schema says "is required" rather than listing the categories.
      category: (values.category || undefined) as ComplaintCategory,
      description: values.description,
      amountClaimed: values.amountClaimed.trim() || undefined,
      evidenceFileIds: evidence.map((file) => file.fileId),
    }),
  });
  const file = trpc.support.complaints.file.useMutation({
    onSuccess: async ({ id }) => {
      await utils.support.complaints.invalidate();
      navigate(`/complaints/${id}`);
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => file.mutate(input)}>
      <Text size="sm">The supplier sees the complaint, its evidence and your shared notes at once, and has a deadline to answer.</Text>
      <SelectField
        form={form}
        name="category"
        label="Category"
        placeholder="What went wrong"
        required
        allowDeselect={false}
        data={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: COMPLAINT_CATEGORY_LABELS[c] }))}
      />
      <Textarea
        label="Description"
        description="What you received, what was agreed, and what you ask for."
        required
        autosize
        minRows={3}
        {...form.register('description')}
        error={form.messageOf('description')}
      />
      <TextInput
        label="Amount claimed (optional)"
        inputMode="decimal"
        placeholder="125000"
        {...form.register('amountClaimed')}
        error={form.messageOf('amountClaimed')}
        w={240}
        maw="100%"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Evidence
        </Text>
        <Text size="xs" c="dimmed">
          Photos, test reports or delivery notes (up to 10 files).
        </Text>
        <FileAttachments
          query={{ data: evidence.map((row) => ({ ...row, removable: true })), error: null, isPending: false, refetch: () => undefined }}
          canAttach={can('files:write') && evidence.length < 10}
          attach={async (fileId, uploaded) =>
            setEvidence((rows) => [...rows, { fileId, filename: uploaded.filename, sizeBytes: uploaded.sizeBytes }])
          }
          remove={(fileId) => setEvidence((rows) => rows.filter((row) => row.fileId !== fileId))}
        />
        <FieldMessage message={form.messageOf('evidenceFileIds')} />
      </Stack>
      <SubmitRow form={form} loading={file.isPending}>
        File complaint
      </SubmitRow>
    </SchemaForm>
  );
}
