import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { WebhookConfig } from '../../config.ts';
import { forbiddenAddressReason } from './address-policy.ts';

// Decides whether a webhook URL may be used and, if so, which addresses it may be connected to.
// Used at registration and again on every attempt; the sender connects only to the addresses
// returned here (pinned), so a DNS answer that changes afterwards cannot redirect it.

/** Resolves a host name to every A and AAAA answer (injectable: tests answer without DNS). */
export type WebhookResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: WebhookResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A URL that passed the rules, with the addresses checked for it. */
export interface VettedWebhookUrl {
  url: URL;
  /** The host without IPv6 brackets: a name, or the IP literal itself. */
  hostname: string;
  /** What the host resolved to when checked (an IP literal: itself). Connect only to these. */
  addresses: LookupAddress[];
}

/** Why a URL is refused, in words that finish "The URL …" ("resolves to a private address (10.0.0.5)"). */
export class WebhookUrlRefusal extends Error {
  override name = 'WebhookUrlRefusal';
}

// Names that never lead to a public receiver: RFC 6761/6762/8375 special-use and the usual
// internal suffixes (metadata.google.internal). Refused before any DNS query.
const LOCAL_NAME_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'lan'];
const WELL_KNOWN_PORTS = new Set(['80', '443']);

/**
 * Checks a webhook URL and returns what to connect to, or throws a `WebhookUrlRefusal`:
 * http(s) only, https unless `config.allowHttp`; no user name or password; a public host name; port
 * 80, 443 or 1024 and up; and EVERY address the host resolves to public unicast. A host on
 * `config.allowHosts` skips the host, port and address rules (local receivers); an IP address on it
 * is also accepted when it is one of a name's answers.
 */
export async function vetWebhookUrl(
  config: WebhookConfig,
  rawUrl: string,
  resolver: WebhookResolver = systemResolver,
): Promise<VettedWebhookUrl> {
  const url = parseUrl(rawUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlRefusal(`uses ${url.protocol}, not https://`);
  if (url.protocol === 'http:' && !config.allowHttp) throw new WebhookUrlRefusal('must use https://, not plain http://');
  if (url.username || url.password) throw new WebhookUrlRefusal('must not contain a user name or password');

  // The WHATWG parser has already turned 2130706433, 0x7f.1, 017700000001 and 127.1 into 127.0.0.1.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const allowed = allowListMatcher(config.allowHosts);
  const hostAllowed = allowed(hostname);
  if (!hostAllowed) checkHostAndPort(url, hostname);

  const addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await resolve(resolver, hostname);
  if (!hostAllowed) {
    for (const { address } of addresses) {
      const reason = allowed(address) ? null : forbiddenAddressReason(address);
      if (reason) throw new WebhookUrlRefusal(`${isIP(hostname) ? 'points' : 'resolves'} to ${reason} (${address})`);
    }
  }
  return { url, hostname, addresses };
}

function parseUrl(rawUrl: string): URL {
  try {
    return new URL(rawUrl);
  } catch {
    throw new WebhookUrlRefusal('is not a valid address');
  }
}

function checkHostAndPort(url: URL, hostname: string): void {
  if (!isIP(hostname)) {
    const name = hostname.replace(/\.$/, '');
    if (!name.includes('.') || LOCAL_NAME_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) {
      throw new WebhookUrlRefusal(`names a local host (${hostname}), not a public one`);
    }
  }
  // Ports under 1024 other than http(s) are other protocols' (ssh, smtp …), not a webhook receiver's.
  if (url.port && !WELL_KNOWN_PORTS.has(url.port) && Number(url.port) < 1024) {
    throw new WebhookUrlRefusal(`uses port ${url.port}; only 80, 443 and ports from 1024 up are allowed`);
  }
}

async function resolve(resolver: WebhookResolver, hostname: string): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolver(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WebhookUrlRefusal(`could not be resolved (${hostname}${code ? `: ${code}` : ''})`);
  }
  if (addresses.length === 0) throw new WebhookUrlRefusal(`could not be resolved (${hostname}: no addresses)`);
  return addresses;
}

/** Host names compare exactly (lower case, no trailing dot); IP addresses by value (::1 = 0:0::1). */
function allowListMatcher(allowHosts: readonly string[]): (host: string) => boolean {
  const entries = new Set(allowHosts.map(canonicalHost));
  return (host) => entries.has(canonicalHost(host));
}

function canonicalHost(host: string): string {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  // One spelling per IPv6 address, so "::1" on the list matches "0:0:0:0:0:0:0:1".
  return isIP(bare) === 6 ? ipaddr.parse(bare).toString() : bare;
}
