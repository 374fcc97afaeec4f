// Shared helpers of the message tests: hex packets, name and record builders, and a WireError assertion.
import { parseName, WireError, type Name, type ResourceRecord } from '../../../src/wire/index.js';

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function n(text: string): Name {
  return parseName(text, null);
}

export function rr(owner: string, type: number, rdata: Uint8Array, ttl = 3600, klass = 1): ResourceRecord {
  return { owner: n(owner), type, class: klass, ttl, rdata };
}

/** Uncompressed wire form of a name given as text, for building rdata. */
export function nw(text: string): Uint8Array {
  return n(text).wire;
}

export function cat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const len = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Runs fn and returns the WireError code it threw, or 'NO_THROW' / 'OTHER:<name>' otherwise. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'NO_THROW';
  } catch (e) {
    if (e instanceof WireError) return e.code;
    return `OTHER:${(e as Error).name}:${(e as Error).message}`;
  }
}

export const T = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, TSIG: 250 } as const;

/** Real queries captured from dig 9 and kdig 3 on loopback. */
export const CAPTURED = {
  // dig www.Example.COM A (EDNS 1232, cookie option, RD, AD)
  digCookie: '08e40120000100000000000103777777074578616d706c6503434f4d000001000100002904d000000000000c000a00082d3a8234ff48bd80',
  // dig +dnssec +nsid +nocookie example.org MX
  digDnssecNsid: 'bb8a01200001000000000001076578616d706c65036f726700000f000100002904d000008000000400030000',
  // dig +noedns +norecurse . NS
  digNoEdns: 'c847002000010000000000000000020001',
  // kdig +dnssec +nsid +cd example.net AAAA
  kdigCd: '203c01300001000000000001076578616d706c65036e657400001c0001000029100000008000000400030000',
  // kdig +padding=64 +ednsopt=65001:abcd example.net TXT
  kdigPadding:
    'b3f101200001000000000001076578616d706c65036e65740000100001000029100000000000004a000c0040' +
    '00'.repeat(64) +
    'fde90002abcd',
} as const;

/** Well-formed TSIG rdata (RFC 8945 4.2) for hmac-sha256. with a MAC of macLen zero octets. */
export function tsigRdata(macLen: number): Uint8Array {
  const fixed = [0, 0, 0x60, 0, 0, 0, 1, 0x2c, macLen >> 8, macLen & 0xff];
  return cat(nw('hmac-sha256.'), fixed, new Uint8Array(macLen), [0x12, 0x34, 0, 0, 0, 0]);
}
