import { TRPCClientError } from '@trpc/client';

/** Waits longer than this are not slept through: the call fails at once and the caller decides. */
export const MAX_RETRY_WAIT_SECONDS = 60;
// A 429 without Retry-After (the header is optional in RFC 6585) waits this long before its retry.
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** A call the server refused with 429 Too Many Requests, after the SDK's one retry (or instead of it). */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly reason = 'RATE_LIMITED' as const;
  /** Seconds the server asked to wait before the next call (Retry-After). */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, serverMessage?: string) {
    super(`${serverMessage ?? 'Too many requests.'} Retry after ${retryAfterSeconds} s.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds (`"30"`) or an HTTP date, as RFC 9110
 * allows; never negative. `now` is for tests.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return DEFAULT_RETRY_AFTER_SECONDS;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The seconds a rate-limited call asked to wait, or undefined when the error is not a 429. */
export function retryAfterSeconds(error: unknown): number | undefined {
  return rateLimitedCause(error)?.retryAfterSeconds;
}

/** The RateLimitedError behind an error the client threw (tRPC wraps what fetch throws). */
export function rateLimitedCause(error: unknown): RateLimitedError | undefined {
  if (error instanceof RateLimitedError) return error;
  if (error instanceof TRPCClientError && error.cause instanceof RateLimitedError) return error.cause;
  return undefined;
}

export interface RateLimitOptions {
  /** Longest Retry-After the SDK sleeps through before its one retry (default 60 s). */
  maxRetryWaitSeconds?: number;
}

/**
 * A fetch that answers a 429 by waiting Retry-After and sending the same request once more; a
 * second 429 (or a wait above the cap) becomes a RateLimitedError, so every call in the batch fails
 * with reason RATE_LIMITED and the wait readable through `retryAfterSeconds(error)`.
 */
export function retryOnceOn429(fetchImpl: typeof fetch, options: RateLimitOptions = {}): typeof fetch {
  const maxWait = options.maxRetryWaitSeconds ?? MAX_RETRY_WAIT_SECONDS;
  return async (input, init) => {
    const first = await fetchImpl(input, init);
    if (first.status !== 429) return first;
    const wait = parseRetryAfter(first.headers.get('retry-after'));
    if (wait > maxWait) throw await rateLimitedError(first, wait);
    await first.body?.cancel();
    await sleep(wait * 1000, init?.signal ?? undefined);
    // The batch link sends string bodies, so the same init can be sent again.
    const second = await fetchImpl(input, init);
    if (second.status !== 429) return second;
    throw await rateLimitedError(second, parseRetryAfter(second.headers.get('retry-after')));
  };
}

async function rateLimitedError(response: Response, wait: number): Promise<RateLimitedError> {
  return new RateLimitedError(wait, await serverMessage(response));
}

// The server's own sentence, whichever error body it used (a tRPC error or the REST `{ error }`).
async function serverMessage(response: Response): Promise<string | undefined> {
  const body: unknown = await response.json().catch(() => undefined);
  const entry = Array.isArray(body) ? body[0] : body;
  const message = (entry as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
