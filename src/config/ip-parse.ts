// IPv4/IPv6 address parsing for ACLs and interfaces, through the ip6addr package.
// @ts-ignore -- ip6addr ships no type declarations; its small API is typed by Ip6addrApi below.
import ip6addrUntyped from 'ip6addr';

/** The part of ip6addr's API we use (see node_modules/ip6addr/README.md). */
interface Ip6addrAddr {
  kind(): 'ipv4' | 'ipv6';
  toString(opts?: { format?: 'auto' | 'v4' | 'v4-mapped' | 'v6'; zeroElide?: boolean }): string;
  toBuffer(): Uint8Array;
  compare(other: Ip6addrAddr): number;
}
interface Ip6addrApi {
  parse(input: string): Ip6addrAddr;
}
const ip6addr = ip6addrUntyped as Ip6addrApi;

/** A parsed address: its family as written, canonical text and 4 or 16 bytes. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly text: string;
  readonly bytes: readonly number[];
}

/** NSD's parse_acl_is_ipv6: the first '.' or ':' in the text decides the family. */
export function familyOf(text: string): 4 | 6 {
  for (const c of text) {
    if (c === '.') return 4;
    if (c === ':') return 6;
  }
  return 4;
}

/** Parse an address of the family its text shows (inet_pton rules: no leading zeros in IPv4). */
export function parseIp(text: string): IpAddress | null {
  const family = familyOf(text);
  if (family === 4 && !/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(text)) return null;
  if (family === 6 && !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  let addr: Ip6addrAddr;
  try {
    addr = ip6addr.parse(text);
  } catch {
    return null;
  }
  if (family === 4 && addr.kind() !== 'ipv4') return null;
  const buf = Array.from(addr.toBuffer());
  if (family === 4) return { family, text: addr.toString({ format: 'v4' }), bytes: buf.slice(12) };
  return { family, text: addr.toString(), bytes: buf };
}

/** Compare two addresses of one family as big numbers (for range checks). */
export function compareIp(a: IpAddress, b: IpAddress): number {
  for (let i = 0; i < a.bytes.length; i++) {
    const d = (a.bytes[i] as number) - (b.bytes[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
