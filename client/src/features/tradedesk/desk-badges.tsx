import { Badge } from '@mantine/core';
import { LOT_STATUSES, type LotStatus, OFFER_STATUS_LABELS, type OfferSide, type OfferStatus } from '@tradeloom/shared';

const OFFER_COLORS: Record<OfferStatus, string> = {
  open: 'blue',
  negotiating: 'yellow',
  closed: 'green',
  withdrawn: 'gray',
  expired: 'gray',
};

export function OfferStatusBadge({ status }: { status: OfferStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={OFFER_COLORS[status]}>
      {OFFER_STATUS_LABELS[status]}
    </Badge>
  );
}

/** Buy in one colour, sell in another: the first thing a trader reads on a row. */
export function SideBadge({ side }: { side: OfferSide }) {
  return (
    <Badge miw="max-content" variant="filled" color={side === 'buy' ? 'teal' : 'indigo'}>
      {side === 'buy' ? 'Buy' : 'Sell'}
    </Badge>
  );
}

export const LOT_STATUS_LABELS: Record<LotStatus, string> = {
  available: 'Available',
  offered: 'On an offer',
  sold: 'Sold',
  archived: 'Archived',
};
const LOT_COLORS: Record<LotStatus, string> = { available: 'blue', offered: 'yellow', sold: 'green', archived: 'gray' };
export const LOT_STATUS_OPTIONS = LOT_STATUSES.map((status) => ({ value: status, label: LOT_STATUS_LABELS[status] }));

export function LotStatusBadge({ status }: { status: LotStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={LOT_COLORS[status]}>
      {LOT_STATUS_LABELS[status]}
    </Badge>
  );
}
