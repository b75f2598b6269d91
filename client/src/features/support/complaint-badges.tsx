import { Badge } from '@mantine/core';
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus, SLA_STATE_LABELS, type SlaState } from '@tradeloom/shared';
import type { NotFoundBack } from '../../components/ui.tsx';

const STATUS_COLORS: Record<ComplaintStatus, string> = { open: 'blue', in_review: 'yellow', resolved: 'green', rejected: 'gray' };

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={STATUS_COLORS[status]} data-testid="complaint-status">
      {COMPLAINT_STATUS_LABELS[status]}
    </Badge>
  );
}

const SLA_COLORS: Record<SlaState, string> = { on_time: 'teal', due_soon: 'orange', breached: 'red' };

/** The service level in colour and in words: a colour alone says nothing to a colour-blind reader. */
export function SlaBadge({ sla }: { sla: SlaState }) {
  return (
    <Badge miw="max-content" variant={sla === 'breached' ? 'filled' : 'light'} color={SLA_COLORS[sla]} data-testid="complaint-sla">
      {SLA_STATE_LABELS[sla]}
    </Badge>
  );
}

export const COMPLAINT_NOT_FOUND: NotFoundBack = { title: 'Complaint not found', to: '/complaints', label: 'Back to complaints' };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long ago a complaint was filed, short enough for a table column: "3 d", "5 h", "under 1 h". */
export function ageOf(createdAt: string, now: Date): string {
  const age = now.getTime() - new Date(createdAt).getTime();
  if (age >= DAY) return `${Math.floor(age / DAY)} d`;
  if (age >= HOUR) return `${Math.floor(age / HOUR)} h`;
  return 'under 1 h';
}
