// Field kinds for binary blobs (hex, base64, base32hex), type bitmaps, long strings and fixed hex forms.
import { WireError } from './errors.js';
import {
  fromBase32Hex, fromBase64, fromHex, get16, toBase32Hex, toBase64, toHex, type ByteSink,
} from './rdata-bytes.js';
import { bad, fixed, takeRest, type KindCodec } from './rdata-kind.js';
import { quoteText, unescapeText, type TextCursor } from './rdata-text.js';
import { typeFromText, typeToText } from './rr-types.js';

/** Re-points an error about joined tokens at the first token that cannot be part of the encoding. */
function failJoined(c: TextCursor, first: number, expected: string, ok: RegExp): never {
  for (let i = first; i < c.tokens.length; i++) if (!ok.test(c.tokens[i].text)) c.fail(expected, undefined, i);
  c.fail(expected, 'bad length or padding', first);
}

function blobRest(expected: string, decode: (s: string) => Uint8Array | undefined, ok: RegExp, optional: boolean,
  encode: (b: Uint8Array, p: number, end: number) => string): KindCodec {
  return {
    parse(c: TextCursor, out: ByteSink) {
      if (optional && c.done) return;
      const { text, first } = takeRest(c, expected);
      const b = decode(text);
      if (!b || b.length === 0) failJoined(c, first, expected, ok);
      out.bytes(b);
    },
    scan(b, p, end) {
      if (!optional && p >= end) bad(`empty ${expected}`);
      return end;
    },
    print: (b, p, next) => encode(b, p, next),
    optional,
  };
}

const B64_OK = /^[A-Za-z0-9+/=]+$/;
const HEX_OK = /^[0-9a-fA-F]+$/;

/** NSEC3 salt (RFC 5155 3.3): an octet count, then hex; "-" for an empty salt. */
const hex8: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('a hex salt or -').text;
    if (t === '-') return out.u8(0);
    const b = fromHex(t);
    if (!b || b.length === 0) c.fail('a hex salt or -');
    if (b.length > 255) c.fail('a hex salt or -', 'longer than 255 octets');
    out.u8(b.length);
    out.bytes(b);
  },
  scan: (b, p, end) => fixed(p + 1, p < end ? b[p] : 0, end, 'salt'),
  print: (b, p, next) => (next === p + 1 ? '-' : toHex(b, p + 1, next)),
};

/** NSEC3 next hashed owner name (RFC 5155 3.3): an octet count, then base32hex without padding. */
const b32: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const b = fromBase32Hex(c.take('a base32hex hash').text);
    if (!b || b.length === 0) c.fail('a base32hex hash');
    if (b.length > 255) c.fail('a base32hex hash', 'longer than 255 octets');
    out.u8(b.length);
    out.bytes(b);
  },
  scan(b, p, end) {
    if (p < end && b[p] === 0) bad('empty NSEC3 next hashed owner name');
    return fixed(p + 1, p < end ? b[p] : 0, end, 'next hashed owner name');
  },
  print: (b, p, next) => toBase32Hex(b, p + 1, next),
};

/** Type bitmap (RFC 4034 4.1.2): windows in increasing order, 1-32 octets each, no trailing zero octet. */
const bitmap: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const types = new Set<number>();
    while (!c.done) {
      const v = typeFromText(c.take('an RR type').text);
      if (v === undefined) c.fail('an RR type');
      types.add(v);
    }
    const sorted = [...types].sort((x, y) => x - y);
    for (let i = 0; i < sorted.length; ) {
      const win = sorted[i] >> 8;
      const bits = new Uint8Array(32);
      let len = 0;
      for (; i < sorted.length && sorted[i] >> 8 === win; i++) {
        const lo = sorted[i] & 0xff;
        bits[lo >> 3] |= 0x80 >> (lo & 7);
        len = (lo >> 3) + 1;
      }
      out.u8(win);
      out.u8(len);
      out.bytes(bits.subarray(0, len));
    }
  },
  scan(b, p, end) {
    let prev = -1;
    while (p < end) {
      if (p + 2 > end) bad('type bitmap window header runs past the end of the rdata');
      const win = b[p];
      const len = b[p + 1];
      if (win <= prev) bad('type bitmap windows out of order');
      if (len < 1 || len > 32) bad(`type bitmap window length ${len} is not 1-32`);
      p = fixed(p + 2, len, end, 'type bitmap');
      if (b[p - 1] === 0) bad('type bitmap window ends in a zero octet');
      prev = win;
    }
    return p;
  },
  print(b, p, next) {
    const names: string[] = [];
    while (p < next) {
      const win = b[p];
      const len = b[p + 1];
      for (let i = 0; i < len * 8; i++) {
        if (b[p + 2 + (i >> 3)] & (0x80 >> (i & 7))) names.push(typeToText(win * 256 + i));
      }
      p += 2 + len;
    }
    return names.join(' ');
  },
};

/** The rest of the rdata as one string without a length octet (URI target RFC 7553, CAA value RFC 8659). */
const textRest: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('a string').text;
    try {
      out.bytes(unescapeText(t));
    } catch (e) {
      if (e instanceof WireError) c.fail('a string', e.message);
      throw e;
    }
  },
  scan: (b, p, end) => end,
  print: (b, p, next) => quoteText(b, p, next),
};

const TAG = /^[A-Za-z0-9]+$/;

/** CAA tag (RFC 8659 4.1): 1-255 letters and digits after a length octet. */
const caatag: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('a CAA tag of letters and digits').text;
    if (!TAG.test(t) || t.length > 255) c.fail('a CAA tag of letters and digits');
    out.u8(t.length);
    for (let i = 0; i < t.length; i++) out.u8(t.charCodeAt(i));
  },
  scan(b, p, end) {
    if (p >= end || b[p] === 0) bad('empty CAA tag');
    const next = fixed(p + 1, b[p], end, 'CAA tag');
    if (!TAG.test(String.fromCharCode(...b.subarray(p + 1, next)))) bad('CAA tag has characters other than letters and digits');
    return next;
  },
  print: (b, p, next) => String.fromCharCode(...b.subarray(p + 1, next)),
};

/** NSAP (RFC 1706 5): "0x" then hex digits, dots allowed anywhere as separators; printed without dots. */
const nsap: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('0x and a hex NSAP address').text;
    const b = /^0[xX][0-9a-fA-F.]+$/.test(t) ? fromHex(t.slice(2).replaceAll('.', '')) : undefined;
    if (!b || b.length === 0) c.fail('0x and a hex NSAP address');
    out.bytes(b);
  },
  scan(b, p, end) {
    if (p >= end) bad('empty NSAP address');
    return end;
  },
  print: (b, p, next) => '0x' + toHex(b, p, next),
};

/** The ILNP 64-bit form (RFC 6742 2.1): four colon-separated groups of 1-4 hex digits; printed 4 digits each. */
const ilnp64: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('a 64-bit locator or node ID as x:x:x:x').text;
    const parts = t.split(':');
    if (parts.length !== 4 || !parts.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x))) {
      c.fail('a 64-bit locator or node ID as x:x:x:x');
    }
    for (const x of parts) out.u16(parseInt(x, 16));
  },
  scan: (b, p, end) => fixed(p, 8, end, 'ILNP locator'),
  print(b, p) {
    const g: string[] = [];
    for (let i = 0; i < 4; i++) g.push(get16(b, p + 2 * i).toString(16).padStart(4, '0'));
    return g.join(':');
  },
};

/** EUI-48 and EUI-64 (RFC 7043 3.2, 4.2): hyphen-separated pairs of hex digits. */
function eui(n: 6 | 8): KindCodec {
  const expected = `an EUI-${n * 8} address as ${n} hex pairs separated by -`;
  const re = new RegExp(`^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){${n - 1}}$`);
  return {
    parse(c: TextCursor, out: ByteSink) {
      const t = c.take(expected).text;
      if (!re.test(t)) c.fail(expected);
      out.bytes(fromHex(t.replaceAll('-', ''))!);
    },
    scan: (b, p, end) => fixed(p, n, end, `EUI-${n * 8} address`),
    print: (b, p) => [...b.subarray(p, p + n)].map((x) => x.toString(16).padStart(2, '0')).join('-'),
  };
}

export const BIN_KINDS = {
  'b64-rest': blobRest('base64', fromBase64, B64_OK, false, toBase64),
  'b64-opt': blobRest('base64', fromBase64, B64_OK, true, toBase64),
  'hex-rest': blobRest('hex', fromHex, HEX_OK, false, toHex),
  hex8,
  b32,
  'bitmap-rest': bitmap,
  'text-rest': textRest,
  caatag,
  'nsap-rest': nsap,
  ilnp64,
  eui48: eui(6),
  eui64: eui(8),
} satisfies Record<string, KindCodec>;
