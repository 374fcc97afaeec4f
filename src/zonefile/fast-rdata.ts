// The zone file fast path's rdata readers (fast-line.ts): AAAA, the one-name types, MX and plain TXT, in place.
import { MAX_LABEL, MAX_NAME, type Name } from '../wire/index.js';
import { TAB, CR, SPACE, QUOTE, DOLLAR, LPAREN, RPAREN, DOT, COLON, SEMI, AT, BACKSLASH } from './chars.js';

export const TYPE_A = 1;
const TYPE_NS = 2;
const TYPE_CNAME = 5;
const TYPE_PTR = 12;
const TYPE_MX = 15;
const TYPE_TXT = 16;
const TYPE_AAAA = 28;
const TYPE_DNAME = 39;

/** The type mnemonics the fast path reads (lower case), RFC 1035 3.2.2, RFC 3596, RFC 6672. */
const FAST_TYPES: readonly string[] = ['a', 'ns', 'cname', 'ptr', 'mx', 'txt', 'aaaa', 'dname'];
const FAST_CODES: readonly number[] = [TYPE_A, TYPE_NS, TYPE_CNAME, TYPE_PTR, TYPE_MX, TYPE_TXT, TYPE_AAAA, TYPE_DNAME];

/** Characters in a name token after which the general parser takes the line (escapes, '@', token ends). */
export const SPECIAL = new Uint8Array(256);
for (const c of [CR, QUOTE, LPAREN, RPAREN, BACKSLASH, AT]) SPECIAL[c] = 1;

/** The longest rdata built here; longer ones (long TXT) go to the general parser. */
const RD_MAX = 4096;
const rd = new Uint8Array(RD_MAX);
/** rd[0, n) views by length, made once each: a record costs its rdata string and nothing more. */
const views: Uint8Array[] = [];
let rdLength = 0;

/** The type code of the mnemonic text[t, e) (any case) if the fast path reads that type, else 0. */
export function fastType(text: string, t: number, e: number): number {
  const len = e - t;
  for (let k = 0; k < FAST_TYPES.length; k++) {
    const w = FAST_TYPES[k];
    if (w.length !== len) continue;
    let j = 0;
    while (j < len && (text.charCodeAt(t + j) | 0x20) === w.charCodeAt(j)) j++;
    if (j === len) return FAST_CODES[k];
  }
  return 0;
}

/**
 * Reads the rdata of `type` (not A) from text[i] into the rdata buffer as the general parser
 * (wire rdataFromText) would build it. Returns where it ends (at a blank, a ';' or `end`), or -1
 * when it is anything but the plain form; then `takeRdata` gives it as a latin1 string.
 */
export function readFastRdata(type: number, text: string, i: number, end: number, origin: Name): number {
  switch (type) {
    case TYPE_AAAA:
      return readIpv6(text, i, end);
    case TYPE_MX:
      return readMx(text, i, end, origin);
    case TYPE_TXT:
      return readTxt(text, i, end);
    default: // NS, CNAME, PTR, DNAME
      return readName(text, i, end, origin, 0);
  }
}

/** The rdata just read, as a flat latin1 string (the form the zone builder stores). */
export function takeRdata(): string {
  const n = rdLength;
  let v = views[n];
  if (v === undefined) views[n] = v = rd.subarray(0, n);
  return String.fromCharCode.apply(null, v as unknown as number[]);
}

function endsToken(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB || c === SEMI;
}

/**
 * A name token at text[i] written to rd[at...] as wire parseName builds it: a relative name completed
 * with `origin`, an absolute one as written, case kept. -1 for '@', '.', escapes, a leading '$' (the
 * lexer's error), empty or over-long labels and names: the general parser reads and reports those.
 */
function readName(text: string, i: number, end: number, origin: Name, at: number): number {
  if (i >= end || text.charCodeAt(i) === DOLLAR) return -1;
  let lenAt = at;
  let p = at + 1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === SEMI) break;
    if (c > 0xff || SPECIAL[c] === 1 || p - at >= MAX_NAME) return -1;
    if (c === DOT) {
      const len = p - lenAt - 1;
      if (len === 0 || len > MAX_LABEL) return -1;
      rd[lenAt] = len;
      lenAt = p++;
    } else {
      rd[p++] = c;
    }
  }
  const len = p - lenAt - 1;
  if (len === 0) {
    // Ended in a dot: absolute. (An empty token never gets here with a label before it.)
    if (lenAt === at) return -1;
    rd[lenAt] = 0;
    rdLength = lenAt + 1;
    return rdLength - at <= MAX_NAME ? i : -1;
  }
  if (len > MAX_LABEL) return -1;
  rd[lenAt] = len;
  const ow = origin.wire;
  if (p - at + ow.length > MAX_NAME) return -1;
  rd.set(ow, p);
  rdLength = p + ow.length;
  return i;
}

/** MX (RFC 1035 3.3.9): a 16-bit preference in decimal (as wire parseUint reads it), then a name. */
function readMx(text: string, i: number, end: number, origin: Name): number {
  let v = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    if (++digits > 5) return -1;
  }
  if (digits === 0 || v > 0xffff || i >= end) return -1;
  const c = text.charCodeAt(i);
  if (c !== SPACE && c !== TAB) return -1;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  rd[0] = v >> 8;
  rd[1] = v & 0xff;
  return readName(text, i, end, origin, 2);
}

/**
 * TXT (RFC 1035 3.3.14) as one or more quoted strings of at most 255 octets without escapes, each
 * followed by a blank, a ';' or the end. Unquoted strings, escapes and line breaks go to the general parser.
 */
function readTxt(text: string, i: number, end: number): number {
  let p = 0;
  for (;;) {
    if (i >= end || text.charCodeAt(i) !== QUOTE || p >= RD_MAX) return -1;
    const lenAt = p++;
    for (i++; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH || c === CR || c > 0xff || p >= RD_MAX) return -1;
      rd[p++] = c;
    }
    const len = p - lenAt - 1;
    if (i >= end || len > 255) return -1; // an unclosed quote reads on past the line
    rd[lenAt] = len;
    i++;
    if (!endsToken(text, i, end)) return -1; // glued to the next token
    let next = i;
    while (next < end && (text.charCodeAt(next) === SPACE || text.charCodeAt(next) === TAB)) next++;
    if (next >= end || text.charCodeAt(next) !== QUOTE) {
      rdLength = p;
      return i;
    }
    i = next;
  }
}

const groups = new Uint16Array(8);

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * An IPv6 address (RFC 4291 2.2) of 1-4 hex digit groups with at most one `::`, into rd[0, 16), as
 * wire parseIpv6 reads it; -1 for anything else, including the embedded dotted-quad form.
 */
function readIpv6(text: string, i: number, end: number): number {
  let n = 0;
  let dbl = -1; // how many groups come before the '::'
  if (i + 1 < end && text.charCodeAt(i) === COLON && text.charCodeAt(i + 1) === COLON) {
    dbl = 0;
    i += 2;
  }
  while (!(dbl === n && endsToken(text, i, end))) {
    let v = 0;
    let digits = 0;
    for (; i < end; i++) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      v = v * 16 + h;
      if (++digits > 4) return -1;
    }
    if (digits === 0 || n === 8) return -1;
    groups[n++] = v;
    if (i >= end || text.charCodeAt(i) !== COLON) break;
    i++;
    if (i < end && text.charCodeAt(i) === COLON) {
      if (dbl >= 0) return -1;
      dbl = n;
      i++;
    }
  }
  if (!endsToken(text, i, end) || (dbl < 0 ? n !== 8 : n > 7)) return -1;
  rd.fill(0, 0, 16);
  const gap = dbl < 0 ? 0 : 8 - n;
  for (let g = 0; g < n; g++) {
    const slot = dbl >= 0 && g >= dbl ? g + gap : g;
    rd[2 * slot] = groups[g] >> 8;
    rd[2 * slot + 1] = groups[g] & 0xff;
  }
  rdLength = 16;
  return i;
}
