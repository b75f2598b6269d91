import { Anchor, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { NOTIFICATION_GROUP_LABELS, NOTIFICATION_GROUPS, type NotificationGroup } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { DataTable } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';

// The grid the preference and company-default screens share: one row per notification kind,
// grouped as the catalog groups them, one column per channel.

interface KindRow {
  event: string;
  group: NotificationGroup;
  label: string;
  mandatory: boolean;
}

export interface GridChannel<Channel extends string> {
  key: Channel;
  label: string;
}

export function KindGrid<Row extends KindRow, Channel extends string>({
  rows,
  channels,
  renderCell,
}: {
  rows: Row[];
  channels: GridChannel<Channel>[];
  renderCell: (row: Row, channel: Channel) => ReactNode;
}) {
  const groups = NOTIFICATION_GROUPS.map((group) => ({ group, rows: rows.filter((row) => row.group === group) })).filter(
    (entry) => entry.rows.length > 0,
  );
  return (
    // Two channels fit a phone with the labels wrapping; three scroll inside the box.
    <DataTable headers={['Notification', ...channels.map((channel) => channel.label)]} minWidth={channels.length > 2 ? 560 : 0}>
      {groups.map(({ group, rows: groupRows }) => [
        <Table.Tr key={group} bg="gray.0">
          <Table.Th colSpan={channels.length + 1} scope="colgroup">
            {NOTIFICATION_GROUP_LABELS[group]}
          </Table.Th>
        </Table.Tr>,
        ...groupRows.map((row) => (
          <Table.Tr key={row.event} data-testid={`kind-${row.event}`}>
            <Table.Td>
              <Text size="sm">{row.label}</Text>
              {row.mandatory && (
                <Text size="xs" c="dimmed">
                  Always on: security
                </Text>
              )}
            </Table.Td>
            {channels.map((channel) => (
              <Table.Td key={channel.key}>{renderCell(row, channel.key)}</Table.Td>
            ))}
          </Table.Tr>
        )),
      ])}
    </DataTable>
  );
}

export interface CellChange<Channel extends string> {
  event: string;
  channel: Channel;
  /** `null` goes back to the default. */
  enabled: boolean | null;
}

/**
 * Saving one switch at a time: which cell is saving, what went wrong with which, and the
 * sentence that confirms a save ("Email off for “A supplier ships your order”.").
 */
export function useCellSaves<Channel extends string>(labels: Record<Channel, string>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const key = (change: { event: string; channel: string }) => `${change.event}:${change.channel}`;
  return {
    errorOf: (event: string, channel: Channel) => errors[key({ event, channel })],
    started: (change: CellChange<Channel>) => setErrors(({ [key(change)]: _, ...rest }) => rest),
    failed: (change: CellChange<Channel>, error: unknown) => setErrors((current) => ({ ...current, [key(change)]: errorMessage(error) })),
    confirm: (change: CellChange<Channel>, kindLabel: string) =>
      notifications.show({
        color: 'teal',
        message: `${labels[change.channel]} ${change.enabled === null ? 'back to the default' : change.enabled ? 'on' : 'off'} for “${kindLabel}”.`,
      }),
  };
}

/**
 * One channel of one kind: the switch, a quiet word on where its value comes from, a reset when
 * it was changed here, and what went wrong saving it.
 */
export function ChannelSwitch({
  label,
  checked,
  locked,
  pending,
  source,
  onToggle,
  onReset,
  resetLabel,
  error,
}: {
  /** Read by screen readers and tests: "Email: A supplier ships your order". */
  label: string;
  checked: boolean;
  locked: boolean;
  pending: boolean;
  source?: string;
  onToggle: (enabled: boolean) => void;
  onReset?: () => void;
  resetLabel: string;
  error?: string;
}) {
  return (
    <Stack gap={2}>
      <Switch
        aria-label={label}
        checked={checked}
        disabled={locked || pending}
        onChange={(event) => onToggle(event.currentTarget.checked)}
      />
      {!locked && (source || onReset) && (
        <Group gap={6} wrap="wrap">
          {source && (
            <Text size="xs" c="dimmed">
              {source}
            </Text>
          )}
          {onReset && (
            <Anchor component="button" type="button" size="xs" onClick={onReset} disabled={pending} aria-label={`${resetLabel}: ${label}`}>
              {resetLabel}
            </Anchor>
          )}
        </Group>
      )}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
