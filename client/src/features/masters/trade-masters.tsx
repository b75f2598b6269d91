import { Badge, Button, Code, Group, Modal, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney, LOCATION_KIND_LABELS, LOCATION_KINDS } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { CsvImportPanel } from '../../components/csv-import-panel.tsx';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate, trimZeros } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import {
  type CommissionStructure,
  type Location,
  type MasterScope,
  type QualityParameter,
  type Term,
  useCommodityMasters,
  useLocations,
  useTerms,
  type Variety,
} from './master-api.ts';
import {
  BASIS_LABELS,
  CommissionForm,
  GstRateForm,
  LocationForm,
  QualityParameterForm,
  TERM_KIND_LABELS,
  TermForm,
  VarietyForm,
} from './master-forms.tsx';

// The trade desk's masters as tabs: commodities (varieties and quality ranges), locations (with a
// CSV import), terms, and — for a company — commission structures, or — for operators — GST rates.
// On a company's screen a platform default is marked and offers "Override"; the company's own rows
// offer "Edit". Someone who may not edit sees the same lists without a single button.

type Editing =
  | { kind: 'variety'; commodityCode: string; row?: Variety }
  | { kind: 'parameter'; commodityCode: string; row?: QualityParameter }
  | { kind: 'location'; row?: Location }
  | { kind: 'term'; row?: Term }
  | { kind: 'commission'; row?: CommissionStructure }
  | { kind: 'gst'; hsnCode?: string }
  | { kind: 'import' };

const TITLES: Record<Editing['kind'], string> = {
  variety: 'Variety',
  parameter: 'Quality range',
  location: 'Location',
  term: 'Term',
  commission: 'Commission structure',
  gst: 'New GST rate',
  import: 'Import locations from CSV',
};

export function TradeMasters({ scope, editable }: { scope: MasterScope; editable: boolean }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const close = () => setEditing(null);
  const terms = useTerms(scope);
  const cciTemplate = terms.data?.find((term) => term.kind === 'sale' && term.code === 'cci-standard')?.body;
  const action = (row: { origin: 'platform' | 'company' } | undefined, open: () => void) =>
    editable && (
      <Button size="compact-xs" variant="subtle" onClick={open}>
        {scope === 'company' && row?.origin === 'platform' ? 'Override' : 'Edit'}
      </Button>
    );
  const title = editing && `${TITLES[editing.kind]}${'row' in editing && editing.row ? ` · ${editing.row.name}` : ''}`;
  return (
    <>
      <Tabs defaultValue="commodities" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="commodities">Commodities</Tabs.Tab>
          <Tabs.Tab value="locations">Locations</Tabs.Tab>
          <Tabs.Tab value="terms">Terms</Tabs.Tab>
          {scope === 'company' ? <Tabs.Tab value="commissions">Commissions</Tabs.Tab> : <Tabs.Tab value="gst">GST rates</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="commodities" pt="md">
          <Commodities scope={scope} editable={editable} action={action} edit={setEditing} />
        </Tabs.Panel>
        <Tabs.Panel value="locations" pt="md">
          <Locations scope={scope} editable={editable} action={action} edit={setEditing} />
        </Tabs.Panel>
        <Tabs.Panel value="terms" pt="md">
          <Stack>
            {editable && (
              <Group justify="flex-end">
                <Button size="xs" onClick={() => setEditing({ kind: 'term' })}>
                  Add term
                </Button>
              </Group>
            )}
            <QueryView query={terms} isEmpty={(rows) => rows.length === 0} empty="No terms yet.">
              {(rows) => (
                <DataTable headers={['Kind', 'Name', 'Text', '']}>
                  {rows.map((term) => (
                    <Table.Tr key={term.id} data-testid={`term-${term.kind}-${term.code}`}>
                      <Table.Td>{TERM_KIND_LABELS[term.kind]}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {term.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {term.code}
                          {term.paymentDays !== null && ` · ${term.paymentDays} days`}
                        </Text>
                        <OriginBadges scope={scope} row={term} />
                      </Table.Td>
                      <Table.Td maw={480}>
                        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={term.kind === 'sale' ? 12 : 3}>
                          {term.body}
                        </Text>
                      </Table.Td>
                      <Table.Td>{action(term, () => setEditing({ kind: 'term', row: term }))}</Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </QueryView>
          </Stack>
        </Tabs.Panel>
        {scope === 'company' ? (
          <Tabs.Panel value="commissions" pt="md">
            <Commissions editable={editable} edit={setEditing} />
          </Tabs.Panel>
        ) : (
          <Tabs.Panel value="gst" pt="md">
            <GstRates edit={setEditing} />
          </Tabs.Panel>
        )}
      </Tabs>
      <Modal opened={editing !== null} onClose={close} title={title} size="lg">
        {editing?.kind === 'variety' && (
          <VarietyForm scope={scope} row={editing.row} commodityCode={editing.commodityCode} onDone={close} />
        )}
        {editing?.kind === 'parameter' && (
          <QualityParameterForm scope={scope} row={editing.row} commodityCode={editing.commodityCode} onDone={close} />
        )}
        {editing?.kind === 'location' && <LocationForm scope={scope} row={editing.row} onDone={close} />}
        {editing?.kind === 'term' && <TermForm scope={scope} row={editing.row} template={cciTemplate} onDone={close} />}
        {editing?.kind === 'commission' && <CommissionForm row={editing.row} onDone={close} />}
        {editing?.kind === 'gst' && <GstRateForm hsnCode={editing.hsnCode} onDone={close} />}
        {editing?.kind === 'import' && <LocationsImport scope={scope} onDone={close} />}
      </Modal>
    </>
  );
}

type Action = (row: { origin: 'platform' | 'company' } | undefined, open: () => void) => ReactNode;
interface TabProps {
  scope: MasterScope;
  editable: boolean;
  action: Action;
  edit: (editing: Editing) => void;
}

/** "Platform default" on a company's screen (operators see only defaults), and "Inactive". */
function OriginBadges({ scope, row }: { scope: MasterScope; row: { origin: 'platform' | 'company'; active: boolean } }) {
  return (
    <Group gap={4} mt={2}>
      {scope === 'company' && row.origin === 'platform' && (
        <Badge size="xs" variant="light" color="gray">
          Platform default
        </Badge>
      )}
      {scope === 'company' && row.origin === 'company' && (
        <Badge size="xs" variant="light" color="blue">
          Your own
        </Badge>
      )}
      {!row.active && (
        <Badge size="xs" variant="light" color="red">
          Inactive
        </Badge>
      )}
    </Group>
  );
}

function Commodities({ scope, editable, action, edit }: TabProps) {
  const commodities = useCommodityMasters(scope);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <QueryView query={commodities} isEmpty={(rows) => rows.length === 0} empty="No commodities in the master yet.">
      {(rows) => {
        const commodity = rows.find((row) => row.code === chosen) ?? rows.find((row) => row.code === 'cotton-lint') ?? rows[0];
        if (!commodity) return null;
        return (
          <Stack>
            <Select
              label="Commodity"
              maw={320}
              allowDeselect={false}
              value={commodity.code}
              onChange={setChosen}
              data={rows.map((row) => ({ value: row.code, label: row.name }))}
            />
            <Paper withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={5}>Quality parameters and allowed ranges</Title>
                {editable && (
                  <Button size="xs" variant="light" onClick={() => edit({ kind: 'parameter', commodityCode: commodity.code })}>
                    Add parameter
                  </Button>
                )}
              </Group>
              {commodity.parameters.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No quality parameters for {commodity.name} yet.
                </Text>
              ) : (
                <DataTable headers={['Parameter', { label: 'Minimum', numeric: true }, { label: 'Maximum', numeric: true }, 'Unit', '']}>
                  {commodity.parameters.map((parameter) => (
                    <Table.Tr key={parameter.id} data-testid={`parameter-${parameter.code}`}>
                      <Table.Td>
                        <Text size="sm">{parameter.name}</Text>
                        <Text size="xs" c="dimmed">
                          {parameter.code}
                        </Text>
                        <OriginBadges scope={scope} row={parameter} />
                      </Table.Td>
                      <NumberCell>{trimZeros(parameter.minAllowed)}</NumberCell>
                      <NumberCell>{trimZeros(parameter.maxAllowed)}</NumberCell>
                      <Table.Td>{parameter.unit}</Table.Td>
                      <Table.Td>
                        {action(parameter, () => edit({ kind: 'parameter', commodityCode: commodity.code, row: parameter }))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Paper>
            <Paper withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={5}>Varieties</Title>
                {editable && (
                  <Button size="xs" variant="light" onClick={() => edit({ kind: 'variety', commodityCode: commodity.code })}>
                    Add variety
                  </Button>
                )}
              </Group>
              {commodity.varieties.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No varieties for {commodity.name} yet.
                </Text>
              ) : (
                <DataTable headers={['Variety', 'Also written as', '']}>
                  {commodity.varieties.map((variety) => (
                    <Table.Tr key={variety.id} data-testid={`variety-${variety.code}`}>
                      <Table.Td>
                        <Text size="sm">{variety.name}</Text>
                        <Text size="xs" c="dimmed">
                          {variety.code}
                        </Text>
                        <OriginBadges scope={scope} row={variety} />
                      </Table.Td>
                      <Table.Td>{variety.aliases.join(', ')}</Table.Td>
                      <Table.Td>{action(variety, () => edit({ kind: 'variety', commodityCode: commodity.code, row: variety }))}</Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Paper>
          </Stack>
        );
      }}
    </QueryView>
  );
}

function Locations({ scope, editable, action, edit }: TabProps) {
  const [kind, setKind] = useState<Location['kind'] | null>(null);
  const [q, setQ] = useState('');
  // The cursors of the pages before this one, so "Previous" goes back without refetching from the start.
  const [cursors, setCursors] = useState<string[]>([]);
  const locations = useLocations(scope, { kind: kind ?? undefined, q: q.trim() || undefined, cursor: cursors.at(-1) });
  const restart = () => setCursors([]);
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Kind"
          placeholder="All kinds"
          clearable
          w={200}
          value={kind}
          onChange={(value) => {
            setKind(value as Location['kind'] | null);
            restart();
          }}
          data={LOCATION_KINDS.map((value) => ({ value, label: LOCATION_KIND_LABELS[value] }))}
        />
        <TextInput
          label="Search"
          placeholder="Name, code or city"
          w={220}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            restart();
          }}
        />
        {editable && (
          <Group ml="auto">
            <Button size="xs" variant="light" onClick={() => edit({ kind: 'import' })}>
              Import CSV
            </Button>
            <Button size="xs" onClick={() => edit({ kind: 'location' })}>
              Add location
            </Button>
          </Group>
        )}
      </Group>
      <QueryView query={locations} isEmpty={(page) => page.items.length === 0} empty="No locations match.">
        {(page) => (
          <>
            <DataTable headers={['Location', 'Kind', 'State', 'City / address', '']}>
              {page.items.map((location) => (
                <Table.Tr key={location.id} data-testid={`location-${location.code}`}>
                  <Table.Td>
                    <Text size="sm">{location.name}</Text>
                    <Text size="xs" c="dimmed">
                      {location.code}
                    </Text>
                    <OriginBadges scope={scope} row={location} />
                  </Table.Td>
                  <Table.Td>{LOCATION_KIND_LABELS[location.kind]}</Table.Td>
                  <Table.Td>{location.stateCode}</Table.Td>
                  <Table.Td>{[location.city, location.address].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>{action(location, () => edit({ kind: 'location', row: location }))}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            <Group justify="flex-end">
              <Button size="xs" variant="default" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={!page.nextCursor}
                onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}
              >
                Next
              </Button>
            </Group>
          </>
        )}
      </QueryView>
    </Stack>
  );
}

const LOCATIONS_EXAMPLE = 'kind,code,name,state_code,city,address\nwarehouse,WH-GONDAL,Gondal cotton yard,GJ,Gondal,"Plot 4, GIDC"';

function LocationsImport({ scope, onDone }: { scope: MasterScope; onDone: () => void }) {
  const utils = trpc.useUtils();
  const options = {
    onSuccess: async (report: { applied: boolean; creates: number; updates: number; unchanged: number }) => {
      if (!report.applied) return;
      await utils.masters.invalidate();
      notifications.show({
        color: 'teal',
        message: `Imported: ${report.creates} added, ${report.updates} updated, ${report.unchanged} unchanged.`,
      });
      onDone();
    },
  };
  const company = trpc.masters.importLocations.useMutation(options);
  const platform = trpc.masters.platform.importLocations.useMutation(options);
  return (
    <CsvImportPanel
      example={LOCATIONS_EXAMPLE}
      mutation={scope === 'company' ? company : platform}
      help={
        <Text size="sm">
          Columns: <Code>kind, code, name, state_code</Code> and optionally <Code>city, address, active</Code>. Kinds:{' '}
          {LOCATION_KINDS.join(', ')}. Rows are matched by kind and code: new ones are added, known ones updated
          {scope === 'company' && '; a platform code overrides the default for your company'}.
        </Text>
      }
    />
  );
}

function commissionRate(row: CommissionStructure): string {
  return row.basis === 'percent'
    ? `${trimZeros(row.rate)} %`
    : `${formatMoney(row.rate, 'INR')} ${row.basis === 'per_bale' ? 'a bale' : 'a candy'}`;
}

function Commissions({ editable, edit }: { editable: boolean; edit: (editing: Editing) => void }) {
  const structures = trpc.masters.commissionStructures.useQuery({ includeInactive: true });
  return (
    <Stack>
      {editable && (
        <Group justify="flex-end">
          <Button size="xs" onClick={() => edit({ kind: 'commission' })}>
            Add commission structure
          </Button>
        </Group>
      )}
      <QueryView
        query={structures}
        isEmpty={(rows) => rows.length === 0}
        empty="No commission structures yet: add the brokers you deal through."
      >
        {(rows) => (
          <DataTable headers={['Name', 'Broker', 'Rate', { label: 'Seller pays', numeric: true }, '']}>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  {row.name}
                  {!row.active && (
                    <Badge size="xs" ml={6} variant="light" color="red">
                      Inactive
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{row.brokerName}</Table.Td>
                <Table.Td>{commissionRate(row)}</Table.Td>
                <NumberCell>{trimZeros(row.sellerSharePct)} %</NumberCell>
                <Table.Td>
                  {editable && (
                    <Button size="compact-xs" variant="subtle" onClick={() => edit({ kind: 'commission', row })}>
                      Edit
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      <Text size="xs" c="dimmed">
        {Object.values(BASIS_LABELS).join(' · ')}. A contract copies its commission when it is signed.
      </Text>
    </Stack>
  );
}

function GstRates({ edit }: { edit: (editing: Editing) => void }) {
  const rates = trpc.masters.platform.gstRates.useQuery({});
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          A rate applies from its date until the day before the next rate of the same HSN code. A change in the law is a new rate from the
          day it applies; invoices dated before it keep the old one.
        </Text>
        <Button size="xs" onClick={() => edit({ kind: 'gst' })}>
          Add rate
        </Button>
      </Group>
      <QueryView query={rates} isEmpty={(rows) => rows.length === 0} empty="No GST rates yet.">
        {(rows) => (
          <DataTable headers={['HSN', { label: 'Rate', numeric: true }, 'From', 'Until', 'Note', '']}>
            {rows.map((rate) => (
              <Table.Tr key={rate.id} data-testid={`gst-${rate.hsnCode}-${rate.effectiveFrom}`}>
                <Table.Td>{rate.hsnCode}</Table.Td>
                <NumberCell>{trimZeros(rate.rate)} %</NumberCell>
                <Table.Td>{formatDate(rate.effectiveFrom)}</Table.Td>
                <Table.Td>{rate.effectiveTo ? formatDate(rate.effectiveTo) : 'In force'}</Table.Td>
                <Table.Td>{rate.note}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => edit({ kind: 'gst', hsnCode: rate.hsnCode })}>
                    New rate
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </Stack>
  );
}
