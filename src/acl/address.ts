// Address matching for ACL lines: one address, a subnet, address&mask or a first-last range, with @port (nsd.conf(5)).
import ip6addr from 'ip6addr';
import type { AclEntry } from '../config/types.js';

/** A client address as 16 octets (IPv4 in its IPv4-mapped IPv6 form) and its family. */
export interface ClientAddress {
  readonly family: 4 | 6;
  readonly octets: Uint8Array;
  readonly port: number;
}

/** Decides whether a client address falls in one ACL line's address part and port. */
export type AddressMatcher = (client: ClientAddress) => boolean;

/**
 * Parses a client address as a transport reports it. A `%scope` suffix is dropped. An IPv4-mapped
 * IPv6 address (`::ffff:192.0.2.1`, what a dual-stack Node socket reports for an IPv4 peer) is an
 * IPv4 client: NSD binds its IPv6 sockets IPV6_V6ONLY, so there an IPv4 peer always arrives as
 * AF_INET and is matched by the IPv4 lines only (acl_addr_matches compares the families first).
 * Returns null for text that is not an address.
 */
export function parseClient(address: string, port: number): ClientAddress | null {
  const pct = address.indexOf('%');
  const text = pct >= 0 ? address.slice(0, pct) : address;
  try {
    const a = ip6addr.parse(text);
    return { family: a.kind() === 'ipv4' ? 4 : 6, octets: Uint8Array.from(a.toBuffer()), port };
  } catch {
    return null;
  }
}

function octetsOf(text: string): Uint8Array {
  return Uint8Array.from(ip6addr.parse(text).toBuffer());
}

/** The 16-octet mask of a prefix length; IPv4 prefixes count from octet 12 (the mapped form). */
function prefixMask(prefix: number, family: 4 | 6): Uint8Array {
  const bits = family === 4 ? 96 + prefix : prefix;
  const m = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const left = bits - i * 8;
    m[i] = left >= 8 ? 0xff : left <= 0 ? 0 : (0xff << (8 - left)) & 0xff;
  }
  return m;
}

function maskedEqual(a: Uint8Array, b: Uint8Array, mask: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if ((a[i] & mask[i]) !== (b[i] & mask[i])) return false;
  return true;
}

function compareOctets(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The address part of the line (NSD acl_addr_matches_ipv4host / _ipv6host), without the port. */
function rangeMatcher(entry: AclEntry): (o: Uint8Array) => boolean {
  const base = octetsOf(entry.address);
  const r = entry.range;
  switch (r.type) {
    case 'single': {
      const all = prefixMask(entry.family === 4 ? 32 : 128, entry.family);
      return (o) => maskedEqual(o, base, all);
    }
    case 'subnet': {
      const mask = prefixMask(r.prefix, entry.family);
      return (o) => maskedEqual(o, base, mask);
    }
    case 'mask': {
      const m = octetsOf(r.mask);
      // An IPv4 mask's mapped form has ::ffff in front; the address prefix must match exactly there.
      if (entry.family === 4) m.fill(0xff, 0, 12);
      return (o) => maskedEqual(o, base, m);
    }
    case 'range': {
      const last = octetsOf(r.last);
      return (o) => compareOctets(o, base) >= 0 && compareOctets(o, last) <= 0;
    }
  }
}

/**
 * Compiles the address part of an ACL line. The families must agree (an IPv4 line never matches an
 * IPv6 client and the other way round), and a line with @port matches only that source port.
 */
export function compileAddress(entry: AclEntry): AddressMatcher {
  const inRange = rangeMatcher(entry);
  const family = entry.family;
  const port = entry.port;
  return (c) => c.family === family && (port === null || port === c.port) && inRange(c.octets);
}
