import type { WebhookConfig } from '../../config.ts';
import { invalidFields } from '../../trpc/errors.ts';
import { postToVettedUrl, RESPONSE_EXCERPT_BYTES } from './pinned-post.ts';
import { systemResolver, vetWebhookUrl, type WebhookResolver, WebhookUrlRefusal } from './url-vetting.ts';

// SSRF rules for webhook addresses: https only unless configured, and no host resolving to a
// private, loopback, link-local or metadata address unless it is on WEBHOOK_ALLOW_HOSTS. The rules
// live in url-vetting.ts (URL) and address-policy.ts (IP ranges); this is what the service and the
// sender call.

export { RESPONSE_EXCERPT_BYTES, type WebhookResolver, WebhookUrlRefusal };

/**
 * Refuses an address a webhook may not use, as BAD_REQUEST with reason WEBHOOK_URL_REFUSED naming
 * the `url` field ("resolves to a private address (10.0.0.5)"). Called when an endpoint is created
 * or its URL changed; the sender checks again (and pins the checked address) on every attempt.
 */
export async function assertWebhookUrlAllowed(
  config: WebhookConfig,
  url: string,
  resolver: WebhookResolver = systemResolver,
): Promise<void> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  try {
    await beforeDeadline(vetWebhookUrl(config, url, resolver), signal);
  } catch (error) {
    if (error instanceof WebhookUrlRefusal) throw invalidFields({ url: error.message }, 'WEBHOOK_URL_REFUSED');
    if (signal.aborted) throw invalidFields({ url: `could not be resolved within ${config.timeoutMs} ms` }, 'WEBHOOK_URL_REFUSED');
    throw error;
  }
}

export interface WebhookRequest {
  url: string;
  /** The Standard Webhooks headers (and any others); content-type and length are the sender's. */
  headers: Record<string, string>;
  /** The exact bytes that were signed. */
  body: string;
  /** Covers resolving, connecting, sending and reading the answer. */
  timeoutMs: number;
  config: WebhookConfig;
  resolver?: WebhookResolver;
}

export interface WebhookAttemptResult {
  /** The receiver's status, null when none came (refused URL, network failure, timeout). */
  statusCode: number | null;
  durationMs: number;
  /** The first 1 KB of the answer as text ('' when none). */
  responseExcerpt: string;
  /** Why the attempt failed, in words; null only for a 2xx answer. */
  error: string | null;
  /** The IP address the request went to: one of those checked (null when none was contacted). */
  address: string | null;
}

/**
 * POSTs one webhook attempt: checks the URL and resolves its host by the same rules as
 * registration, then connects to an address it checked (never re-resolving), follows no redirect
 * (a 3xx is a failure with its status) and stops at `timeoutMs`. Never throws for a refused URL
 * or a network failure: they come back as `error`.
 */
export async function sendWebhookRequest(request: WebhookRequest): Promise<WebhookAttemptResult> {
  const started = performance.now();
  const deadline = { signal: AbortSignal.timeout(request.timeoutMs), timeoutMs: request.timeoutMs };
  const finish = (result: Omit<WebhookAttemptResult, 'durationMs'>): WebhookAttemptResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const target = await beforeDeadline(vetWebhookUrl(request.config, request.url, request.resolver), deadline.signal);
    return finish(await postToVettedUrl(target, request.headers, request.body, deadline));
  } catch (error) {
    const words =
      error instanceof WebhookUrlRefusal
        ? `Refused: the URL ${error.message}`
        : deadline.signal.aborted
          ? `Timed out after ${request.timeoutMs} ms`
          : `Could not deliver: ${(error as Error).message}`;
    return finish({ statusCode: null, responseExcerpt: '', error: words, address: null });
  }
}

/** A slow DNS answer cannot be cancelled, but the attempt stops waiting for it at the deadline. */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
