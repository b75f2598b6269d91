import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMe } from '../../lib/session.ts';

/** The console's screens for platform operators; anyone else is told so instead of seeing errors. */
export function OperatorOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (!me.data?.user.isPlatformAdmin) return <Text>Only Tradeloom's platform operators use the console.</Text>;
  return <>{children}</>;
}
