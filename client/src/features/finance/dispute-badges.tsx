import { Badge } from '@mantine/core';
import { DISPUTE_STATUS_LABELS, type DisputeStatus } from '@tradeloom/shared';

const STATUS_COLORS: Record<DisputeStatus, string> = { open: 'orange', responded: 'blue', resolved: 'green', withdrawn: 'gray' };

export function DisputeStatusBadge({ status }: { status: DisputeStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={STATUS_COLORS[status]} data-testid="dispute-status">
      {DISPUTE_STATUS_LABELS[status]}
    </Badge>
  );
}
