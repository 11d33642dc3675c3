import { isIPv4, isIPv6 } from 'node:net';

/**
 * Where an IP address may be reached from this server on a reseller's behalf.
 *   public:    anyone's internet host.
 *   private:   this operator's own networks (loopback, RFC 1918, CGNAT, IPv6 unique-local): refused
 *              unless the operator sets OUTBOUND_ALLOW_PRIVATE_NETWORKS=true (on-premise gateways).
 *   forbidden: never a reseller's gateway: unspecified, link-local (cloud metadata services answer
 *              on 169.254.169.254 and fe80::), multicast, broadcast, documentation and reserved
 *              ranges. Refused even with that setting.
 */
export type AddressVerdict = { kind: 'public' } | { kind: 'private' | 'forbidden'; reason: string };

type Range = [first: number[], prefixBits: number, kind: 'private' | 'forbidden', reason: string];

const IPV4_RANGES: Range[] = [
  [[0, 0, 0, 0], 8, 'forbidden', 'an unspecified ("this network") address'],
  [[10, 0, 0, 0], 8, 'private', 'a private network address (10/8)'],
  [[100, 64, 0, 0], 10, 'private', 'a carrier-grade NAT address (100.64/10)'],
  [[127, 0, 0, 0], 8, 'private', 'a loopback address'],
  [[169, 254, 0, 0], 16, 'forbidden', 'a link-local address (169.254/16, where cloud metadata answers)'],
  [[172, 16, 0, 0], 12, 'private', 'a private network address (172.16/12)'],
  [[192, 0, 0, 0], 24, 'forbidden', 'a reserved address (192.0.0/24)'],
  [[192, 0, 2, 0], 24, 'forbidden', 'a documentation address (192.0.2/24)'],
  [[192, 88, 99, 0], 24, 'forbidden', 'a reserved address (6to4 relay, 192.88.99/24)'],
  [[192, 168, 0, 0], 16, 'private', 'a private network address (192.168/16)'],
  [[198, 18, 0, 0], 15, 'forbidden', 'a reserved address (benchmarking, 198.18/15)'],
  [[198, 51, 100, 0], 24, 'forbidden', 'a documentation address (198.51.100/24)'],
  [[203, 0, 113, 0], 24, 'forbidden', 'a documentation address (203.0.113/24)'],
  [[224, 0, 0, 0], 4, 'forbidden', 'a multicast address (224/4)'],
  [[255, 255, 255, 255], 32, 'forbidden', 'the broadcast address'],
  [[240, 0, 0, 0], 4, 'forbidden', 'a reserved address (240/4)'],
];

const hex = (...groups: number[]) => groups.flatMap((g) => [g >> 8, g & 0xff]);

/** IPv6 outside these is either global unicast (2000::/3, checked further below) or reserved. */
const IPV6_RANGES: Range[] = [
  [hex(0, 0, 0, 0, 0, 0, 0, 0), 128, 'forbidden', 'the unspecified address (::)'],
  [hex(0, 0, 0, 0, 0, 0, 0, 1), 128, 'private', 'the loopback address (::1)'],
  [hex(0x100, 0, 0, 0), 64, 'forbidden', 'a discard address (100::/64)'],
  [hex(0x64, 0xff9b, 1), 48, 'forbidden', 'a local-use NAT64 address (64:ff9b:1::/48)'],
  [hex(0x2001, 0), 32, 'forbidden', 'a Teredo address (2001::/32), which hides an IPv4 address'],
  [hex(0x2001, 0xdb8), 32, 'forbidden', 'a documentation address (2001:db8::/32)'],
  [hex(0xfc00), 7, 'private', 'a unique-local address (fc00::/7)'],
  [hex(0xfe80), 10, 'forbidden', 'a link-local address (fe80::/10)'],
  [hex(0xfec0), 10, 'private', 'a site-local address (fec0::/10)'],
  [hex(0xff00), 8, 'forbidden', 'a multicast address (ff00::/8)'],
];

/** Where an IPv6 form carries an IPv4 address, its bytes decide: ::ffff:127.0.0.1 is loopback. */
const EMBEDDING_IPV4: Array<[first: number[], prefixBits: number, at: number, form: string]> = [
  [hex(0, 0, 0, 0, 0, 0xffff), 96, 12, 'IPv4-mapped'],
  [hex(0, 0, 0, 0, 0xffff, 0), 96, 12, 'IPv4-translated'],
  [hex(0, 0, 0, 0, 0, 0), 96, 12, 'IPv4-compatible'],
  [hex(0x64, 0xff9b, 0, 0, 0, 0), 96, 12, 'NAT64'],
  [hex(0x2002), 16, 2, '6to4'],
];

/** The verdict on an IP address in text (IPv4 dotted, or any IPv6 spelling); null if it is no IP. */
export function classifyAddress(text: string): AddressVerdict | null {
  const v4 = ipv4Bytes(text);
  if (v4) return classifyIpv4(v4);
  const v6 = ipv6Bytes(text);
  return v6 ? classifyIpv6(v6) : null;
}

function classifyIpv4(bytes: number[]): AddressVerdict {
  for (const [first, bits, kind, reason] of IPV4_RANGES) {
    if (inPrefix(bytes, first, bits)) return { kind, reason };
  }
  return { kind: 'public' };
}

function classifyIpv6(bytes: number[]): AddressVerdict {
  for (const [first, bits, kind, reason] of IPV6_RANGES) {
    if (inPrefix(bytes, first, bits)) return { kind, reason };
  }
  for (const [first, bits, at, form] of EMBEDDING_IPV4) {
    if (!inPrefix(bytes, first, bits)) continue;
    const inner = classifyIpv4(bytes.slice(at, at + 4));
    return inner.kind === 'public' ? inner : { ...inner, reason: `${inner.reason}, in ${form} IPv6 form` };
  }
  // Global unicast is 2000::/3; everything else is unassigned or reserved.
  if ((bytes[0]! & 0xe0) === 0x20) return { kind: 'public' };
  return { kind: 'forbidden', reason: 'a reserved IPv6 address (outside 2000::/3)' };
}

function inPrefix(bytes: number[], first: number[], bits: number): boolean {
  for (let i = 0; i < bytes.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== ((first[i] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(text: string): number[] | null {
  return isIPv4(text) ? text.split('.').map(Number) : null;
}

/** The 16 bytes of an IPv6 address in any valid spelling (`::`, a dotted IPv4 tail, a zone id). */
function ipv6Bytes(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(address)) return null;
  let body = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    body = `${body.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = body.includes('::') ? body.split('::') : [body, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const middle = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return hex(...left, ...middle, ...right);
}
