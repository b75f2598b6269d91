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

export interface VerifyWebhookOptions {
  /** How far the timestamp may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The time to check against (default: now). */
  now?: Date;
}

/** The three headers a delivery carries, by their lower-case names (a type, so it passes as a header record). */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Why a delivery did not verify: a missing header, a stale timestamp, no matching signature. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

const SECRET_PREFIX = 'whsec_';
const SIGNATURE_VERSION = 'v1';
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** A new endpoint secret: `whsec_` and the base64 of 32 random bytes (the spec asks for 24–64). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** `v1,<base64>`: the signature of one message with one secret (with or without `whsec_`). */
export async function signWebhook(secret: string, input: WebhookSignatureInput): Promise<string> {
  const key = await hmacKey(secret, 'sign');
  const mac = await crypto.subtle.sign('HMAC', key, signedContent(input.id, String(input.timestamp), input.body));
  return `${SIGNATURE_VERSION},${encodeBase64(new Uint8Array(mac))}`;
}

/**
 * The headers of one delivery, with one signature per secret, space-separated: during a secret
 * rotation both the new and the previous secret sign, so a receiver holding either verifies.
 */
export async function webhookHeaders(secrets: readonly string[], message: WebhookSignatureInput): Promise<WebhookHeaders> {
  if (secrets.length === 0) throw new Error('webhookHeaders needs at least one secret');
  const signatures = await Promise.all(secrets.map((secret) => signWebhook(secret, message)));
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * Checks the three headers against the raw body with the endpoint's secret and returns the parsed
 * JSON payload, or throws a `WebhookVerificationError` saying what did not match. Any one of the
 * space-separated `v1,` signatures may match (secret rotation); the comparison is Web Crypto's
 * HMAC verify, which takes the same time wherever the bytes differ.
 */
export async function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined> | Headers,
  body: string,
  options: VerifyWebhookOptions = {},
): Promise<unknown> {
  const id = headerValue(headers, 'webhook-id');
  const timestampHeader = headerValue(headers, 'webhook-timestamp');
  const signatureHeader = headerValue(headers, 'webhook-signature');
  const missing = [!id && 'webhook-id', !timestampHeader && 'webhook-timestamp', !signatureHeader && 'webhook-signature'].filter(Boolean);
  if (!id || !timestampHeader || !signatureHeader) throw new WebhookVerificationError(`Missing header: ${missing.join(', ')}`);

  checkTimestamp(timestampHeader, options);

  const key = await hmacKey(secret, 'verify');
  const content = signedContent(id, timestampHeader, body);
  for (const candidate of signatureHeader.split(' ')) {
    const mac = v1SignatureBytes(candidate);
    if (mac && (await crypto.subtle.verify('HMAC', key, mac, content))) return parseBody(body);
  }
  throw new WebhookVerificationError('No matching signature: the body, the timestamp or the secret differs from what was signed');
}

function checkTimestamp(header: string, options: VerifyWebhookOptions): void {
  if (!/^\d{1,12}$/.test(header)) throw new WebhookVerificationError('Invalid webhook-timestamp: expected whole seconds since the epoch');
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const timestamp = Number(header);
  if (now - timestamp > tolerance) throw new WebhookVerificationError(`Message timestamp too old: more than ${tolerance} s before now`);
  if (timestamp - now > tolerance) throw new WebhookVerificationError(`Message timestamp too new: more than ${tolerance} s after now`);
}

/** The MAC of one `v1,<base64>` entry, or null for another scheme (`v1a`) or malformed base64. */
function v1SignatureBytes(entry: string): Uint8Array<ArrayBuffer> | null {
  const comma = entry.indexOf(',');
  if (comma < 0 || entry.slice(0, comma) !== SIGNATURE_VERSION) return null;
  try {
    return decodeBase64(entry.slice(comma + 1));
  } catch {
    return null;
  }
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new WebhookVerificationError('The body is not valid JSON');
  }
}

async function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = decodeBase64(encoded);
  } catch {
    throw new Error('The webhook secret is not valid base64 after whsec_');
  }
  if (bytes.length === 0) throw new Error('The webhook secret is empty');
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function signedContent(id: string, timestamp: string, body: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${id}.${timestamp}.${body}`);
}

/** A header by its name in any letter case; repeated values (a Node `string[]`) count as one list. */
function headerValue(headers: Record<string, string | string[] | undefined> | Headers, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

// atob/btoa work on "binary strings" (one char per byte) in Node and every browser.
function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
