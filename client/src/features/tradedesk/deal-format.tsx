import { Badge, Tooltip } from '@mantine/core';
import {
  formatMoney,
  formatNumber,
  NEGOTIATION_STATUS_LABELS,
  type NegotiationStatus,
  OFFER_STATUS_LABELS,
  type OfferStatus,
  qualityLabel,
  TRADE_UNIT_LABELS,
  type TradeUnit,
} from '@tradeloom/shared';
import type { NotFoundBack } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';

// How the deal screens word prices, quantities and statuses; amounts in the currency's own
// grouping (INR in lakh/crore) through the shared formatters.

/** "₹56,500.00 per candy". */
export const formatPrice = (price: string, currency: string, unit: TradeUnit) =>
  `${formatMoney(price, currency, { maxFractionDigits: 2 })} ${TRADE_UNIT_LABELS[unit].per}`;

/** "1,200 bales". */
export const formatTradeQuantity = (quantity: string, unit: TradeUnit) =>
  `${formatNumber(quantity)} ${TRADE_UNIT_LABELS[unit][quantity === '1' ? 'one' : 'many']}`;

const OFFER_COLORS: Record<OfferStatus, string> = {
  open: 'blue',
  negotiating: 'orange',
  closed: 'green',
  withdrawn: 'gray',
  expired: 'gray',
};
const NEGOTIATION_COLORS: Record<NegotiationStatus, string> = {
  open: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'gray',
  cancelled: 'gray',
};

export function OfferStatusBadge({ status }: { status: OfferStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={OFFER_COLORS[status]} data-testid="offer-status">
      {OFFER_STATUS_LABELS[status]}
    </Badge>
  );
}

export function NegotiationStatusBadge({ status }: { status: NegotiationStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={NEGOTIATION_COLORS[status]} data-testid="negotiation-status">
      {NEGOTIATION_STATUS_LABELS[status]}
    </Badge>
  );
}

export function SideBadge({ side }: { side: 'buy' | 'sell' }) {
  return (
    <Badge miw="max-content" variant="filled" color={side === 'buy' ? 'indigo' : 'teal'}>
      {side === 'buy' ? 'Buying' : 'Selling'}
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
  const commodities = trpc.masters.commodities.useQuery({}, { staleTime: 300_000 });
  const terms = trpc.masters.terms.useQuery({}, { staleTime: 300_000 });
  const structures = trpc.masters.commissionStructures.useQuery({}, { staleTime: 300_000 });
  const commodity = commodities.data?.find((row) => row.code === commodityCode);
  const parameters = commodity?.parameters ?? [];
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
