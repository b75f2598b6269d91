import type { AppRouter } from '@tradeloom/server';
import { httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { inferRouterOutputs } from '@trpc/server';

export const trpc = createTRPCReact<AppRouter>();
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function createTrpcClient() {
  return trpc.createClient({
    links: [
      splitLink({
        // Live updates arrive over server-sent events (the browser's EventSource sends the cookie).
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        // The server refuses batches above 10 calls; keep the client under it.
        false: httpBatchLink({ url: '/trpc', maxItems: 10 }),
      }),
    ],
  });
}
