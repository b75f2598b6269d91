import { Paper, Stack, Text, Title } from '@mantine/core';
import { CHANNEL_LABELS, NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationPreferences } from '@tradeloom/shared';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { type CellChange, ChannelSwitch, KindGrid, useCellSaves } from './kind-grid.tsx';
import { ScheduleForm } from './schedule-form.tsx';

const CHANNELS = NOTIFICATION_CHANNELS.map((key) => ({ key, label: CHANNEL_LABELS[key] }));

const SOURCE_WORDS = { user: 'your choice', company: 'company default', platform: 'default' } as const;

/** Every member's own choices: what they hear about, where, and when not to be disturbed. */
export function NotificationPreferencesPage() {
  const preferences = trpc.notifications.preferences.get.useQuery();
  return (
    <Stack>
      <PageHeader
        title="Notification settings"
        description="What you hear about and where. These are yours alone: your colleagues choose for themselves."
      />
      <QueryView query={preferences}>
        {(data) => (
          <Stack>
            <Paper withBorder p="lg">
              <Title order={4} mb={4}>
                What you hear about
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                Emails go to {data.email}. Only what your role can see is listed.
              </Text>
              <PreferenceGrid data={data} />
            </Paper>
            <Paper withBorder p="lg">
              <Title order={4} mb={4}>
                Quiet hours and daily digest
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                During quiet hours emails wait until they end (security notices still arrive). The digest sums up by email what you did not
                read.
              </Text>
              <ScheduleForm preferences={data} />
            </Paper>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

function PreferenceGrid({ data }: { data: NotificationPreferences }) {
  const utils = trpc.useUtils();
  const saves = useCellSaves<NotificationChannel>(CHANNEL_LABELS);
  const set = trpc.notifications.preferences.set.useMutation({
    onMutate: ({ changes }) => changes?.[0] && saves.started(changes[0]),
    onSuccess: (next, { changes }) => {
      utils.notifications.preferences.get.setData(undefined, next);
      const change = changes?.[0];
      const row = next.rows.find((candidate) => candidate.event === change?.event);
      if (change && row) saves.confirm(change, row.label);
    },
    onError: (error, { changes }) => changes?.[0] && saves.failed(changes[0], error),
  });
  const save = (change: CellChange<NotificationChannel>) => set.mutate({ changes: [change] });
  const saving = set.isPending ? set.variables?.changes?.[0] : undefined;
  return (
    <KindGrid
      rows={data.rows}
      channels={CHANNELS}
      renderCell={(row, channel) => {
        const setting = row[channel];
        return (
          <ChannelSwitch
            label={`${CHANNEL_LABELS[channel]}: ${row.label}`}
            checked={setting.enabled}
            locked={row.mandatory}
            pending={saving?.event === row.event && saving.channel === channel}
            source={SOURCE_WORDS[setting.source]}
            onToggle={(enabled) => save({ event: row.event, channel, enabled })}
            onReset={setting.source === 'user' ? () => save({ event: row.event, channel, enabled: null }) : undefined}
            resetLabel="Reset to default"
            error={saves.errorOf(row.event, channel)}
          />
        );
      }}
    />
  );
}
