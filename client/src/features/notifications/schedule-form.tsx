import { Group, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type NotificationPreferences, setPreferencesInput } from '@tradeloom/shared';
import { Controller } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { HOUR_OPTIONS, timeZoneOptions } from './time-zones.ts';

interface ScheduleValues {
  quietHours: { on: boolean; start: string; end: string };
  timeZone: string;
  digest: { enabled: boolean; hour: string };
}

// Quiet hours turned off keep the times shown last, so turning them on again starts from there.
const valuesOf = (preferences: NotificationPreferences): ScheduleValues => ({
  quietHours: {
    on: preferences.quietHours !== null,
    start: preferences.quietHours?.start ?? '22:00',
    end: preferences.quietHours?.end ?? '07:00',
  },
  timeZone: preferences.timeZone,
  digest: { enabled: preferences.digest.enabled, hour: String(preferences.digest.hour) },
});

/** Quiet hours (on/off, from, to, time zone) and the daily digest (on/off, hour), saved together. */
export function ScheduleForm({ preferences }: { preferences: NotificationPreferences }) {
  const utils = trpc.useUtils();
  const form = useZodForm(setPreferencesInput, {
    defaultValues: valuesOf(preferences),
    prepare: (values: ScheduleValues) => ({
      quietHours: values.quietHours.on ? { start: values.quietHours.start, end: values.quietHours.end } : null,
      timeZone: values.timeZone,
      digest: { enabled: values.digest.enabled, hour: Number(values.digest.hour) },
    }),
  });
  const save = trpc.notifications.preferences.set.useMutation({
    onSuccess: (next) => {
      utils.notifications.preferences.get.setData(undefined, next);
      form.reset(valuesOf(next));
      notifications.show({ color: 'teal', message: 'Quiet hours and digest saved.' });
    },
    onError: form.showServerError,
  });
  const quiet = form.watch('quietHours.on');
  const digest = form.watch('digest.enabled');
  const zone = form.watch('timeZone');
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <Controller
        control={form.control}
        name="quietHours.on"
        render={({ field }) => (
          <Switch label="Quiet hours" checked={field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} />
        )}
      />
      {quiet && (
        <Group align="flex-start" wrap="wrap">
          <TextInput label="From" type="time" w={140} {...form.register('quietHours.start')} error={form.messageOf('quietHours.start')} />
          <TextInput label="Until" type="time" w={140} {...form.register('quietHours.end')} error={form.messageOf('quietHours.end')} />
        </Group>
      )}
      <SelectField
        form={form}
        name="timeZone"
        label="Time zone"
        description="Quiet hours and the digest follow this clock."
        searchable
        // Picking the zone already chosen keeps it, rather than emptying the box.
        allowDeselect={false}
        data={timeZoneOptions(zone)}
        maw={340}
      />
      <Controller
        control={form.control}
        name="digest.enabled"
        render={({ field }) => (
          <Switch label="Daily digest by email" checked={field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} />
        )}
      />
      {digest && <SelectField form={form} name="digest.hour" label="Sent at" allowDeselect={false} data={HOUR_OPTIONS} w={140} />}
      <SubmitRow form={form} loading={save.isPending}>
        Save
      </SubmitRow>
    </SchemaForm>
  );
}
