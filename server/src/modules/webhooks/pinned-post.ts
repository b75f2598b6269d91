import type { LookupAddress } from 'node:dns';
import http, { type IncomingMessage, STATUS_CODES } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { VettedWebhookUrl } from './url-vetting.ts';

// One POST to a vetted webhook URL, connected only to the addresses that were checked (the socket's
// DNS lookup answers from that list), never following a redirect, reading at most a small excerpt
// of the answer. Failures come back as words, never as exceptions.

/** How much of the receiver's answer is kept (and read at all): the attempt log's excerpt. */
export const RESPONSE_EXCERPT_BYTES = 1024;
const USER_AGENT = 'Tradeloom-Webhooks/1';

export interface PinnedPostResult {
  statusCode: number | null;
  responseExcerpt: string;
  /** Why the attempt failed, in words; null for a 2xx answer. */
  error: string | null;
  /** The IP address the request was sent to (null when no connection was made). */
  address: string | null;
}

/** The attempt's overall deadline: aborts connect, send and read alike. */
export interface Deadline {
  signal: AbortSignal;
  timeoutMs: number;
}

export function postToVettedUrl(
  target: VettedWebhookUrl,
  headers: Record<string, string>,
  body: string,
  deadline: Deadline,
): Promise<PinnedPostResult> {
  const payload = Buffer.from(body, 'utf8');
  const transport = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let address: string | null = null;
    let answered = false;
    const request = transport.request(
      target.url,
      {
        method: 'POST',
        headers: {
          ...withoutFramingHeaders(headers),
          'content-type': 'application/json',
          'content-length': String(payload.length),
          'user-agent': USER_AGENT,
        },
        // The Host header and TLS server name stay the URL's host; only the address is pinned.
        lookup: pinnedLookup(target.addresses),
        // A fresh connection per attempt: a pooled socket could have been opened to another address.
        agent: false,
        signal: deadline.signal,
      },
      (response) => {
        answered = true;
        readExcerpt(response).then((responseExcerpt) =>
          resolve({ statusCode: response.statusCode ?? null, responseExcerpt, error: statusError(response), address }),
        );
      },
    );
    request.on('socket', (socket) => socket.once('connect', () => (address = socket.remoteAddress ?? null)));
    request.on('error', (error) => {
      // Once the status has arrived it decides; an error while reading the excerpt only shortens it.
      if (!answered) resolve({ statusCode: null, responseExcerpt: '', error: networkError(error, deadline), address });
    });
    request.end(payload);
  });
}

/** A socket lookup that answers only from the vetted addresses, whatever DNS says now. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const candidates = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const [first] = candidates;
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`No vetted IPv${options.family} address for ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) {
      callback(null, [...candidates]);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

// The sender sets these; a caller's copy could contradict the bytes actually sent.
function withoutFramingHeaders(headers: Record<string, string>): Record<string, string> {
  const framing = new Set(['content-type', 'content-length', 'transfer-encoding', 'host', 'connection']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !framing.has(name.toLowerCase())));
}

/** The first RESPONSE_EXCERPT_BYTES of the answer as text; the rest is never read. */
async function readExcerpt(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= RESPONSE_EXCERPT_BYTES) break;
    }
  } catch {
    // Cut off mid-answer (timeout, reset): the status already counts, keep what arrived.
  } finally {
    response.destroy();
  }
  // stream: true leaves out a character cut in half at the limit instead of showing U+FFFD.
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES), { stream: true });
}

function statusError(response: IncomingMessage): string | null {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return null;
  const words = `${status} ${response.statusMessage || STATUS_CODES[status] || ''}`.trim();
  if (status >= 300 && status < 400) return `Answered ${words}: redirects are not followed, a receiver must answer 2xx`;
  return `Answered ${words}`;
}

function networkError(error: NodeJS.ErrnoException, deadline: Deadline): string {
  if (deadline.signal.aborted) return `Timed out after ${deadline.timeoutMs} ms`;
  const known: Record<string, string> = {
    ECONNREFUSED: 'Connection refused',
    ECONNRESET: 'Connection reset by the receiver',
    EHOSTUNREACH: 'Receiver unreachable',
    ENETUNREACH: 'Network unreachable',
    ETIMEDOUT: 'Timed out connecting',
  };
  return (error.code && known[error.code]) || `Could not deliver: ${error.message}`;
}
