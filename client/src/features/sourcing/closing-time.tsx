import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';

/** The current time, moving once a minute: enough for a countdown in days, hours and minutes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** "2 d 4 h left", "35 min left" or "closed": how long a supplier still has to quote. */
export function timeLeft(closesAt: string, now: number): string {
  const minutes = Math.floor((new Date(closesAt).getTime() - now) / 60_000);
  if (minutes < 0) return 'deadline passed';
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min left`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h left`;
}

/** A tender's closing time with a countdown under it while it is still ahead. */
export function ClosingTime({ closesAt, open }: { closesAt: string; open: boolean }) {
  const now = useNow();
  const left = timeLeft(closesAt, now);
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <Text size="sm">{formatDateTime(closesAt)}</Text>
      {open && (
        <Text size="xs" c={left === 'deadline passed' ? 'red' : 'dimmed'}>
          {left}
        </Text>
      )}
    </div>
  );
}
