import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WebhookConfig } from '../../server/src/config.ts';
import { forbiddenAddressReason } from '../../server/src/modules/webhooks/address-policy.ts';
import { assertWebhookUrlAllowed, type WebhookResolver } from '../../server/src/modules/webhooks/url-guard.ts';

// The address policy (ipaddr.js ranges) checked against an independent oracle: node:net's BlockList
// filled by hand from the IANA special-purpose registries, at random addresses biased towards the
// edges of every range, and in every numeric spelling a URL can carry.

const IPV4_SPECIAL: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.31.196.0', 24],
  ['192.52.193.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['192.175.48.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const IPV6_NOT_PUBLIC_INSIDE_2000_3: [string, number][] = [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['2620:4f:8000::', 48],
  ['3fff::', 20],
];

const oracle4 = new BlockList();
for (const [network, prefix] of IPV4_SPECIAL) oracle4.addSubnet(network, prefix, 'ipv4');
const oracle6 = new BlockList();
for (const [network, prefix] of IPV6_NOT_PUBLIC_INSIDE_2000_3) oracle6.addSubnet(network, prefix, 'ipv6');
const globalUnicast6 = new BlockList();
globalUnicast6.addSubnet('2000::', 3, 'ipv6');

const toDotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const fromDotted = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

/** Any IPv4 address, half the time within two of a special range's first or last address. */
const ipv4 = fc.oneof(
  fc.nat({ max: 0xffffffff }),
  fc.tuple(fc.constantFrom(...IPV4_SPECIAL), fc.boolean(), fc.integer({ min: -2, max: 2 })).map(([[network, prefix], atEnd, offset]) => {
    const start = fromDotted(network);
    const edge = atEnd ? start + 2 ** (32 - prefix) - 1 : start;
    return Math.min(0xffffffff, Math.max(0, edge + offset));
  }),
);

/** Any IPv6 address under an interesting first group, the rest random. */
const ipv6 = fc
  .tuple(
    fc.constantFrom(
      0x0000,
      0x0064,
      0x0100,
      0x1fff,
      0x2000,
      0x2001,
      0x2002,
      0x2400,
      0x2606,
      0x2620,
      0x3ffe,
      0x3fff,
      0x4000,
      0x5f00,
      0xfc00,
      0xfd00,
      0xfe80,
      0xfec0,
      0xff02,
    ),
    fc.array(fc.nat({ max: 0xffff }), { minLength: 7, maxLength: 7 }),
  )
  .map(([first, rest]) => [first, ...rest].map((group) => group.toString(16)).join(':'));

/** Spellings of one IPv4 address in a URL host that the WHATWG parser must bring back to it. */
function spellings(n: number): string[] {
  const [a, b, c, d] = toDotted(n).split('.').map(Number) as [number, number, number, number];
  const hi = ((a << 8) | b).toString(16);
  const lo = ((c << 8) | d).toString(16);
  return [
    toDotted(n),
    String(n),
    `0x${n.toString(16)}`,
    [a, b, c, d].map((octet) => `0${octet.toString(8)}`).join('.'),
    [a, b, c, d].map((octet) => `0x${octet.toString(16)}`).join('.'),
    `${a}.${(b << 16) | (c << 8) | d}`,
    `[::ffff:${toDotted(n)}]`,
    `[::ffff:${hi}:${lo}]`,
    `[64:ff9b::${hi}:${lo}]`,
  ];
}

const strict: WebhookConfig = { allowHosts: [], allowHttp: false, timeoutMs: 5000 };
const noDns: WebhookResolver = async (hostname) => {
  throw new Error(`resolver called for ${hostname}`);
};
const refused = (url: string) =>
  assertWebhookUrlAllowed(strict, url, noDns).then(
    () => false,
    () => true,
  );

describe('address policy against an independent IANA oracle', () => {
  it('refuses an IPv4 address exactly when the oracle lists it as special-purpose', () => {
    fc.assert(
      fc.property(ipv4, (n) => {
        const ip = toDotted(n);
        expect(forbiddenAddressReason(ip) !== null, ip).toBe(oracle4.check(ip, 'ipv4'));
      }),
      { numRuns: 5000 },
    );
  });

  it('judges IPv4-mapped and NAT64 IPv6 addresses by the IPv4 address inside', () => {
    fc.assert(
      fc.property(ipv4, (n) => {
        const ip = toDotted(n);
        const special = oracle4.check(ip, 'ipv4');
        expect(forbiddenAddressReason(`::ffff:${ip}`) !== null, `::ffff:${ip}`).toBe(special);
        expect(forbiddenAddressReason(`64:ff9b::${ip}`) !== null, `64:ff9b::${ip}`).toBe(special);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts an IPv6 address only inside 2000::/3 and outside its special blocks', () => {
    fc.assert(
      fc.property(ipv6, (ip) => {
        const publicUnicast = globalUnicast6.check(ip, 'ipv6') && !oracle6.check(ip, 'ipv6');
        expect(forbiddenAddressReason(ip) === null, ip).toBe(publicUnicast);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same answer for every numeric spelling of an IPv4 address in a URL', async () => {
    await fc.assert(
      fc.asyncProperty(ipv4, async (n) => {
        const special = oracle4.check(toDotted(n), 'ipv4');
        for (const host of spellings(n)) expect(await refused(`https://${host}/hook`), host).toBe(special);
      }),
      { numRuns: 500 },
    );
  });
});
