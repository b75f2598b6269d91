import type { Permission } from '@tradeloom/shared';
import { type RouterOutputs, trpc } from './trpc.ts';

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
