import { Text } from '@mantine/core';
import { formatDateTime } from '../../lib/format.ts';
import { closesIn, useNow } from '../tenders/tender-status.tsx';

/** A tender's closing time with the countdown under it while the tender is open. */
export function ClosingTime({ closesAt, open }: { closesAt: string; open: boolean }) {
  const left = closesIn(closesAt, useNow());
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <Text size="sm">{formatDateTime(closesAt)}</Text>
      {open && (
        <Text size="xs" c={left === 'closed' ? 'red' : 'dimmed'}>
          {left}
        </Text>
      )}
    </div>
  );
}
