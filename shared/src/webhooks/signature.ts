// Standard Webhooks signatures (https://www.standardwebhooks.com): `v1,<base64 HMAC-SHA256 of
// "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the secret's bytes (base64 after `whsec_`).
// Web Crypto only, so the server, the SDK and a browser all use this one implementation.

export interface WebhookSignatureInput {
  /** The `webhook-id` header. */
  id: string;
  /** The `webhook-timestamp` header: whole seconds since the epoch. */
  timestamp: number;
  /** The raw request body, exactly as sent. */
  body: string;
}

/** CONTRACT STUB (implemented by the signing helper): `v1,<base64>` for one secret. */
export async function signWebhook(_secret: string, _input: WebhookSignatureInput): Promise<string> {
  throw new Error('CONTRACT STUB: signWebhook');
}

export interface VerifyWebhookOptions {
  /** How far the timestamp may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The time to check against (default: now). */
  now?: Date;
}

/**
 * CONTRACT STUB: checks the three headers against the body with the endpoint's secret and returns
 * the parsed JSON payload, or throws a `WebhookVerificationError` saying what did not match.
 */
export async function verifyWebhook(
  _secret: string,
  _headers: Record<string, string | string[] | undefined> | Headers,
  _body: string,
  _options: VerifyWebhookOptions = {},
): Promise<unknown> {
  throw new Error('CONTRACT STUB: verifyWebhook');
}

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}
