import { Badge, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { COMPLAINT_STATUS_LABELS, type ComplaintView, complaintNoteInput } from '@tradeloom/shared';
import { Controller } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

type Entry = ComplaintView['entries'][number];

const KIND_WORDS: Record<Entry['kind'], string> = {
  filed: 'filed the complaint',
  note: 'wrote',
  assigned: 'assigned it',
  escalated: 'escalated it',
  resolved: 'resolved it',
  rejected: 'rejected it',
  reopened: 'reopened it',
};

/** Everything that happened, oldest first: shared entries and this company's own internal notes. */
export function ComplaintTimeline({ complaint, canWrite }: { complaint: ComplaintView; canWrite: boolean }) {
  return (
    <Paper withBorder p="lg" data-testid="complaint-timeline">
      <Title order={5} mb="sm">
        Timeline
      </Title>
      <Stack gap="sm">
        {complaint.entries.map((entry) => (
          <TimelineEntry key={entry.id} entry={entry} />
        ))}
        {canWrite && <NoteComposer complaint={complaint} />}
      </Stack>
    </Paper>
  );
}

function TimelineEntry({ entry }: { entry: Entry }) {
  const moved = entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus;
  return (
    <Paper p="sm" radius="sm" bg={entry.internal ? 'yellow.0' : 'gray.0'} data-testid={entry.internal ? 'internal-entry' : 'shared-entry'}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {entry.author ? `${entry.author.name} (${entry.company.name})` : entry.company.name} {KIND_WORDS[entry.kind]}
          {moved && entry.toStatus ? ` · now ${COMPLAINT_STATUS_LABELS[entry.toStatus].toLowerCase()}` : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(entry.at)}
        </Text>
      </Group>
      {entry.internal && (
        <Badge size="sm" color="yellow" variant="light" tt="none" mt={4}>
          Only your company sees this
        </Badge>
      )}
      {entry.body && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {entry.body}
        </Text>
      )}
    </Paper>
  );
}

interface NoteValues {
  body: string;
  internal: boolean;
}

function NoteComposer({ complaint }: { complaint: ComplaintView }) {
  const utils = trpc.useUtils();
  const form = useZodForm(complaintNoteInput, {
    defaultValues: { body: '', internal: false },
    prepare: (values: NoteValues) => ({ complaintId: complaint.id, body: values.body, internal: values.internal, fileIds: [] }),
  });
  const add = trpc.support.complaints.addNote.useMutation({
    onSuccess: async () => {
      form.reset({ body: '', internal: form.getValues('internal') });
      await utils.support.complaints.get.invalidate({ complaintId: complaint.id });
    },
    onError: form.showServerError,
  });
  const internal = form.watch('internal');
  const other = complaint.side === 'buyer' ? complaint.supplier.name : complaint.buyer.name;
  return (
    <SchemaForm form={form} onSubmit={(input) => add.mutate(input)}>
      <Textarea
        label="Add a note"
        autosize
        minRows={2}
        {...form.register('body')}
        error={form.messageOf('body')}
        description={internal ? `Only your company sees this note; ${other} does not.` : `${other} sees this note.`}
      />
      <Controller
        control={form.control}
        name="internal"
        render={({ field }) => (
          <Switch
            label="Internal (only your company sees it)"
            checked={field.value}
            onChange={(event) => field.onChange(event.currentTarget.checked)}
          />
        )}
      />
      <SubmitRow form={form} loading={add.isPending}>
        {internal ? 'Add internal note' : 'Add note'}
      </SubmitRow>
    </SchemaForm>
  );
}
