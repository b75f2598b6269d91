import { Badge, Checkbox, Group, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { isNotifiableKind, notificationKindSpec } from '@tradeloom/shared';
import { useState } from 'react';
import { FieldMessage } from '../../components/form.tsx';
import { QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';

interface PickableEvent {
  name: string;
  group: string;
  /** What it means in words, where the notification catalog says it ("A supplier ships your order"). */
  meaning: string | undefined;
}

const meaningOf = (name: string) => (isNotifiableKind(name) ? notificationKindSpec(name).label : undefined);
const groupLabel = (group: string) => `${group[0]?.toUpperCase() ?? ''}${group.slice(1).replace(/_/g, ' ')}`;

function groupsOf(events: PickableEvent[]): { group: string; events: PickableEvent[] }[] {
  const groups = new Map<string, PickableEvent[]>();
  for (const event of events) groups.set(event.group, [...(groups.get(event.group) ?? []), event]);
  return [...groups].map(([group, members]) => ({ group, events: members }));
}

const matches = (event: PickableEvent, search: string) =>
  !search || event.name.toLowerCase().includes(search) || (event.meaning?.toLowerCase().includes(search) ?? false);

/**
 * Which events an endpoint receives, from the server's list (`webhooks.events`), grouped by what
 * they are about; a group's box picks or drops all of its events that the search shows.
 */
export function EventPicker({ value, onChange, error }: { value: string[]; onChange: (events: string[]) => void; error?: string }) {
  const catalog = trpc.webhooks.events.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const [search, setSearch] = useState('');
  const chosen = new Set(value);
  const setMany = (names: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const name of names) {
      if (on) next.add(name);
      else next.delete(name);
    }
    // Kept in the catalog's order, so the saved list reads the same way every time.
    onChange((catalog.data?.events ?? []).map((event) => event.name).filter((name) => next.has(name)));
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <TextInput
          label="Events"
          description="What this endpoint receives. Search by name or meaning."
          placeholder="e.g. order, invoice, awarded"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
          maw="100%"
        />
        <Badge variant="light" size="lg" tt="none" data-testid="events-chosen">
          {value.length} chosen
        </Badge>
      </Group>
      <FieldMessage message={error} />
      <Paper withBorder p="sm">
        <QueryView query={catalog}>
          {(data) => {
            const needle = search.trim().toLowerCase();
            const events = data.events.map((event) => ({ ...event, meaning: meaningOf(event.name) }));
            const groups = groupsOf(events.filter((event) => matches(event, needle)));
            if (groups.length === 0)
              return (
                <Text size="sm" c="dimmed">
                  No event matches “{search.trim()}”.
                </Text>
              );
            return (
              <ScrollArea.Autosize mah={360}>
                <Stack gap="md">
                  {groups.map(({ group, events: shown }) => (
                    <EventGroup key={group} group={group} events={shown} chosen={chosen} setMany={setMany} />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            );
          }}
        </QueryView>
      </Paper>
    </Stack>
  );
}

function EventGroup({
  group,
  events,
  chosen,
  setMany,
}: {
  group: string;
  events: PickableEvent[];
  chosen: ReadonlySet<string>;
  setMany: (names: string[], on: boolean) => void;
}) {
  const names = events.map((event) => event.name);
  const picked = names.filter((name) => chosen.has(name)).length;
  return (
    <Stack gap={6} data-testid={`event-group-${group}`}>
      <Checkbox
        fw={600}
        label={`${groupLabel(group)} (${picked} of ${names.length})`}
        aria-label={`All ${groupLabel(group)} events`}
        checked={picked === names.length}
        indeterminate={picked > 0 && picked < names.length}
        onChange={(event) => setMany(names, event.currentTarget.checked)}
      />
      <Stack gap={6} pl="lg">
        {events.map((event) => (
          <Checkbox
            key={event.name}
            label={
              <Text size="sm" ff="monospace" component="span">
                {event.name}
              </Text>
            }
            aria-label={event.name}
            description={event.meaning}
            checked={chosen.has(event.name)}
            onChange={(change) => setMany([event.name], change.currentTarget.checked)}
          />
        ))}
      </Stack>
    </Stack>
  );
}
