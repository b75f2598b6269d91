import { Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { type ApiKeyUsage, formatNumber, setApiKeyRateLimitInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

/** One key's rate limit (editable by those who manage keys) and its calls over the last 14 UTC days. */
export function KeyUsage({ apiKeyId, revoked }: { apiKeyId: string; revoked: boolean }) {
  const can = useCan();
  const usage = trpc.apiKeys.usage.useQuery({ apiKeyId, days: 14 });
  return (
    <QueryView query={usage}>
      {(data) => (
        <Stack>
          {can('apiKeys:manage') && !revoked ? (
            <LimitForm usage={data} />
          ) : (
            <Text size="sm">Limit: {formatNumber(data.limitPerMinute)} calls a minute.</Text>
          )}
          <UsageBars days={data.days} />
          <DataTable headers={['Day (UTC)', { label: 'Calls', numeric: true }, { label: 'Refused (429)', numeric: true }]}>
            {[...data.days].reverse().map((day) => (
              <Table.Tr key={day.day}>
                <Table.Td>{formatDate(day.day)}</Table.Td>
                <NumberCell>{formatNumber(day.requests)}</NumberCell>
                <NumberCell>{day.limited ? formatNumber(day.limited) : '—'}</NumberCell>
              </Table.Tr>
            ))}
          </DataTable>
        </Stack>
      )}
    </QueryView>
  );
}

function LimitForm({ usage }: { usage: ApiKeyUsage }) {
  const utils = trpc.useUtils();
  const form = useZodForm(setApiKeyRateLimitInput, {
    defaultValues: { apiKeyId: usage.apiKeyId, perMinute: usage.customLimitPerMinute?.toString() ?? '' },
    // An empty box means the default limit.
    prepare: (values: { apiKeyId: string; perMinute: string }) => ({
      apiKeyId: values.apiKeyId,
      perMinute: values.perMinute.trim() === '' ? null : Number(values.perMinute),
    }),
  });
  const save = trpc.apiKeys.setRateLimit.useMutation({
    onSuccess: () => Promise.all([utils.apiKeys.usage.invalidate({ apiKeyId: usage.apiKeyId }), utils.apiKeys.list.invalidate()]),
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <TextInput
        label="Calls per minute"
        inputMode="numeric"
        placeholder={`Default: ${formatNumber(usage.defaultPerMinute)}`}
        description={`Leave empty for the default (${formatNumber(usage.defaultPerMinute)}). Your plan allows up to ${formatNumber(usage.ceilingPerMinute)}.`}
        {...form.register('perMinute')}
        error={form.messageOf('perMinute')}
      />
      <SubmitRow form={form} loading={save.isPending}>
        Save limit
      </SubmitRow>
    </SchemaForm>
  );
}

/** The days' calls as bars, refused calls in red on top: the shape of the fortnight at a glance. */
function UsageBars({ days }: { days: ApiKeyUsage['days'] }) {
  const peak = Math.max(1, ...days.map((day) => day.requests));
  const total = days.reduce((sum, day) => sum + day.requests, 0);
  return (
    <Stack gap={4}>
      <Group
        gap={2}
        align="flex-end"
        h={48}
        role="img"
        aria-label={`Calls per day over ${days.length} days: ${formatNumber(total)} in all`}
      >
        {days.map((day) => {
          const height = (day.requests / peak) * 48;
          const refused = day.requests ? (day.limited / day.requests) * height : 0;
          return (
            <Stack key={day.day} gap={0} justify="flex-end" style={{ flex: 1, height: 48 }} title={`${day.day}: ${day.requests} calls`}>
              <div style={{ height: refused, background: 'var(--mantine-color-red-5)' }} />
              <div style={{ height: Math.max(height - refused, day.requests ? 1 : 0), background: 'var(--mantine-color-blue-5)' }} />
            </Stack>
          );
        })}
      </Group>
      <Text size="xs" c="dimmed">
        {formatNumber(total)} calls in {days.length} days
      </Text>
    </Stack>
  );
}
