import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, errorReason, parseRetryAfter, RateLimitedError, retryAfterSeconds, TRPCClientError } from '@tradeloom/sdk';
import { afterEach, describe, expect, it } from 'vitest';

// A stand-in for "a server that rate limits": it answers each request with the next scripted
// reply and records what arrived. The SDK's retry is what is under test, not our server.
interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}
interface Received {
  at: number;
  method: string;
  url: string;
  body: string;
}

const company = { id: '00000000-0000-4000-8000-000000000001', name: 'Stub Mills' };
const ok: Reply = { status: 200, body: [{ result: { data: company } }] };
const limited = (retryAfter: string | null): Reply => ({
  status: 429,
  headers: retryAfter === null ? {} : { 'retry-after': retryAfter },
  body: { error: { message: 'Too many requests for this API key.', code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' } },
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function stubServer(replies: Reply[]) {
  const received: Received[] = [];
  server = createServer(async (request, response) => {
    received.push({ at: Date.now(), method: request.method ?? '', url: request.url ?? '', body: await readBody(request) });
    const reply = replies.shift() ?? { status: 500, body: { error: { message: 'no reply scripted' } } };
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createClient({ url: `http://127.0.0.1:${port}`, apiKey: 'tlk_stub' });
  return { client, received };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('SDK on 429 Too Many Requests', () => {
  it('waits Retry-After seconds and retries once, then returns the answer', async () => {
    const { client, received } = await stubServer([limited('1'), ok]);
    const current = await client.companies.current.query();
    expect(current.name).toBe('Stub Mills');
    expect(received).toHaveLength(2);
    expect(received[1]?.url).toBe(received[0]?.url);
    // Node's timers never fire early; the stub stamps arrival, so the retry came a second later.
    expect((received[1]?.at ?? 0) - (received[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('sends a mutation again with the same body', async () => {
    const created = { id: '00000000-0000-4000-8000-000000000002' };
    const { client, received } = await stubServer([limited('0'), { status: 200, body: [{ result: { data: created } }] }]);
    const input = { label: 'FY-RL', startsOn: '2060-04-01', endsOn: '2061-03-31' };
    await expect(client.settings.financialYears.create.mutate(input)).resolves.toEqual(created);
    expect(received.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(received[1]?.body).toBe(received[0]?.body);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ 0: input });
  });

  it('a second 429 fails the call with RATE_LIMITED and the wait the server asked for', async () => {
    const { client, received } = await stubServer([limited('1'), limited('7')]);
    const error = await client.companies.current.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(errorReason(error)).toBe('RATE_LIMITED');
    expect(retryAfterSeconds(error)).toBe(7);
    expect((error as Error).message).toContain('Too many requests for this API key.');
    expect(received).toHaveLength(2);
  });

  it('does not sleep through a wait above the cap: fails at once without a retry', async () => {
    const { client, received } = await stubServer([limited('3600'), ok]);
    const error = await client.companies.current.query().catch((e: unknown) => e);
    expect(errorReason(error)).toBe('RATE_LIMITED');
    expect(retryAfterSeconds(error)).toBe(3600);
    expect((error as TRPCClientError<never>).cause).toBeInstanceOf(RateLimitedError);
    expect(received).toHaveLength(1);
  });

  it('leaves other failures alone: no retry, no retry-after', async () => {
    const { client, received } = await stubServer([
      {
        status: 403,
        body: [{ error: { message: 'No.', code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403, reason: 'PERMISSION_DENIED' } } }],
      },
    ]);
    const error = await client.companies.current.query().catch((e: unknown) => e);
    expect(errorReason(error)).toBe('PERMISSION_DENIED');
    expect(retryAfterSeconds(error)).toBeUndefined();
    expect(received).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and defaults to one second', () => {
    const now = Date.parse('2026-12-01T09:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:42 GMT', now)).toBe(42);
    expect(parseRetryAfter('Tue, 01 Dec 2026 08:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBe(1);
    expect(parseRetryAfter('soon', now)).toBe(1);
  });
});
