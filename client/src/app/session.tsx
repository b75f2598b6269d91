import { Center, Loader } from '@mantine/core';
import type { Permission } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { type RouterOutputs, trpc } from '../lib/trpc.ts';

export type Me = RouterOutputs['auth']['me'];

/** The signed-in user, their companies and the active company's role. */
export function useMe() {
  return trpc.auth.me.useQuery(undefined, { retry: false, staleTime: 30_000 });
}

/** Whether the active role may do something: the same table the server enforces. */
export function useCan(): (permission: Permission) => boolean {
  const { data } = useMe();
  const permissions = new Set(data?.permissions ?? []);
  return (permission) => permissions.has(permission);
}

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Sends signed-out visitors to the login page and remembers where they were going. */
export function RequireSession({ children }: { children: (me: Me) => ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.user.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <>{children(me.data)}</>;
}
