import ipaddr from 'ipaddr.js';

// Which IP addresses a webhook may be sent to: only globally routable unicast. Every special-purpose
// range ipaddr.js knows (the IANA registries: private, loopback, link-local, CGNAT, multicast,
// benchmarking, documentation …) is refused, and IPv6 forms that carry an IPv4 address (mapped,
// translated, NAT64) are judged by the IPv4 address they carry.

const CLOUD_METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** Words for a refused range, finishing "resolves to …". */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  deprecatedSiteLocal: 'a private address',
  benchmarking: 'a benchmarking address',
  reserved: 'a reserved address',
  '6to4': 'a tunnelling address',
  teredo: 'a tunnelling address',
};

const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Why a webhook may not go to this address, in words ("a private address"), or null when it is a
 * public unicast address. An unparsable string is refused too.
 */
export function forbiddenAddressReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'an address that is not a valid IP address';
  }
  if (CLOUD_METADATA.has(parsed.toString())) return 'the cloud metadata address';
  return parsed.kind() === 'ipv4' ? ipv4Reason(parsed as ipaddr.IPv4) : ipv6Reason(parsed as ipaddr.IPv6);
}

function ipv4Reason(address: ipaddr.IPv4): string | null {
  const range: string = address.range();
  return range === 'unicast' ? null : (RANGE_WORDS[range] ?? 'a special-purpose address');
}

function ipv6Reason(address: ipaddr.IPv6): string | null {
  const range: string = address.range();
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address.
  if (range === 'ipv4Mapped' || range === 'rfc6145' || (range === 'rfc6052' && address.match(NAT64_WELL_KNOWN))) {
    const embedded = embeddedIPv4(address);
    const reason = forbiddenAddressReason(embedded.toString());
    return reason && `${reason} (${embedded.toString()} inside IPv6)`;
  }
  if (range === 'rfc6052') return 'a local-use NAT64 address';
  if (range !== 'unicast') return RANGE_WORDS[range] ?? 'a special-purpose address';
  // What ipaddr.js calls unicast also covers unassigned space and IPv4-compatible ::a.b.c.d.
  return address.match(IPV6_GLOBAL_UNICAST) ? null : 'an address outside the public IPv6 range';
}

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12));
}
