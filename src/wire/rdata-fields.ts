// Field kinds for numbers, addresses, names and character-strings (RFC 1035 3.3, 5.1; RFC 4034 for DNSSEC fields).
import { WireError } from './errors.js';
import { nameFromWire, nameToText, parseName } from './name.js';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './rdata-addr.js';
import { get16, get32, type ByteSink } from './rdata-bytes.js';
import { bad, fixed, scanName, type KindCodec, type NameTreatment } from './rdata-kind.js';
import {
  formatTime, parsePeriod, parseTime, parseUint, quoteText, takeCharString, type TextCursor,
} from './rdata-text.js';
import { typeFromText, typeToText } from './rr-types.js';

function uint(bits: 8 | 16 | 32): KindCodec {
  const n = bits / 8;
  const expected = `${bits === 8 ? 'an' : 'a'} ${bits}-bit integer`;
  return {
    parse(c: TextCursor, out: ByteSink) {
      const v = parseUint(c.take(expected).text, bits);
      if (v === undefined) c.fail(expected);
      if (n === 1) out.u8(v);
      else if (n === 2) out.u16(v);
      else out.u32(v);
    },
    scan: (b, p, end) => fixed(p, n, end, `${bits}-bit integer`),
    print: (b, p) => String(n === 1 ? b[p] : n === 2 ? get16(b, p) : get32(b, p)),
  };
}

/** A 32-bit field whose text form is parsed by `read` and printed by `show`. */
function u32Text(
  expected: string, what: string, read: (s: string) => number | undefined, show: (v: number) => string,
): KindCodec {
  return {
    parse(c: TextCursor, out: ByteSink) {
      const v = read(c.take(expected).text);
      if (v === undefined) c.fail(expected);
      out.u32(v);
    },
    scan: (b, p, end) => fixed(p, 4, end, what),
    print: (b, p) => show(get32(b, p)),
  };
}

/** DNSSEC algorithm mnemonics (IANA "DNS Security Algorithm Numbers"); printed as numbers, like NSD. */
const ALGORITHMS: Record<string, number> = {
  RSAMD5: 1, DH: 2, DSA: 3, ECC: 4, RSASHA1: 5, 'DSA-NSEC3-SHA1': 6, 'RSASHA1-NSEC3-SHA1': 7, RSASHA256: 8,
  RSASHA512: 10, 'ECC-GOST': 12, ECDSAP256SHA256: 13, ECDSAP384SHA384: 14, ED25519: 15, ED448: 16,
  INDIRECT: 252, PRIVATEDNS: 253, PRIVATEOID: 254,
};

const alg: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('an algorithm number or mnemonic').text;
    const v = parseUint(t, 8) ?? ALGORITHMS[t.toUpperCase()];
    if (v === undefined) c.fail('an algorithm number or mnemonic');
    out.u8(v);
  },
  scan: (b, p, end) => fixed(p, 1, end, 'algorithm'),
  print: (b, p) => String(b[p]),
};

/** CERT certificate types (RFC 4398 2.1); printed as mnemonics where one exists, like NSD. */
const CERT_TYPES: Record<string, number> = {
  PKIX: 1, SPKI: 2, PGP: 3, IPKIX: 4, ISPKI: 5, IPGP: 6, ACPKIX: 7, IACPKIX: 8, URI: 253, OID: 254,
};
const CERT_NAMES = new Map(Object.entries(CERT_TYPES).map(([k, v]) => [v, k]));

const certtype: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('a certificate type number or mnemonic').text;
    const v = parseUint(t, 16) ?? CERT_TYPES[t.toUpperCase()];
    if (v === undefined) c.fail('a certificate type number or mnemonic');
    out.u16(v);
  },
  scan: (b, p, end) => fixed(p, 2, end, 'certificate type'),
  print: (b, p) => CERT_NAMES.get(get16(b, p)) ?? String(get16(b, p)),
};

const rrtype: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const v = typeFromText(c.take('an RR type').text);
    if (v === undefined) c.fail('an RR type');
    out.u16(v);
  },
  scan: (b, p, end) => fixed(p, 2, end, 'RR type'),
  print: (b, p) => typeToText(get16(b, p)),
};

function address(len: 4 | 16): KindCodec {
  const what = len === 4 ? 'an IPv4 address' : 'an IPv6 address';
  return {
    parse(c: TextCursor, out: ByteSink) {
      const a = (len === 4 ? parseIpv4 : parseIpv6)(c.take(what).text);
      if (!a) c.fail(what);
      out.bytes(a);
    },
    scan: (b, p, end) => fixed(p, len, end, len === 4 ? 'IPv4 address' : 'IPv6 address'),
    print: (b, p) => (len === 4 ? formatIpv4(b, p) : formatIpv6(b, p)),
  };
}

/** Parses a domain-name token relative to the cursor's origin; shared with the compound kinds. */
export function takeName(c: TextCursor, out: ByteSink): void {
  const t = c.take('a domain name').text;
  try {
    out.bytes(parseName(t, c.origin).wire);
  } catch (e) {
    if (e instanceof WireError) c.fail('a domain name', e.message);
    throw e;
  }
}

/** The presentation form of the uncompressed name at b[p..next). */
export function printName(b: Uint8Array, p: number, next: number): string {
  return nameToText(nameFromWire(b.subarray(p, next)));
}

function domain(name: NameTreatment): KindCodec {
  return { parse: takeName, scan: scanName, print: printName, name };
}

function scanString(b: Uint8Array, p: number, end: number): number {
  if (p >= end) bad('character-string runs past the end of the rdata');
  return fixed(p + 1, b[p], end, 'character-string');
}

const str: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const s = takeCharString(c);
    out.u8(s.length);
    out.bytes(s);
  },
  scan: scanString,
  print: (b, p, next) => quoteText(b, p + 1, next),
};

/** One or more character-strings up to the end (TXT, SPF, AVC). */
const strRest: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    do str.parse(c, out);
    while (!c.done);
  },
  scan(b, p, end) {
    do p = scanString(b, p, end);
    while (p < end);
    return p;
  },
  print(b, p, next) {
    const parts: string[] = [];
    for (; p < next; p += b[p] + 1) parts.push(quoteText(b, p + 1, p + 1 + b[p]));
    return parts.join(' ');
  },
};

const FLOAT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/;

/** A character-string holding a decimal number (GPOS, RFC 1712 3). */
const float: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const s = takeCharString(c);
    if (!FLOAT.test(String.fromCharCode(...s))) c.fail('a decimal number');
    out.u8(s.length);
    out.bytes(s);
  },
  scan(b, p, end) {
    const next = scanString(b, p, end);
    if (!FLOAT.test(String.fromCharCode(...b.subarray(p + 1, next)))) bad('GPOS coordinate is not a decimal number');
    return next;
  },
  print: str.print,
};

export const BASIC_KINDS = {
  u8: uint(8),
  u16: uint(16),
  u32: uint(32),
  period: u32Text('a TTL-style period (seconds, or units like 1h30m)', 'period', parsePeriod, String),
  time: u32Text('a time as YYYYMMDDHHmmSS or seconds', 'time', parseTime, formatTime),
  type: rrtype,
  alg,
  certtype,
  a: address(4),
  aaaa: address(16),
  cname: domain({ compress: true, decompress: true, canonicalLower: true }),
  rxname: domain({ compress: false, decompress: true, canonicalLower: true }),
  lname: domain({ compress: false, decompress: false, canonicalLower: true }),
  name: domain({ compress: false, decompress: false, canonicalLower: false }),
  str,
  'str-opt': { ...str, optional: true },
  'str-rest': strRest,
  float,
} satisfies Record<string, KindCodec>;
