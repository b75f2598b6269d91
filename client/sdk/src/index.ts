import type { AppRouter } from '@tradeloom/server';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';

export type { AppRouter };
export type TradeloomInputs = inferRouterInputs<AppRouter>;
export type TradeloomOutputs = inferRouterOutputs<AppRouter>;

export interface ClientOptions {
  /** Where Tradeloom runs, e.g. https://tradeloom.example.com */
  url: string;
  /** A company API key (`tlk_…`), created under Settings → API keys. */
  apiKey: string;
  /** Optional fetch (for proxies or tests); defaults to the global one. */
  fetch?: typeof fetch;
}

/**
 * A typed client for the Tradeloom API. Every procedure the key's scopes allow is a method:
 * `await client.companies.current.query()`, `await client.audit.list.query({ limit: 10 })`.
 */
export function createClient(options: ClientOptions) {
  if (!/^tlk_/.test(options.apiKey)) throw new Error('apiKey must be a Tradeloom API key (tlk_…)');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/$/, '')}/trpc`,
        transformer: superjson,
        // The server refuses larger batches.
        maxItems: 10,
        headers: () => ({ authorization: `Bearer ${options.apiKey}` }),
        fetch: options.fetch,
      }),
    ],
  });
}

export type TradeloomClient = ReturnType<typeof createClient>;

/** The machine-readable reason of a failed call (`INVALID_CREDENTIALS`, `STALE_VERSION` …), if any. */
export function errorReason(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { reason?: string } | undefined)?.reason : undefined;
}

export { TRPCClientError };
