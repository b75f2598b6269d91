import { Badge } from '@mantine/core';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

const PAGE = 100;

/**
 * Beside "Complaints" for a supplier: how many received complaints still open are due soon or
 * breached, the ones someone must act on now. Two small pages (live updates refresh them); past a
 * page it says "100+" rather than counting further.
 */
export function ComplaintsNavCount() {
  const me = useMe();
  const enabled = Boolean(me.data?.activeCompany?.isSupplier);
  const options = { enabled, staleTime: 60_000 };
  const dueSoon = trpc.support.complaints.list.useQuery({ side: 'received', sla: 'due_soon', limit: PAGE }, options);
  const breached = trpc.support.complaints.list.useQuery({ side: 'received', sla: 'breached', limit: PAGE }, options);
  if (!dueSoon.data || !breached.data) return null;
  // A closed complaint keeps the state it closed with: only open ones need someone now.
  const open = [...dueSoon.data.items, ...breached.data.items].filter((c) => c.status === 'open' || c.status === 'in_review');
  const more = Boolean(dueSoon.data.nextCursor || breached.data.nextCursor);
  if (open.length === 0 && !more) return null;
  const label = more ? `${open.length}+` : String(open.length);
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      aria-label={`${label} complaints due soon or breached`}
      data-testid="complaints-nav-count"
    >
      {label}
    </Badge>
  );
}
