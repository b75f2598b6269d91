import { Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { COMPLAINT_CATEGORY_LABELS, type ComplaintCategory, setSlaPoliciesInput } from '@tradeloom/shared';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

type Policy = RouterOutputs['support']['sla']['get']['policies'][number];

/** How long the company gives itself to answer and to settle each category of complaint. */
export function SlaSettingsPage() {
  const can = useCan();
  const policies = trpc.support.sla.get.useQuery();
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Settings', to: '/settings' }, { label: 'Complaint response times' }]} />
      <PageHeader
        title="Complaint response times"
        description="Hours your company gives itself, per category, to first answer a buyer's complaint and to resolve it. A complaint that misses either is escalated to your managers."
      />
      <Paper withBorder p="lg">
        <QueryView query={policies}>
          {(data) => (can('settings:write') ? <SlaForm policies={data.policies} /> : <SlaTable policies={data.policies} />)}
        </QueryView>
      </Paper>
    </Stack>
  );
}

function SlaTable({ policies }: { policies: Policy[] }) {
  return (
    <DataTable
      headers={['Category', { label: 'First response (hours)', numeric: true }, { label: 'Resolution (hours)', numeric: true }, '']}
    >
      {policies.map((policy) => (
        <Table.Tr key={policy.category} data-testid={`sla-${policy.category}`}>
          <Table.Td>{COMPLAINT_CATEGORY_LABELS[policy.category]}</Table.Td>
          <NumberCell>{policy.firstResponseHours}</NumberCell>
          <NumberCell>{policy.resolutionHours}</NumberCell>
          <Table.Td>
            <Text size="xs" c="dimmed">
              {policy.custom ? 'Set by your company' : 'Platform default'}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

interface Row {
  category: ComplaintCategory;
  firstResponseHours: string;
  resolutionHours: string;
}

/** Whole hours as typed; an empty or unreadable box stays as typed, for the schema to name. */
const hours = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : (value as unknown as number));

function SlaForm({ policies }: { policies: Policy[] }) {
  const utils = trpc.useUtils();
  const form = useZodForm(setSlaPoliciesInput, {
    defaultValues: {
      policies: policies.map((policy) => ({
        category: policy.category,
        firstResponseHours: String(policy.firstResponseHours),
        resolutionHours: String(policy.resolutionHours),
      })),
    },
    prepare: (values: { policies: Row[] }) => ({
      policies: values.policies.map((row) => ({
        category: row.category,
        firstResponseHours: hours(row.firstResponseHours),
        resolutionHours: hours(row.resolutionHours),
      })),
    }),
  });
  const save = trpc.support.sla.set.useMutation({
    onSuccess: async (saved) => {
      utils.support.sla.get.setData(undefined, saved);
      notifications.show({ color: 'teal', message: 'Response times saved. They apply to complaints filed from now on.' });
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <DataTable minWidth={520} headers={['Category', 'First response (hours)', 'Resolution (hours)', '']}>
        {policies.map((policy, index) => (
          <Table.Tr key={policy.category} data-testid={`sla-${policy.category}`}>
            <Table.Td>{COMPLAINT_CATEGORY_LABELS[policy.category]}</Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`First response hours for ${COMPLAINT_CATEGORY_LABELS[policy.category]}`}
                inputMode="numeric"
                w={110}
                {...form.register(`policies.${index}.firstResponseHours`)}
                error={form.messageOf(`policies.${index}.firstResponseHours`)}
              />
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`Resolution hours for ${COMPLAINT_CATEGORY_LABELS[policy.category]}`}
                inputMode="numeric"
                w={110}
                {...form.register(`policies.${index}.resolutionHours`)}
                error={form.messageOf(`policies.${index}.resolutionHours`)}
              />
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {policy.custom ? 'Set by your company' : 'Platform default'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Text size="xs" c="dimmed">
        Complaints already filed keep the deadlines they were filed with.
      </Text>
      <SubmitRow form={form} loading={save.isPending}>
        Save response times
      </SubmitRow>
    </SchemaForm>
  );
}
