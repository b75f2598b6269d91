import {
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData } from '@tanstack/react-query';
import { CHANNEL_LABELS, type NotificationChannel, saveTemplateInput } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, PageHeader, type QueryLike, QueryView } from '../../components/ui.tsx';
import { serverFieldErrors } from '../../lib/errors.ts';
import { notifyError } from '../../lib/notify.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { sentence, useZodForm } from '../../lib/zod-form.ts';
import { OperatorOnly } from '../console/operator-only.tsx';

type TemplateList = RouterOutputs['notifications']['templates']['list'];
type TemplateRow = TemplateList['rows'][number];
type PreviewQuery = QueryLike<RouterOutputs['notifications']['templates']['preview']>;

const hrefOf = (row: { event: string; channel: string }) =>
  `/admin/notification-templates?${new URLSearchParams({ event: row.event, channel: row.channel })}`;

/** The operators' wording of every notification per channel, with a live preview. */
export function NotificationTemplatesPage() {
  return (
    <OperatorOnly>
      <Templates />
    </OperatorOnly>
  );
}

function Templates() {
  const [params] = useSearchParams();
  const templates = trpc.notifications.templates.list.useQuery();
  const event = params.get('event');
  const channel = params.get('channel');
  return (
    <Stack>
      <PageHeader
        title="Notification templates"
        description="The subject and text of every notification, in the app and by email. Values are escaped where they land."
      />
      <QueryView query={templates}>
        {(data) => {
          const selected = data.rows.find((row) => row.event === event && row.channel === channel);
          return selected ? (
            <TemplateEditor key={`${selected.event}:${selected.channel}`} row={selected} fields={data.fields} />
          ) : (
            <TemplateTable rows={data.rows} />
          );
        }}
      </QueryView>
    </Stack>
  );
}

function TemplateTable({ rows }: { rows: TemplateRow[] }) {
  const [search, setSearch] = useState('');
  const [channel, setChannel] = useState<string | null>(null);
  const needle = search.trim().toLowerCase();
  const shown = rows.filter(
    (row) => (!channel || row.channel === channel) && (!needle || row.label.toLowerCase().includes(needle) || row.event.includes(needle)),
  );
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Search" placeholder="Notification" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
          <Select
            label="Channel"
            placeholder="Any"
            clearable
            data={[
              { value: 'in_app', label: CHANNEL_LABELS.in_app },
              { value: 'email', label: CHANNEL_LABELS.email },
            ]}
            value={channel}
            onChange={setChannel}
            w={160}
          />
        </Group>
        {shown.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            No template matches.
          </Text>
        ) : (
          <DataTable headers={['Notification', 'Channel', 'Subject', '']} minWidth={640}>
            {shown.map((row) => (
              <Table.Tr key={`${row.event}:${row.channel}`}>
                <Table.Td>
                  <Anchor component={Link} to={hrefOf(row)} size="sm">
                    {row.label}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {row.event}
                  </Text>
                </Table.Td>
                <Table.Td>{CHANNEL_LABELS[row.channel]}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" lineClamp={1}>
                    {row.subject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {row.custom && (
                    <Badge variant="light" color="grape">
                      custom
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Stack>
    </Paper>
  );
}

function TemplateEditor({ row, fields }: { row: TemplateRow; fields: TemplateList['fields'] }) {
  const utils = trpc.useUtils();
  const key = { event: row.event, channel: row.channel as NotificationChannel };
  const form = useZodForm(saveTemplateInput, { defaultValues: { ...key, subject: row.subject, body: row.body } });
  const afterChange = async (saved: TemplateRow, message: string) => {
    form.reset({ ...key, subject: saved.subject, body: saved.body });
    await utils.notifications.templates.list.invalidate();
    notifications.show({ color: 'teal', message });
  };
  const save = trpc.notifications.templates.save.useMutation({
    onSuccess: (saved) => afterChange(saved, 'Template saved.'),
    onError: form.showServerError,
  });
  const reset = trpc.notifications.templates.reset.useMutation({
    onSuccess: (saved) => afterChange(saved, 'Back to the built-in wording.'),
    onError: notifyError,
  });
  const [draft] = useDebouncedValue({ subject: form.watch('subject'), body: form.watch('body') }, 300);
  const preview = trpc.notifications.templates.preview.useQuery({ ...key, ...draft }, { placeholderData: keepPreviousData, retry: false });
  // The preview refuses what saving would (an unknown placeholder): said under the field while typing.
  const previewProblems = serverFieldErrors(preview.error);
  const messageOf = (field: 'subject' | 'body') => form.messageOf(field) ?? sentence(previewProblems[field]?.[0]);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={3}>{row.label}</Title>
          <Text size="sm" c="dimmed">
            {CHANNEL_LABELS[row.channel]} · <Code>{row.event}</Code> {row.custom && '· custom wording'}
          </Text>
        </Stack>
        <Button component={Link} to="/admin/notification-templates" variant="default" size="xs">
          All templates
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
            <TextInput label="Subject" {...form.register('subject')} error={messageOf('subject')} />
            <Textarea label="Body" autosize minRows={8} maxRows={20} {...form.register('body')} error={messageOf('body')} />
            <FieldList fields={fields} />
            <SubmitRow
              form={form}
              loading={save.isPending}
              extra={
                row.custom && (
                  <Button variant="default" loading={reset.isPending} onClick={() => reset.mutate(key)}>
                    Reset to built-in
                  </Button>
                )
              }
            >
              Save
            </SubmitRow>
          </SchemaForm>
        </Paper>
        <TemplatePreview channel={row.channel} preview={preview} />
      </SimpleGrid>
    </Stack>
  );
}

function FieldList({ fields }: { fields: TemplateList['fields'] }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Fields
      </Text>
      {fields.map((field) => (
        <Text size="xs" key={field.name}>
          <Code>{`{${field.name}}`}</Code> {field.label}
        </Text>
      ))}
    </Stack>
  );
}

/** The draft rendered with sample values by the server's own renderer; the HTML in a sandbox that runs nothing. */
function TemplatePreview({ channel, preview }: { channel: NotificationChannel; preview: PreviewQuery }) {
  const refused = Object.keys(serverFieldErrors(preview.error)).length > 0;
  return (
    <Paper withBorder p="md" data-testid="template-preview">
      <Title order={4} mb="sm">
        Preview
      </Title>
      {refused ? (
        <Text size="sm" c="dimmed">
          The preview returns once the subject and body use only the fields listed.
        </Text>
      ) : (
        <QueryView query={preview}>
          {(data) => (
            <Stack gap="sm">
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Subject
                </Text>
                <Text fw={600} data-testid="preview-subject">
                  {data.subject}
                </Text>
              </Stack>
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Text
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
                  {data.text}
                </Text>
              </Stack>
              {channel === 'email' && (
                <Stack gap={2}>
                  <Text size="xs" c="dimmed">
                    Email (HTML)
                  </Text>
                  <iframe
                    title="Email preview"
                    sandbox=""
                    srcDoc={data.html}
                    style={{ width: '100%', minHeight: 260, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
                  />
                </Stack>
              )}
            </Stack>
          )}
        </QueryView>
      )}
    </Paper>
  );
}
