import { Badge } from '@mantine/core';
import { CONTRACT_STATUS_LABELS, type ContractStatus } from '@tradeloom/shared';
import type { NotFoundBack } from '../../components/ui.tsx';

const COLORS: Record<ContractStatus, string> = { active: 'blue', completed: 'green', cancelled: 'gray' };

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={COLORS[status]} data-testid="contract-status">
      {CONTRACT_STATUS_LABELS[status]}
    </Badge>
  );
}

export const CONTRACT_NOT_FOUND: NotFoundBack = { title: 'Contract not found', to: '/contracts', label: 'Back to contracts' };
