import type { WebhookConfig } from '../../config.ts';

// INTERIM until the SSRF-guarded, address-pinning sender (url-guard.ts `sendWebhookRequest`) lands:
// same signature and result, no address checks. Not to be merged as is.

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  config: WebhookConfig;
}

export interface WebhookResponse {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string;
  error: string | null;
}

export async function sendWebhookRequest(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = (await response.text()).slice(0, 1024);
    return { statusCode: response.status, durationMs: performance.now() - started, responseExcerpt: text, error: null };
  } catch (error) {
    return { statusCode: null, durationMs: performance.now() - started, responseExcerpt: '', error: String(error) };
  }
}
