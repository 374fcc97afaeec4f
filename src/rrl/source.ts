// The source block of a client (NSD rrl_get_source): its address masked to the prefix length, as two 32-bit words.

/**
 * Where sourceOf writes its result: [high word, low word] of the masked block (an IPv4 block is its
 * address in the high word and 0 in the low one). One array reused on every call, so the hot path
 * allocates nothing; read it straight after the call.
 */
export const SOURCE = new Int32Array(2);

// The eight 16-bit groups of the IPv6 address being read, and where "::" stood (-1: nowhere).
const groups = new Uint16Array(8);

/** The network mask of a prefix length 0..32 as an int32 (a shift by 32 is a shift by 0 in JavaScript). */
export function prefixMask(length: number): number {
  if (length <= 0) return 0;
  if (length >= 32) return -1;
  return (0xffffffff << (32 - length)) | 0;
}

/** Masks for the configured prefix lengths: IPv4, IPv6 high word, IPv6 low word (IPv6 keeps at most 64 bits, as NSD). */
export interface SourceMasks {
  readonly v4: number;
  readonly v6hi: number;
  readonly v6lo: number;
}

export function sourceMasks(ipv4PrefixLength: number, ipv6PrefixLength: number): SourceMasks {
  const p6 = Math.min(64, Math.max(0, ipv6PrefixLength));
  return { v4: prefixMask(ipv4PrefixLength), v6hi: prefixMask(p6), v6lo: prefixMask(p6 - 32) };
}

/**
 * Writes the masked block of `address` into SOURCE and returns its family: 4, 6, or 0 when the
 * address cannot be read (SOURCE is then 0, 0: every such client shares one block). The address is
 * a string as node:dgram reports it ("192.0.2.1", "2001:db8::1", "fe80::1%eth0") or its 4 or 16
 * octets. An IPv4-mapped IPv6 address (::ffff:192.0.2.1, what a dual-stack socket reports for an
 * IPv4 client) counts as the IPv4 address, so the IPv4 prefix length applies to it.
 */
export function sourceOf(address: string | Uint8Array, masks: SourceMasks): 0 | 4 | 6 {
  const family = typeof address === 'string' ? readText(address) : readOctets(address);
  if (family === 4) {
    SOURCE[0] = (groups[6] << 16 | groups[7]) & masks.v4;
    SOURCE[1] = 0;
  } else if (family === 6) {
    SOURCE[0] = (groups[0] << 16 | groups[1]) & masks.v6hi;
    SOURCE[1] = (groups[2] << 16 | groups[3]) & masks.v6lo;
  } else {
    SOURCE[0] = 0;
    SOURCE[1] = 0;
  }
  return family;
}

/** 4 when the groups hold ::ffff:a.b.c.d (RFC 4291 2.5.5.2), else 6. */
function mappedOr6(): 4 | 6 {
  for (let i = 0; i < 5; i++) if (groups[i] !== 0) return 6;
  return groups[5] === 0xffff ? 4 : 6;
}

function readOctets(a: Uint8Array): 0 | 4 | 6 {
  if (a.length === 4) {
    groups[6] = a[0] << 8 | a[1];
    groups[7] = a[2] << 8 | a[3];
    return 4;
  }
  if (a.length !== 16) return 0;
  for (let i = 0; i < 8; i++) groups[i] = a[2 * i] << 8 | a[2 * i + 1];
  return mappedOr6();
}

function readText(s: string): 0 | 4 | 6 {
  if (s.indexOf(':') < 0) {
    const v4 = readDotted(s, 0, s.length);
    if (v4 < 0) return 0;
    groups[6] = v4 >>> 16;
    groups[7] = v4 & 0xffff;
    return 4;
  }
  let end = s.indexOf('%');
  if (end < 0) end = s.length;
  return readColons(s, end) ? mappedOr6() : 0;
}

/** A dotted-quad IPv4 address in s[start, end) as an unsigned number, or -1. */
function readDotted(s: string, start: number, end: number): number {
  let value = 0;
  let octet = -1;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      octet = (octet < 0 ? 0 : octet * 10) + (c - 0x30);
      if (octet > 255) return -1;
    } else if (c === 0x2e && octet >= 0 && dots < 3) {
      value = value * 256 + octet;
      octet = -1;
      dots++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || octet < 0) return -1;
  return value * 256 + octet;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** Reads the colon form of s[0, end) into `groups` (RFC 4291 2.2), "::" expanded; false when malformed. */
function readColons(s: string, end: number): boolean {
  let n = 0;
  let gap = -1;
  let i = 0;
  if (s.startsWith('::')) {
    gap = 0;
    i = 2;
  }
  while (i < end) {
    let j = i;
    let value = 0;
    for (let d = 0; j < end && (d = hexDigit(s.charCodeAt(j))) >= 0 && j - i < 4; j++) value = value * 16 + d;
    if (j < end && s.charCodeAt(j) === 0x2e) {
      // A dotted IPv4 tail fills the last two groups (RFC 4291 2.2 form 3).
      const v4 = readDotted(s, i, end);
      if (v4 < 0 || n > 6) return false;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      break;
    }
    if (j === i || n >= 8 || (j < end && s.charCodeAt(j) !== 0x3a)) return false;
    groups[n++] = value;
    if (j === end) break;
    if (s.charCodeAt(j + 1) === 0x3a) {
      if (gap >= 0) return false;
      gap = n;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  return expand(n, gap);
}

/** Moves the groups after "::" to the end and zeroes the gap; false when the count is wrong. */
function expand(n: number, gap: number): boolean {
  if (gap < 0) return n === 8;
  if (n > 7) return false;
  const missing = 8 - n;
  for (let k = 7; k >= gap + missing; k--) groups[k] = groups[k - missing];
  for (let k = gap; k < gap + missing; k++) groups[k] = 0;
  return true;
}
