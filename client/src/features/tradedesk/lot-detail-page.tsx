import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatNumber, type LotView } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, trimZeros } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { LotStatusBadge, OfferStatusBadge } from './desk-badges.tsx';
import { formatPlace } from './desk-format.ts';
import { offerPath } from './offer-list.tsx';
import { useCommodity } from './use-masters.ts';

const LOT_NOT_FOUND = { title: 'Lot not found', to: '/lots', label: 'Back to lots' };

/** One lot: where it lies, its lab results and report, the offers it is on, and what may be done with it. */
export function LotDetailPage() {
  const { lotId = '' } = useParams();
  const lot = trpc.tradedesk.lots.get.useQuery({ lotId }, { retry: false });
  return (
    <QueryView query={lot} notFound={LOT_NOT_FOUND}>
      {(found) => <LotDetail lot={found} />}
    </QueryView>
  );
}

function LotDetail({ lot }: { lot: LotView }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const archive = trpc.tradedesk.lots.archive.useMutation({ onSuccess: () => utils.tradedesk.lots.invalidate() });
  const writable = can('tradedesk:write');
  const available = lot.status === 'available';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} ff="monospace">
              {lot.number}
            </Title>
            <LotStatusBadge status={lot.status} />
          </Group>
          <Text c="dimmed" size="sm">
            {lot.varietyName ? `${lot.varietyName} · ` : ''}
            {lot.commodityName} · crop {lot.cropYear}
          </Text>
        </Stack>
        {writable && available && (
          <Group gap="xs">
            <Button component={Link} to={`/desk/new?lotId=${lot.id}`}>
              Offer this lot
            </Button>
            <Button component={Link} to={`/lots/${lot.id}/edit`} variant="default">
              Edit
            </Button>
            <Button
              variant="light"
              color="red"
              loading={archive.isPending}
              onClick={() => {
                if (window.confirm(`Archive lot ${lot.number}? It leaves the list of lots you can offer.`))
                  archive.mutate({ lotId: lot.id, version: lot.version });
              }}
            >
              Archive
            </Button>
          </Group>
        )}
      </Group>
      {archive.error && (
        <Alert color="red" role="alert">
          {errorMessage(archive.error)}
        </Alert>
      )}
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label="Bales">{formatNumber(lot.bales)}</Fact>
          <Fact label="Net weight">{formatNumber(lot.netWeightKg)} kg</Fact>
          <Fact label="Place">{formatPlace(lot.city, lot.stateCode, lot.warehouse)}</Fact>
          <Fact label="Added">{formatDate(lot.createdAt)}</Fact>
        </SimpleGrid>
      </Paper>
      <Results lot={lot} />
      {lot.offers.length > 0 && (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
          <Title order={5} mb="xs">
            On the desk
          </Title>
          <Stack gap={4}>
            {lot.offers.map((offer) => (
              <Group key={offer.id} gap="xs">
                <Anchor component={Link} to={offerPath(offer.id)} ff="monospace" size="sm">
                  {offer.number}
                </Anchor>
                <OfferStatusBadge status={offer.status} />
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {lot.notes && (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
          <Title order={5} mb="xs">
            Notes
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {lot.notes}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

/** The lab's results against the allowed ranges of the commodity's parameters, in the report's order. */
function Results({ lot }: { lot: LotView }) {
  const { parameters } = useCommodity(lot.commodityCode);
  const known = new Set(parameters.map((p) => p.code));
  // A parameter the masters no longer list still shows what was measured.
  const rows = [
    ...parameters.filter((p) => lot.quality.values[p.code] !== undefined).map((p) => ({ code: p.code, name: p.name, unit: p.unit })),
    ...Object.keys(lot.quality.values)
      .filter((code) => !known.has(code))
      .map((code) => ({ code, name: code, unit: '' })),
  ];
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} data-testid="lot-results">
      <Title order={5} mb="xs">
        Lab results
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No results recorded.
        </Text>
      ) : (
        <DataTable headers={['Parameter', { label: 'Result', numeric: true }]}>
          {rows.map((row) => (
            <Table.Tr key={row.code}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td ta="right">
                {trimZeros(lot.quality.values[row.code] ?? '')}
                {row.unit ? ` ${row.unit}` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="sm">
        <Fact label="Colour grade">{lot.quality.colourGrade ?? '—'}</Fact>
        <Fact label="Laboratory">{lot.labName ?? '—'}</Fact>
        <Fact label="Tested on">{formatDate(lot.testedOn)}</Fact>
        <Fact label="Test report">
          {lot.testReport ? <Anchor href={`/files/${lot.testReport.fileId}`}>{lot.testReport.name}</Anchor> : '—'}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
