import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookConfig } from '../../server/src/config.ts';
import { assertWebhookUrlAllowed, sendWebhookRequest, type WebhookResolver } from '../../server/src/modules/webhooks/url-guard.ts';
import { failure, fieldErrors } from '../harness/errors.ts';

// SSRF rules (SECURITY_TESTS W1–W4) against injected resolvers and real receivers on 127.0.0.x.

const strict: WebhookConfig = { allowHosts: [], allowHttp: false, timeoutMs: 5000 };
const local = (allowHosts: string[]): WebhookConfig => ({ allowHosts, allowHttp: true, timeoutMs: 5000 });

/** A resolver that must not be asked: the refusal has to come without any DNS query. */
const noDns: WebhookResolver = async (hostname) => {
  throw new Error(`resolver called for ${hostname}`);
};
const answers =
  (...addresses: string[]): WebhookResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

async function refusal(config: WebhookConfig, url: string, resolver: WebhookResolver = noDns): Promise<string> {
  const error = await failure(assertWebhookUrlAllowed(config, url, resolver));
  expect(error.code).toBe('BAD_REQUEST');
  expect(error.reason).toBe('WEBHOOK_URL_REFUSED');
  const messages = fieldErrors(error).url ?? [];
  expect(messages).toHaveLength(1);
  return messages[0] ?? '';
}

describe('assertWebhookUrlAllowed: IP literals, no DNS query', () => {
  const refusedIPv4: [string, RegExp][] = [
    ['10.0.0.5', /private address \(10\.0\.0\.5\)/],
    ['172.16.0.1', /private/],
    ['172.31.255.254', /private/],
    ['192.168.1.1', /private/],
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['169.254.169.254', /cloud metadata address/],
    ['169.254.10.1', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.254', /carrier-grade NAT/],
    ['100.100.100.200', /cloud metadata/],
    ['198.18.0.1', /reserved/],
    ['192.0.2.10', /reserved/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
  ];
  it.each(refusedIPv4)('refuses https://%s/', async (ip, words) => {
    expect(await refusal(strict, `https://${ip}/hook`)).toMatch(words);
  });

  const refusedIPv6: [string, RegExp][] = [
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fc00::1', /private/],
    ['fd12:3456::1', /private/],
    ['fd00:ec2::254', /cloud metadata/],
    ['fec0::1', /private/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /loopback address \(127\.0\.0\.1 inside IPv6\)/],
    ['::ffff:7f00:1', /loopback/],
    ['::ffff:10.0.0.1', /private/],
    ['::ffff:169.254.169.254', /cloud metadata/],
    ['::ffff:0:7f00:1', /loopback/],
    ['64:ff9b::7f00:1', /loopback/],
    ['64:ff9b::a9fe:a9fe', /cloud metadata/],
    ['64:ff9b:1::a00:1', /NAT64/],
    ['::127.0.0.1', /outside the public IPv6 range/],
    ['2002:7f00:1::1', /tunnelling/],
    ['2001:0:4136:e378::1', /tunnelling/],
    ['2001:db8::1', /reserved/],
    ['2001:2::1', /benchmarking/],
    ['4000::1', /outside the public IPv6 range/],
  ];
  it.each(refusedIPv6)('refuses https://[%s]/', async (ip, words) => {
    expect(await refusal(strict, `https://[${ip}]/hook`)).toMatch(words);
  });

  // The WHATWG parser turns every spelling of 127.0.0.1 into 127.0.0.1 before the check.
  it.each(['2130706433', '0x7f000001', '017700000001', '0x7f.1', '127.1', '0177.0.0.1', '0x7f.0.0.1', '127.0.1'])(
    'refuses the numeric form https://%s/ as 127.0.0.1',
    async (host) => {
      expect(await refusal(strict, `https://${host}/hook`)).toBe('points to a loopback address (127.0.0.1)');
    },
  );

  it('accepts public IPv4 and IPv6 literals, and the public IPv4 inside a mapped or NAT64 address', async () => {
    for (const url of [
      'https://93.184.215.14/hook',
      'https://[2606:4700:4700::1111]/hook',
      'https://[::ffff:93.184.215.14]/',
      'https://[64:ff9b::5db8:d70e]/',
    ]) {
      await expect(assertWebhookUrlAllowed(strict, url, noDns)).resolves.toBeUndefined();
    }
  });
});

describe('assertWebhookUrlAllowed: URL rules', () => {
  it('refuses plain http unless allowHttp, and every other scheme', async () => {
    expect(await refusal(strict, 'http://hooks.example.com/')).toBe('must use https://, not plain http://');
    await expect(
      assertWebhookUrlAllowed({ ...strict, allowHttp: true }, 'http://hooks.example.com/', answers('93.184.215.14')),
    ).resolves.toBeUndefined();
    for (const url of ['ftp://hooks.example.com/', 'file:///etc/passwd', 'gopher://hooks.example.com/', 'javascript:alert(1)']) {
      expect(await refusal({ ...strict, allowHttp: true }, url)).toMatch(/not https:\/\//);
    }
    expect(await refusal(strict, 'not a url')).toBe('is not a valid address');
  });

  it('refuses a user name or password in the URL', async () => {
    expect(await refusal(strict, 'https://user@hooks.example.com/')).toMatch(/user name or password/);
    expect(await refusal(strict, 'https://user:pw@hooks.example.com/')).toMatch(/user name or password/);
  });

  it('refuses local names before any DNS query', async () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'api.localhost',
      'metadata.google.internal',
      'printer.local',
      'intranet',
      'router.home.arpa',
    ]) {
      expect(await refusal(strict, `https://${host}/hook`)).toMatch(/names a local host/);
    }
  });

  it('refuses ports below 1024 other than 80 and 443', async () => {
    expect(await refusal(strict, 'https://hooks.example.com:22/')).toMatch(/port 22/);
    expect(await refusal(strict, 'https://hooks.example.com:25/')).toMatch(/port 25/);
    for (const url of ['https://hooks.example.com:443/', 'https://hooks.example.com:80/', 'https://hooks.example.com:8443/']) {
      await expect(assertWebhookUrlAllowed(strict, url, answers('93.184.215.14'))).resolves.toBeUndefined();
    }
  });
});

describe('assertWebhookUrlAllowed: DNS answers', () => {
  it('refuses a name that resolves to a private address, naming it', async () => {
    expect(await refusal(strict, 'https://hooks.example.com/', answers('10.0.0.5'))).toBe('resolves to a private address (10.0.0.5)');
    expect(await refusal(strict, 'https://hooks.example.com/', answers('fd00::5'))).toBe('resolves to a private address (fd00::5)');
    expect(await refusal(strict, 'https://hooks.example.com/', answers('::ffff:169.254.169.254'))).toMatch(/cloud metadata/);
  });

  it('refuses when ANY of several A and AAAA answers is private', async () => {
    const resolver = answers('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '127.0.0.1');
    expect(await refusal(strict, 'https://hooks.example.com/', resolver)).toBe('resolves to a loopback address (127.0.0.1)');
  });

  it('accepts a name whose every answer is public', async () => {
    const resolver = answers('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c');
    await expect(assertWebhookUrlAllowed(strict, 'https://hooks.example.com/path?x=1', resolver)).resolves.toBeUndefined();
  });

  it('refuses a name that does not resolve, or resolves to nothing', async () => {
    const notFound: WebhookResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await refusal(strict, 'https://nowhere.example.com/', notFound)).toBe('could not be resolved (nowhere.example.com: ENOTFOUND)');
    expect(await refusal(strict, 'https://nowhere.example.com/', answers())).toMatch(/no addresses/);
  });

  it('refuses a name whose DNS answer does not come within the timeout', async () => {
    const hanging: WebhookResolver = () => new Promise(() => {});
    expect(await refusal({ ...strict, timeoutMs: 200 }, 'https://slow-dns.example.com/', hanging)).toBe(
      'could not be resolved within 200 ms',
    );
  });
});

describe('assertWebhookUrlAllowed: WEBHOOK_ALLOW_HOSTS', () => {
  it('lets a listed host through, and nothing else private', async () => {
    await expect(assertWebhookUrlAllowed(local(['127.0.0.1']), 'http://127.0.0.1:4000/hook', noDns)).resolves.toBeUndefined();
    expect(await refusal(local(['127.0.0.1']), 'http://127.0.0.2:4000/hook')).toMatch(/loopback/);
    expect(await refusal(local([]), 'http://127.0.0.1:4000/hook')).toMatch(/loopback/);
  });

  it('a listed IP also passes as a DNS answer, but an unlisted answer beside it is still refused', async () => {
    await expect(
      assertWebhookUrlAllowed(local(['127.0.0.1']), 'http://receiver.example:4000/', answers('127.0.0.1')),
    ).resolves.toBeUndefined();
    expect(await refusal(local(['127.0.0.1']), 'http://receiver.example:4000/', answers('127.0.0.1', '::1'))).toMatch(/\(::1\)/);
  });

  it('a listed name passes whatever it resolves to; IPv6 entries match any spelling', async () => {
    await expect(
      assertWebhookUrlAllowed(local(['receiver.test']), 'http://Receiver.Test:4000/', answers('10.1.2.3')),
    ).resolves.toBeUndefined();
    await expect(assertWebhookUrlAllowed(local(['::1']), 'http://[0:0:0:0:0:0:0:1]:4000/', noDns)).resolves.toBeUndefined();
  });

  it('does not lift the https rule', async () => {
    expect(await refusal({ ...local(['127.0.0.1']), allowHttp: false }, 'http://127.0.0.1:4000/hook')).toMatch(/https/);
  });
});

// ---- sending: real receivers on loopback ----------------------------------------------------

interface Receiver {
  url: string;
  port: number;
  hits: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** A node:http receiver on `host` (and `port`, 0 for any) that records every request it gets. */
async function startReceiver(handle: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1', port = 0): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const bound = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    url: `http://${host}:${bound}`,
    port: bound,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
}

const answer =
  (status: number, body = '', headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(status, headers).end(body);

const signedHeaders = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1800000000', 'webhook-signature': 'v1,abc=' };

describe('sendWebhookRequest', () => {
  it('POSTs the exact body as JSON with the given headers and reports the 2xx answer', async () => {
    const receiver = await startReceiver(answer(200, 'thanks'));
    const body = '{"type":"order.submitted","data":{"note":"₹ 1,00,000"}}';
    const result = await sendWebhookRequest({
      url: `${receiver.url}/hooks?a=1`,
      headers: { ...signedHeaders, 'Content-Type': 'text/plain' },
      body,
      timeoutMs: 5000,
      config: local(['127.0.0.1']),
    });
    expect(result).toMatchObject({ statusCode: 200, responseExcerpt: 'thanks', error: null, address: '127.0.0.1' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [hit] = receiver.hits;
    expect(hit).toMatchObject({ method: 'POST', url: '/hooks?a=1', body });
    expect(hit?.headers).toMatchObject({
      ...signedHeaders,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('a refused URL is an error result, never an exception, and nothing is contacted', async () => {
    const receiver = await startReceiver(answer(200));
    const result = await sendWebhookRequest({ url: `${receiver.url}/hook`, headers: {}, body: '{}', timeoutMs: 5000, config: local([]) });
    expect(result).toMatchObject({ statusCode: null, address: null, error: 'Refused: the URL points to a loopback address (127.0.0.1)' });
    expect(receiver.hits).toHaveLength(0);
  });

  it('DNS rebinding: connects to the address it checked, never to a later answer', async () => {
    // 127.0.0.2 plays the public address (listed), 127.0.0.1 the private one a rebinding DNS turns to.
    const vetted = await startReceiver(answer(204), '127.0.0.2');
    const internal = await startReceiver(answer(200, 'internal secrets'), '127.0.0.1', vetted.port);
    const calls: string[] = [];
    const rebinding: WebhookResolver = async (hostname) => {
      calls.push(hostname);
      return [{ address: calls.length === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 } satisfies LookupAddress];
    };
    const result = await sendWebhookRequest({
      url: `http://hooks.partner.example:${vetted.port}/hook`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
      config: local(['127.0.0.2']),
      resolver: rebinding,
    });
    expect(result).toMatchObject({ statusCode: 204, error: null, address: '127.0.0.2' });
    expect(vetted.hits.map((hit) => hit.headers.host)).toEqual([`hooks.partner.example:${vetted.port}`]);
    expect(internal.hits).toHaveLength(0);
    expect(calls).toEqual(['hooks.partner.example']);
  });

  it('DNS rebinding after registration: the next attempt checks again and refuses the new answer', async () => {
    const internal = await startReceiver(answer(200));
    const config = local(['127.0.0.2']);
    let answer4 = '127.0.0.2';
    const resolver: WebhookResolver = async () => [{ address: answer4, family: 4 }];
    const url = `http://hooks.partner.example:${internal.port}/hook`;
    await expect(assertWebhookUrlAllowed(config, url, resolver)).resolves.toBeUndefined();
    answer4 = '127.0.0.1';
    const result = await sendWebhookRequest({ url, headers: {}, body: '{}', timeoutMs: 5000, config, resolver });
    expect(result).toMatchObject({ statusCode: null, address: null, error: 'Refused: the URL resolves to a loopback address (127.0.0.1)' });
    expect(internal.hits).toHaveLength(0);
  });

  it('over https, connects to the pinned address but presents the URL host name (SNI) for the certificate', async () => {
    const serverNames: string[] = [];
    // No certificate at all: the handshake is refused right after the client names its server.
    const tls = createTlsServer({
      SNICallback: (name, callback) => {
        serverNames.push(name);
        callback(new Error('no certificate here'), undefined);
      },
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const port = (tls.address() as AddressInfo).port;
      const result = await sendWebhookRequest({
        url: `https://hooks.partner.example:${port}/hook`,
        headers: {},
        body: '{}',
        timeoutMs: 5000,
        config: { allowHosts: ['127.0.0.1'], allowHttp: false, timeoutMs: 5000 },
        resolver: answers('127.0.0.1'),
      });
      expect(result).toMatchObject({ statusCode: null, address: '127.0.0.1' });
      expect(result.error).toBeTruthy();
      expect(serverNames).toEqual(['hooks.partner.example']);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });

  it('an answer whose body stalls after the status still counts by its status, with what arrived', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(202, { 'content-type': 'text/plain' });
      res.write('accepted, still');
    });
    const result = await sendWebhookRequest({
      url: `${receiver.url}/`,
      headers: {},
      body: '{}',
      timeoutMs: 300,
      config: local(['127.0.0.1']),
    });
    expect(result).toMatchObject({ statusCode: 202, error: null, responseExcerpt: 'accepted, still' });
  });

  it('does not follow a redirect: a 3xx is a failed attempt with its status', async () => {
    const receiver = await startReceiver((req, res) =>
      req.url === '/hook' ? res.writeHead(302, { location: '/internal' }).end() : res.writeHead(200).end('followed'),
    );
    const result = await sendWebhookRequest({
      url: `${receiver.url}/hook`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
      config: local(['127.0.0.1']),
    });
    expect(result.statusCode).toBe(302);
    expect(result.error).toMatch(/^Answered 302 Found: redirects are not followed/);
    expect(receiver.hits.map((hit) => hit.url)).toEqual(['/hook']);
  });

  it('reports a non-2xx answer as an error with its status', async () => {
    const receiver = await startReceiver(answer(503, 'busy'));
    const result = await sendWebhookRequest({
      url: `${receiver.url}/`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
      config: local(['127.0.0.1']),
    });
    expect(result).toMatchObject({ statusCode: 503, error: 'Answered 503 Service Unavailable', responseExcerpt: 'busy' });
  });

  it('gives up at the timeout when the receiver never answers', async () => {
    const receiver = await startReceiver(() => {});
    const result = await sendWebhookRequest({
      url: `${receiver.url}/`,
      headers: {},
      body: '{}',
      timeoutMs: 300,
      config: local(['127.0.0.1']),
    });
    expect(result).toMatchObject({ statusCode: null, error: 'Timed out after 300 ms', responseExcerpt: '' });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(receiver.hits).toHaveLength(1);
  });

  it('the timeout also covers a DNS answer that never comes', async () => {
    const hanging: WebhookResolver = () => new Promise(() => {});
    const result = await sendWebhookRequest({
      url: 'https://slow-dns.example.com/',
      headers: {},
      body: '{}',
      timeoutMs: 200,
      config: strict,
      resolver: hanging,
    });
    expect(result).toMatchObject({ statusCode: null, error: 'Timed out after 200 ms', address: null });
  });

  it('keeps only the first 1 KB of a huge answer and stops reading it', async () => {
    let finished: boolean | undefined;
    const closed = Promise.withResolvers<void>();
    const receiver = await startReceiver((_req, res) => {
      res.on('close', () => {
        finished = res.writableFinished;
        closed.resolve();
      });
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      // 16 MB, more than the sockets buffer: the sender hangs up after the first kilobyte.
      let sent = 0;
      const pump = () => {
        while (sent < 256) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    // A long timeout, so only the cap (not the deadline) can explain an unfinished answer.
    const result = await sendWebhookRequest({
      url: `${receiver.url}/`,
      headers: {},
      body: '{}',
      timeoutMs: 30_000,
      config: local(['127.0.0.1']),
    });
    expect(result.statusCode).toBe(500);
    expect(result.responseExcerpt).toBe('x'.repeat(1024));
    await closed.promise;
    expect(finished).toBe(false);
  });

  it('cuts the excerpt at 1 KB without splitting a character', async () => {
    const receiver = await startReceiver(answer(200, '€'.repeat(400)));
    const result = await sendWebhookRequest({
      url: `${receiver.url}/`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
      config: local(['127.0.0.1']),
    });
    expect(result.responseExcerpt).toBe('€'.repeat(341));
  });

  it('reports a refused connection in words', async () => {
    const receiver = await startReceiver(answer(200));
    await receiver.close();
    const result = await sendWebhookRequest({
      url: `${receiver.url}/`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
      config: local(['127.0.0.1']),
    });
    expect(result).toMatchObject({ statusCode: null, error: 'Connection refused', responseExcerpt: '' });
  });
});
