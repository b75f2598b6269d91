import { Badge } from '@mantine/core';
import { TENDER_STATUS_LABELS, type TenderStatus } from '@tradeloom/shared';
import { useEffect, useState } from 'react';
import type { NotFoundBack } from '../../components/ui.tsx';

const COLORS: Record<TenderStatus, string> = {
  draft: 'gray',
  open: 'blue',
  closed: 'orange',
  awarded: 'green',
  cancelled: 'gray',
};

export function TenderStatusBadge({ status }: { status: TenderStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={COLORS[status]}>
      {TENDER_STATUS_LABELS[status]}
    </Badge>
  );
}

/** A missing, foreign or malformed tender on a detail route leads back to the tenders list. */
export const TENDER_NOT_FOUND: NotFoundBack = { title: 'Tender not found', to: '/tenders', label: 'Back to tenders' };

/** The current time, refreshed every `everyMs`, so countdowns move without a refetch. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "closes in 2 d 4 h", "closes in 3 h 12 min", "closes in 5 min"; "closed" once the deadline has passed. */
export function closesIn(closesAt: string, now: Date): string {
  const left = new Date(closesAt).getTime() - now.getTime();
  if (left <= 0) return 'closed';
  if (left >= DAY) return `closes in ${Math.floor(left / DAY)} d ${Math.floor((left % DAY) / HOUR)} h`;
  if (left >= HOUR) return `closes in ${Math.floor(left / HOUR)} h ${Math.floor((left % HOUR) / MINUTE)} min`;
  return `closes in ${Math.max(1, Math.ceil(left / MINUTE))} min`;
}

// Moved to lib/format.ts (the trade desk's forms use them too); kept here for the tender screens' imports.
export { fromLocalInput, toLocalInput } from '../../lib/format.ts';
