import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { CHANNEL_LABELS, NOTIFICATION_CHANNELS, type NotificationChannel } from '@tradeloom/shared';
import { Link } from 'react-router';
import { RequirePermission } from '../../components/require-permission.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { type CellChange, ChannelSwitch, KindGrid, useCellSaves } from './kind-grid.tsx';

const CHANNELS = NOTIFICATION_CHANNELS.map((key) => ({ key, label: CHANNEL_LABELS[key] }));

/** An admin's defaults for the company's members; each member may still choose otherwise. */
export function NotificationDefaultsPage() {
  return (
    <RequirePermission permission="notifications:manage" back={{ to: '/settings/notifications', label: 'Your notification settings' }}>
      <Stack>
        <PageHeader
          title="Notification defaults"
          description="What your members hear about, and where, until they choose otherwise. Security notices cannot be turned off."
        />
        <Paper withBorder p="lg">
          <Text size="sm" c="dimmed" mb="sm">
            A setting marked “custom” differs from Tradeloom’s default. Your own systems choose their events per endpoint in{' '}
            <Anchor component={Link} to="/settings/webhooks" size="sm">
              Settings → Webhooks
            </Anchor>
            .
          </Text>
          <DefaultsGrid />
        </Paper>
      </Stack>
    </RequirePermission>
  );
}

function DefaultsGrid() {
  const utils = trpc.useUtils();
  const defaults = trpc.notifications.defaults.get.useQuery();
  const saves = useCellSaves<NotificationChannel>(CHANNEL_LABELS);
  const set = trpc.notifications.defaults.set.useMutation({
    onMutate: ({ changes }) => changes[0] && saves.started(changes[0]),
    onSuccess: (next, { changes }) => {
      utils.notifications.defaults.get.setData(undefined, next);
      // A member's rows that follow the company default change with it.
      void utils.notifications.preferences.get.invalidate();
      const change = changes[0];
      const row = next.rows.find((candidate) => candidate.event === change?.event);
      if (change && row) saves.confirm(change, row.label);
    },
    onError: (error, { changes }) => changes[0] && saves.failed(changes[0], error),
  });
  const save = (change: CellChange<NotificationChannel>) => set.mutate({ changes: [change] });
  const saving = set.isPending ? set.variables?.changes[0] : undefined;
  return (
    <QueryView query={defaults}>
      {(data) => (
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
                source={setting.custom ? 'custom' : undefined}
                onToggle={(enabled) => save({ event: row.event, channel, enabled })}
                onReset={setting.custom ? () => save({ event: row.event, channel, enabled: null }) : undefined}
                resetLabel="Reset"
                error={saves.errorOf(row.event, channel)}
              />
            );
          }}
        />
      )}
    </QueryView>
  );
}
