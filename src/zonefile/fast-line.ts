// The fast path for the common record lines (`owner [TTL] [IN] A 192.0.2.1`, AAAA, NS, PTR, MX, TXT...): read in place.
import { lowerKeyOf, MAX_LABEL, MAX_NAME } from '../wire/index.js';
import type { ParseContext } from './context.js';
import { fastType, readFastRdata, SPECIAL, takeRdata, TYPE_A } from './fast-rdata.js';
import { MAX_TTL, parseTtlRange } from './ttl.js';
import { TAB, CR, SPACE, DOLLAR, DOT, SEMI } from './chars.js';

const wire = new Uint8Array(MAX_NAME);

/**
 * Reads text[start, end) (one line, `end` at its LF) if it is a record line the general parser would
 * accept without a word: a plain owner, relative or absolute inside the zone (or a blank owner after
 * a fast-path line), optional TTL and class IN in either order, a type fast-rdata.ts reads (A, AAAA,
 * NS, CNAME, PTR, DNAME, MX, TXT) with its plain rdata, an optional comment. Hands it to the sink and
 * returns true; returns false, having changed nothing, for anything else, which the lexer and the
 * general parser then read (and report on) as before. Same record, same position.
 */
export function fastRecordLine(ctx: ParseContext, file: string, line: number, text: string, start: number, end: number): boolean {
  const sink = ctx.sink;
  // A CRLF line ends at its CR: the lexer counts CR LF as one line break too.
  if (end > start && text.charCodeAt(end - 1) === CR) end--;
  if (sink === undefined || start >= end) return false;
  let i = start;
  let n: number; // octets of the owner's wire form in `wire`
  const c0 = text.charCodeAt(i);
  if (c0 === SPACE || c0 === TAB) {
    if (ctx.fastKey === null || ctx.prevOwnerBad) return false; // the previous owner was the general parser's
    i = skipSpace(text, i, end);
    n = 0;
  } else {
    if (c0 === DOLLAR) return false;
    n = readOwner(text, i, end, ctx);
    if (n < 0 || (!ownerAbsolute && !ctx.originInZone())) return false;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    i = skipSpace(text, i, end);
  }
  // [TTL] [class] in either order, then the type (record-line.ts readHead).
  let ttl = -1;
  let inSeen = false;
  let type = 0;
  while (type === 0) {
    const t = i;
    while (i < end && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== SEMI) i++;
    if (i === t || i === end || !isSpace(text.charCodeAt(i))) return false;
    const c = text.charCodeAt(t);
    if (c >= 0x30 && c <= 0x39) {
      if (ttl >= 0) return false;
      ttl = parseTtlRange(text, t, i);
      if (ttl < 0 || ttl > MAX_TTL) return false;
    } else if (i - t === 2 && (c | 0x20) === 0x69 && (text.charCodeAt(t + 1) | 0x20) === 0x6e) {
      if (inSeen) return false;
      inSeen = true;
    } else {
      type = fastType(text, t, i);
      if (type === 0) return false;
    }
    i = skipSpace(text, i, end);
  }
  const after = type === TYPE_A ? readIpv4(text, i, end) : readFastRdata(type, text, i, end, ctx.origin);
  if (after < 0 || !restIsBlank(text, after, end)) return false;
  let key: string;
  let spelling: string;
  if (n === 0) {
    key = ctx.fastKey as string;
    spelling = ctx.fastSpelling;
  } else {
    key = lowerKeyOf(wire, 0, n);
    // An absolute owner outside the zone: the general parser reports it (OUT_OF_ZONE).
    if (ownerAbsolute && !inZone(key, ctx.zone.key)) return false;
    spelling = hasUpper(n) ? latin1Of(n) : key;
    ctx.setFastOwner(key, spelling);
  }
  const rdata = type === TYPE_A ? (quad[0] << 24) | (quad[1] << 16) | (quad[2] << 8) | quad[3] : takeRdata();
  sink.addPlain(file, line, 1, key, spelling, type, ttl < 0 ? ctx.ttl : ttl, rdata);
  return true;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether the last owner readOwner read was absolute (the origin's place in the zone then does not matter). */
let ownerAbsolute = false;

/**
 * The owner token from `i` written into `wire`: a relative name completed with the origin, as
 * token-text.ts plainRelativeName builds it, or an absolute name as wire parseName builds it; -1
 * when it is neither (or a delimiter the lexer treats specially follows it). Returns the wire length.
 */
function readOwner(text: string, i: number, end: number, ctx: ParseContext): number {
  let lenAt = 0;
  let p = 1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) break;
    if (c === SEMI || c > 0xff || SPECIAL[c] === 1) return -1;
    if (p >= MAX_NAME) return -1;
    if (c === DOT) {
      const len = p - lenAt - 1;
      if (len === 0 || len > MAX_LABEL) return -1;
      wire[lenAt] = len;
      lenAt = p++;
    } else {
      wire[p++] = c;
    }
  }
  const len = p - lenAt - 1;
  if (i === end) return -1;
  ownerAbsolute = len === 0;
  if (ownerAbsolute) {
    if (lenAt === 0) return -1; // '.' alone (the root) is the general parser's
    wire[lenAt] = 0;
    return lenAt + 1;
  }
  if (len > MAX_LABEL) return -1;
  wire[lenAt] = len;
  const ow = ctx.origin.wire;
  if (p + ow.length > MAX_NAME) return -1;
  wire.set(ow, p);
  return p + ow.length;
}

const quad = new Uint8Array(4);

/**
 * A dotted quad from text[i] as wire's parseIpv4 reads it (four decimal octets, no leading zeros),
 * into `quad`; returns where it ends (at a blank, a ';' or `end`), or -1 when it is not one.
 */
function readIpv4(text: string, i: number, end: number): number {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (; ; i++) {
    const c = i < end ? text.charCodeAt(i) : SPACE;
    if (c === DOT || c === SPACE || c === TAB || c === SEMI) {
      if (digits === 0 || part === 4) return -1;
      quad[part++] = value;
      value = 0;
      digits = 0;
      if (c !== DOT) return part === 4 ? i : -1;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && value === 0) return -1; // a leading zero
      value = value * 10 + (c - 0x30);
      if (++digits > 3 || value > 255) return -1;
    } else {
      return -1;
    }
  }
}

/** Only blanks, then the end or a comment without a CR (the lexer counts a CR as a line break). */
function restIsBlank(text: string, i: number, end: number): boolean {
  i = skipSpace(text, i, end);
  if (i === end) return true;
  if (text.charCodeAt(i) !== SEMI) return false;
  for (; i < end; i++) if (text.charCodeAt(i) === CR) return false;
  return true;
}

/** isSubdomain on keys (zone/builder.ts inZone): `key` ends with `zoneKey` at a label boundary. */
function inZone(key: string, zoneKey: string): boolean {
  const skip = key.length - zoneKey.length;
  let p = 0;
  while (p < skip) p += key.charCodeAt(p) + 1;
  return p === skip && key.endsWith(zoneKey);
}

function hasUpper(n: number): boolean {
  for (let i = 0; i < n; i++) if (wire[i] >= 0x41 && wire[i] <= 0x5a) return true;
  return false;
}

function latin1Of(n: number): string {
  return String.fromCharCode.apply(null, wire.subarray(0, n) as unknown as number[]);
}
