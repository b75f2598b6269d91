import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { formatRange, NEGOTIATION_STATUS_LABELS, type NegotiationStatus, qualityLabel } from '@tradeloom/shared';
import { DataTable, type NotFoundBack } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useCommodity } from './use-masters.ts';

// The deal screens' own pieces; prices, quantities and offer badges come from the desk's
// (desk-format.ts, desk-badges.tsx).

const NEGOTIATION_COLORS: Record<NegotiationStatus, string> = {
  open: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'gray',
  cancelled: 'gray',
};

export function NegotiationStatusBadge({ status }: { status: NegotiationStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={NEGOTIATION_COLORS[status]} data-testid="negotiation-status">
      {NEGOTIATION_STATUS_LABELS[status]}
    </Badge>
  );
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  if (!verified) return null;
  return (
    <Tooltip label="The platform checked this company's registration documents">
      <Badge size="xs" variant="outline" color="teal" data-testid="verified-badge">
        Verified
      </Badge>
    </Tooltip>
  );
}

export const OFFER_NOT_FOUND: NotFoundBack = { title: 'Offer not found', to: '/desk', label: 'Back to the desk' };
export const NEGOTIATION_NOT_FOUND: NotFoundBack = { title: 'Negotiation not found', to: '/desk', label: 'Back to the desk' };

/**
 * Names for the masters' codes: quality parameters of a commodity, delivery/payment/sale terms and
 * the company's commission structures. A code with no master row reads as itself.
 */
export function useMasterNames(commodityCode: string | undefined) {
  const { commodity, parameters } = useCommodity(commodityCode ?? '');
  const terms = trpc.masters.terms.useQuery({}, { staleTime: 300_000 });
  const structures = trpc.masters.commissionStructures.useQuery({}, { staleTime: 300_000 });
  return {
    commodity,
    parameters,
    terms: terms.data ?? [],
    structures: structures.data ?? [],
    parameter: (code: string) => {
      const row = parameters.find((p) => p.code === code) ?? qualityLabel(code);
      return `${row.name}${row.unit ? ` (${row.unit})` : ''}`;
    },
    term: (code: string) => terms.data?.find((row) => row.code === code)?.name ?? code,
    structure: (id: string) => structures.data?.find((row) => row.id === id)?.name ?? 'a commission structure',
  };
}
export type MasterNames = ReturnType<typeof useMasterNames>;

type Range = { min: string | null; max: string | null };

/** An offer's or a contract's quality ranges by parameter, or a sentence when there are none. */
export function QualityRangesTable({
  ranges,
  names,
  rangeHeader,
  empty,
}: {
  ranges: [string, Range][];
  names: MasterNames;
  rangeHeader: string;
  empty: string;
}) {
  if (ranges.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <DataTable headers={['Parameter', rangeHeader]}>
      {ranges.map(([code, range]) => (
        <Table.Tr key={code}>
          <Table.Td>{names.parameter(code)}</Table.Td>
          <Table.Td>{formatRange(range)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
