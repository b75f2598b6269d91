// The router's type only (never its code): the package build inlines it into index.d.ts.
import type { AppRouter } from '@tradeloom/server/router';
import type { Reason } from '@tradeloom/shared';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { EventSource } from 'eventsource';
import { type RateLimitOptions, rateLimitedCause, retryOnceOn429 } from './rate-limit.ts';

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
  /** How a 429 is handled: one retry after Retry-After when it asks for at most this long. */
  rateLimit?: RateLimitOptions;
}

/**
 * A typed client for the Tradeloom API. Every procedure the key's scopes allow is a method:
 * `await client.companies.current.query()`, `await client.audit.list.query({ limit: 10 })`.
 * Live updates: `client.live.updates.subscribe(undefined, { onData: (change) => … })`.
 */
export function createClient(options: ClientOptions): TradeloomClient {
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
          fetch: retryOnceOn429(fetchImpl, options.rateLimit),
        }),
      }),
    ],
  });
}

export type TradeloomClient = TRPCClient<AppRouter>;

/** The machine-readable reason of a failed call (`INVALID_CREDENTIALS`, `RATE_LIMITED` …), if any. */
export function errorReason(error: unknown): Reason | undefined {
  const rateLimited = rateLimitedCause(error);
  if (rateLimited) return rateLimited.reason;
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
export { MAX_RETRY_WAIT_SECONDS, parseRetryAfter, RateLimitedError, type RateLimitOptions, retryAfterSeconds } from './rate-limit.ts';
export { TRPCClientError };
