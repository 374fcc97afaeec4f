// EDNS(0): the OPT pseudo-record read into a value and written back, with its options (RFC 6891 6, NSID RFC 5001).
import { put16, put32, u16 } from './header.js';

export const TYPE_OPT = 41;

/** EDNS option codes we name (IANA "DNS EDNS0 Option Codes"). */
export const EDNS_OPTION = {
  NSID: 3, // RFC 5001
  CLIENT_SUBNET: 8, // RFC 7871
  EXPIRE: 9, // RFC 7314
  COOKIE: 10, // RFC 7873
  TCP_KEEPALIVE: 11, // RFC 7828
  PADDING: 12, // RFC 7830
  EXTENDED_ERROR: 15, // RFC 8914
} as const;

/** The DO bit in the OPT TTL's flags half (RFC 3225 3). */
export const EDNS_DO = 0x8000;

export interface EdnsOption {
  readonly code: number;
  readonly data: Uint8Array;
}

/** The OPT record's fields (RFC 6891 6.1.2, 6.1.3). */
export interface Edns {
  /** The requestor's UDP payload size (the CLASS field), as sent; RFC 6891 6.2.5 treats < 512 as 512. */
  readonly udpSize: number;
  /** The upper 8 bits of the 12-bit rcode (TTL bits 31-24). */
  readonly extendedRcode: number;
  readonly version: number;
  readonly dnssecOk: boolean;
  /** The 15 flag bits other than DO; senders set them to zero, receivers ignore them (RFC 6891 6.1.4). */
  readonly z: number;
  readonly options: readonly EdnsOption[];
}

/** What the writer needs for its own OPT: everything but the UDP size is optional and defaults to 0/none. */
export interface EdnsInit {
  readonly udpSize: number;
  readonly extendedRcode?: number;
  readonly version?: number;
  readonly dnssecOk?: boolean;
  readonly z?: number;
  readonly options?: readonly EdnsOption[];
}

/**
 * An EDNS fault that makes a request a FORMERR (RFC 6891 6.1.1 for MULTIPLE_OPT; NSD answers FORMERR for
 * the others because such an OPT is not accepted and the record is left over in its section).
 */
export type EdnsProblem = 'MULTIPLE_OPT' | 'OPT_NOT_ROOT' | 'OPT_OUTSIDE_ADDITIONAL' | 'BAD_OPT_OPTIONS';

/**
 * Reads an OPT record's CLASS, TTL and rdata into Edns; null when the option list is malformed (an option
 * running past the rdata, or stray octets after the last one). For a version other than 0 the options are
 * opaque to us (RFC 6891 6.1.3): a malformed list then yields no options instead of null, so the server
 * answers BADVERS as NSD does rather than FORMERR.
 */
export function parseOpt(udpSize: number, ttl: number, rdata: Uint8Array): Edns | null {
  const version = (ttl >>> 16) & 0xff;
  let options = parseOptions(rdata);
  if (options === null) {
    if (version === 0) return null;
    options = [];
  }
  return {
    udpSize,
    extendedRcode: ttl >>> 24,
    version,
    dnssecOk: (ttl & EDNS_DO) !== 0,
    z: ttl & 0x7fff,
    options,
  };
}

/** The {code, length, data} list of OPT rdata (RFC 6891 6.1.2); null when it does not parse exactly. */
export function parseOptions(rdata: Uint8Array): EdnsOption[] | null {
  const out: EdnsOption[] = [];
  let p = 0;
  while (p < rdata.length) {
    if (p + 4 > rdata.length) return null;
    const code = u16(rdata, p);
    const len = u16(rdata, p + 2);
    p += 4;
    if (p + len > rdata.length) return null;
    out.push({ code, data: rdata.slice(p, p + len) });
    p += len;
  }
  return out;
}

/** The OPT TTL field: extended rcode, version, DO and the other flag bits (RFC 6891 6.1.3). */
export function optTtl(e: EdnsInit, extendedRcode = e.extendedRcode ?? 0): number {
  const flags = ((e.z ?? 0) & 0x7fff) | (e.dnssecOk ? EDNS_DO : 0);
  return (((extendedRcode & 0xff) << 24) | (((e.version ?? 0) & 0xff) << 16) | flags) >>> 0;
}

/** Octets the whole OPT record takes on the wire: root owner, 10 fixed octets and the options. */
export function optRecordSize(options: readonly EdnsOption[] | undefined): number {
  let n = 11;
  if (options) for (const o of options) n += 4 + o.data.length;
  return n;
}

/** The OPT rdata octets for an option list. */
export function encodeOptions(options: readonly EdnsOption[]): Uint8Array {
  const out = new Uint8Array(optRecordSize(options) - 11);
  writeOptions(out, 0, options);
  return out;
}

function writeOptions(buf: Uint8Array, p: number, options: readonly EdnsOption[]): number {
  for (const o of options) {
    put16(buf, p, o.code);
    put16(buf, p + 2, o.data.length);
    buf.set(o.data, p + 4);
    p += 4 + o.data.length;
  }
  return p;
}

/**
 * Writes the OPT record at `p` (the caller made room: optRecordSize octets) and returns the offset after
 * it. The owner is the root, the CLASS carries our UDP size (RFC 6891 6.1.2); `extendedRcode` overrides
 * the one in `e`.
 */
export function writeOpt(buf: Uint8Array, p: number, e: EdnsInit, extendedRcode = e.extendedRcode ?? 0): number {
  buf[p] = 0;
  put16(buf, p + 1, TYPE_OPT);
  put16(buf, p + 3, e.udpSize);
  put32(buf, p + 5, optTtl(e, extendedRcode));
  const end = writeOptions(buf, p + 11, e.options ?? []);
  put16(buf, p + 9, end - p - 11);
  return end;
}

/** The NSID option carrying the server's identifier (RFC 5001 2.3). */
export function nsidOption(id: Uint8Array): EdnsOption {
  return { code: EDNS_OPTION.NSID, data: id };
}
