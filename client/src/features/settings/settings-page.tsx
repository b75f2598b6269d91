import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { approvalThresholdInput, createFinancialYearInput } from '@tradeloom/shared';
import { Link } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

export function SettingsPage() {
  return (
    <Stack>
      <PageHeader title="Settings" description="Notifications, financial years, document numbering and the master data products use." />
      <NotificationsLinks />
      <FinancialYears />
      <OrderApproval />
      <NumberSeries />
      <TradeMastersLink />
      <ComplaintTimesLink />
      <MasterData />
    </Stack>
  );
}

function FinancialYears() {
  const can = useCan();
  const years = trpc.settings.financialYears.list.useQuery();
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={4}>Financial years</Title>
        <Anchor component={Link} to="/settings/financial-years" size="sm">
          Close, reopen and opening balances
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Documents dated in a closed year can no longer be created or changed.
      </Text>
      <QueryView query={years} isEmpty={(rows) => rows.length === 0} empty="No financial years yet.">
        {(rows) => (
          <DataTable headers={['Year', 'From', 'To', 'Status']}>
            {rows.map((year) => (
              <Table.Tr key={year.id}>
                <Table.Td>{year.label}</Table.Td>
                <Table.Td>{formatDate(year.startsOn)}</Table.Td>
                <Table.Td>{formatDate(year.endsOn)}</Table.Td>
                <Table.Td>
                  <Badge miw="max-content" color={year.status === 'open' ? 'teal' : 'gray'} variant="light">
                    {year.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {can('settings:write') && <AddFinancialYearForm />}
    </Paper>
  );
}

function AddFinancialYearForm() {
  const utils = trpc.useUtils();
  const form = useZodForm(createFinancialYearInput, { defaultValues: { label: '', startsOn: '', endsOn: '' } });
  const create = trpc.settings.financialYears.create.useMutation({
    onSuccess: async () => {
      form.reset();
      await utils.settings.financialYears.list.invalidate();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <Group align="flex-start" mt="md">
        <TextInput label="Label" placeholder="2027-28" required {...form.register('label')} error={form.messageOf('label')} />
        <TextInput label="Starts on" type="date" required {...form.register('startsOn')} error={form.messageOf('startsOn')} />
        <TextInput label="Ends on" type="date" required {...form.register('endsOn')} error={form.messageOf('endsOn')} />
      </Group>
      <SubmitRow form={form} loading={create.isPending}>
        Add year
      </SubmitRow>
    </SchemaForm>
  );
}

/** The amount above which an order we create needs a manager's approval before it is sent. */
function OrderApproval() {
  const can = useCan();
  const current = trpc.orders.approvalThreshold.useQuery();
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Order approval
      </Title>
      <QueryView query={current}>
        {(data) => (
          <Stack>
            <Text size="sm" c="dimmed">
              {data.threshold
                ? `Orders above ${data.threshold} ${data.currency} wait for a manager (not the person who submitted them) before they reach the partner.`
                : 'No limit: orders go to the partner as soon as they are submitted.'}
            </Text>
            {can('settings:write') && <ApprovalThresholdForm threshold={data.threshold} currency={data.currency} />}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

function ApprovalThresholdForm({ threshold, currency }: { threshold: string | null; currency: string }) {
  const utils = trpc.useUtils();
  const form = useZodForm(approvalThresholdInput, {
    defaultValues: { threshold: threshold ?? '' },
    // An empty box means "no limit".
    prepare: (values: { threshold: string }) => ({ threshold: values.threshold.trim() || null }),
  });
  const save = trpc.orders.setApprovalThreshold.useMutation({
    onSuccess: async () => {
      await utils.orders.approvalThreshold.invalidate();
      notifications.show({ message: 'Approval limit saved.' });
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <TextInput
        label={`Approval needed above (${currency})`}
        description="Leave empty for no limit."
        inputMode="decimal"
        {...form.register('threshold')}
        error={form.messageOf('threshold')}
        w={260}
      />
      <SubmitRow form={form} loading={save.isPending}>
        Save
      </SubmitRow>
    </SchemaForm>
  );
}

function NumberSeries() {
  const series = trpc.settings.numberSeries.list.useQuery();
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Document numbering
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Each document type is numbered per financial year without gaps, e.g. PO-2026-000123. Series appear once the first document is
        created.
      </Text>
      <QueryView query={series} isEmpty={(rows) => rows.length === 0} empty="No documents numbered yet.">
        {(rows) => (
          <DataTable headers={['Document', 'Financial year', 'Next number']}>
            {rows.map((row) => (
              <Table.Tr key={`${row.docType}-${row.periodKey}`}>
                <Table.Td>{row.docType}</Table.Td>
                <Table.Td>{row.periodKey}</Table.Td>
                <Table.Td>{row.nextValue}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </Paper>
  );
}

/** Where each member chooses what they hear about; an admin also sets the defaults and reads the log. */
function NotificationsLinks() {
  const can = useCan();
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={4}>Notifications</Title>
          <Text size="sm" c="dimmed">
            What you hear about, by email or in the app, quiet hours and a daily digest.
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button component={Link} to="/settings/notifications" variant="light">
            Your notification settings
          </Button>
          {can('notifications:manage') && (
            <>
              <Button component={Link} to="/settings/notification-defaults" variant="default">
                Company defaults
              </Button>
              <Button component={Link} to="/settings/notification-log" variant="default">
                Delivery log
              </Button>
            </>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/** The shared master data: units, HSN codes with their GST rates, commodities and their quality parameters. */
function TradeMastersLink() {
  const can = useCan();
  if (!can('tradedesk:read')) return null;
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={4}>Trade masters</Title>
          <Text size="sm" c="dimmed">
            Varieties and quality ranges, locations, trade terms and brokerage for the trade desk.
          </Text>
        </Stack>
        <Button component={Link} to="/settings/trade-masters" variant="light">
          Open trade masters
        </Button>
      </Group>
    </Paper>
  );
}

function ComplaintTimesLink() {
  const can = useCan();
  if (!can('support:read')) return null;
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={4}>Complaint response times</Title>
          <Text size="sm" c="dimmed">
            Hours your company gives itself, per category, to answer a buyer's complaint and to resolve it.
          </Text>
        </Stack>
        <Button component={Link} to="/settings/complaints" variant="light">
          Open response times
        </Button>
      </Group>
    </Paper>
  );
}

function MasterData() {
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Master data
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Shared by every company on Tradeloom; products refer to these codes (also in CSV imports).
      </Text>
      <QueryView query={masters}>
        {(data) => (
          <Stack>
            <DataTable headers={['HSN code', 'Description', 'GST']}>
              {data.hsnCodes.map((hsn) => (
                <Table.Tr key={hsn.code}>
                  <Table.Td>{hsn.code}</Table.Td>
                  <Table.Td>{hsn.description}</Table.Td>
                  <Table.Td>{Number(hsn.gstRate)}%</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            <DataTable headers={['Commodity', 'Code', 'Quality parameters']}>
              {data.commodities.map((commodity) => (
                <Table.Tr key={commodity.code}>
                  <Table.Td>{commodity.name}</Table.Td>
                  <Table.Td>{commodity.code}</Table.Td>
                  <Table.Td>
                    {(commodity.qualityParameters as { label: string; unit: string }[])
                      .map((p) => `${p.label}${p.unit ? ` (${p.unit})` : ''}`)
                      .join(', ') || '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            <Text size="sm">Units: {data.units.map((unit) => `${unit.name} (${unit.code})`).join(', ')}</Text>
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
