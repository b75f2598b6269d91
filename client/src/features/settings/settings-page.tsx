import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DataTable, MutationForm, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

export function SettingsPage() {
  return (
    <Stack>
      <PageHeader title="Settings" description="Financial years, document numbering and the master data products use." />
      <FinancialYears />
      <OrderApproval />
      <NumberSeries />
      <MasterData />
    </Stack>
  );
}

function FinancialYears() {
  const can = useCan();
  const utils = trpc.useUtils();
  const years = trpc.settings.financialYears.list.useQuery();
  const [form, setForm] = useState({ label: '', startsOn: '', endsOn: '' });
  const create = trpc.settings.financialYears.create.useMutation({
    onSuccess: async () => {
      setForm({ label: '', startsOn: '', endsOn: '' });
      await utils.settings.financialYears.list.invalidate();
    },
  });
  const close = trpc.settings.financialYears.close.useMutation({
    onSuccess: () => utils.settings.financialYears.list.invalidate(),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Financial years
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Documents dated in a closed year can no longer be created or changed.
      </Text>
      <QueryView query={years} isEmpty={(rows) => rows.length === 0} empty="No financial years yet.">
        {(rows) => (
          <DataTable headers={['Year', 'From', 'To', 'Status', '']}>
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
                <Table.Td>
                  {can('settings:write') && year.status === 'open' && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        window.confirm(`Close ${year.label}? This cannot be undone.`) && close.mutate({ financialYearId: year.id })
                      }
                    >
                      Close year
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {can('settings:write') && (
        <MutationForm onSubmit={() => create.mutate(form)} error={create.error}>
          <Group align="flex-end" mt="md">
            <TextInput
              label="Label"
              placeholder="2027-28"
              required
              value={form.label}
              onChange={(e) => setForm({ ...form, label: e.currentTarget.value })}
              error={fieldError(create.error, 'label')}
            />
            <TextInput
              label="Starts on"
              type="date"
              required
              value={form.startsOn}
              onChange={(e) => setForm({ ...form, startsOn: e.currentTarget.value })}
              error={fieldError(create.error, 'startsOn')}
            />
            <TextInput
              label="Ends on"
              type="date"
              required
              value={form.endsOn}
              onChange={(e) => setForm({ ...form, endsOn: e.currentTarget.value })}
              error={fieldError(create.error, 'endsOn')}
            />
            <Button type="submit" loading={create.isPending}>
              Add year
            </Button>
          </Group>
        </MutationForm>
      )}
    </Paper>
  );
}

/** The amount above which an order we create needs a manager's approval before it is sent. */
function OrderApproval() {
  const can = useCan();
  const utils = trpc.useUtils();
  const current = trpc.orders.approvalThreshold.useQuery();
  const [value, setValue] = useState<string | null>(null);
  const save = trpc.orders.setApprovalThreshold.useMutation({
    onSuccess: async () => {
      setValue(null);
      await utils.orders.approvalThreshold.invalidate();
      notifications.show({ message: 'Approval limit saved.' });
    },
  });
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Order approval
      </Title>
      <QueryView query={current}>
        {(data) => (
          <MutationForm onSubmit={() => save.mutate({ threshold: (value ?? data.threshold ?? '').trim() || null })} error={save.error}>
            <Text size="sm" c="dimmed">
              {data.threshold
                ? `Orders above ${data.threshold} ${data.currency} wait for a manager (not the person who submitted them) before they reach the partner.`
                : 'No limit: orders go to the partner as soon as they are submitted.'}
            </Text>
            {can('settings:write') && (
              <Group align="flex-end">
                <TextInput
                  label={`Approval needed above (${data.currency})`}
                  description="Leave empty for no limit."
                  inputMode="decimal"
                  value={value ?? data.threshold ?? ''}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  error={fieldError(save.error, 'threshold')}
                  w={260}
                />
                <Button type="submit" loading={save.isPending}>
                  Save
                </Button>
              </Group>
            )}
          </MutationForm>
        )}
      </QueryView>
    </Paper>
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

/** The shared master data: units, HSN codes with their GST rates, commodities and their quality parameters. */
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
