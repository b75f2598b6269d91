import type { AppRouter } from '@tradeloom/server';
import type { Reason } from '@tradeloom/shared';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { EventSource } from 'eventsource';

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
 * Live updates: `client.live.updates.subscribe(undefined, { onData: (change) => … })`.
 */
export function createClient(options: ClientOptions) {
  if (!/^tlk_/.test(options.apiKey)) throw new Error('apiKey must be a Tradeloom API key (tlk_…)');
  const url = `${options.url.replace(/\/$/, '')}/trpc`;
  const authorization = `Bearer ${options.apiKey}`;
  const fetchImpl = options.fetch ?? fetch;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Node has no EventSource of its own; this one lets the key travel as a header.
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetchImpl(input, { ...init, headers: { ...init.headers, authorization } }),
          }),
        }),
        false: httpBatchLink({
          url,
          // The server refuses larger batches.
          maxItems: 10,
          headers: () => ({ authorization }),
          fetch: options.fetch,
        }),
      }),
    ],
  });
}

export type TradeloomClient = ReturnType<typeof createClient>;

/** The machine-readable reason of a failed call (`INVALID_CREDENTIALS`, `STALE_VERSION` …), if any. */
export function errorReason(error: unknown): Reason | undefined {
  return error instanceof TRPCClientError ? (error.data as { reason?: Reason } | undefined)?.reason : undefined;
}

// Every reason the server sends, with a one-line meaning: `REASON_MEANINGS[errorReason(error)]`.
// A receiver checks a delivery's Standard Webhooks signature with its endpoint secret:
// `await verifyWebhook(secret, request.headers, rawBody)` returns the payload or throws.
export {
  REASON_MEANINGS,
  REASONS,
  type Reason,
  type VerifyWebhookOptions,
  verifyWebhook,
  WebhookVerificationError,
} from '@tradeloom/shared';
export { TRPCClientError };
