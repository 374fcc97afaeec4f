// The fast path for the common record line (`owner [TTL] [IN] A 192.0.2.1`): read straight from the chunk.
import { lowerKeyOf, MAX_LABEL, MAX_NAME } from '../wire/index.js';
import type { ParseContext } from './context.js';
import { MAX_TTL, parseTtlRange } from './ttl.js';

const TAB = 0x09;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const DOLLAR = 0x24;
const LPAREN = 0x28;
const RPAREN = 0x29;
const DOT = 0x2e;
const SEMI = 0x3b;
const AT = 0x40;
const BACKSLASH = 0x5c;

const TYPE_A = 1;

// Characters after which the fast path gives the line to the lexer: they end a token (quote,
// parentheses, CR as a line break) or change how it reads (escapes, '@').
const SPECIAL = new Uint8Array(256);
for (const c of [CR, QUOTE, LPAREN, RPAREN, BACKSLASH, AT]) SPECIAL[c] = 1;

const wire = new Uint8Array(MAX_NAME);

/**
 * Reads text[start, end) (one line, `end` at its LF) if it is a record line the general parser would
 * accept without a word: a plain relative owner (or a blank owner after a fast-path line), optional
 * TTL and class IN in either order, type A and a dotted quad, an optional comment. Hands it to the
 * sink and returns true; returns false, having changed nothing, for anything else, which the lexer
 * and the general parser then read (and report on) as before. Same record, same position.
 */
export function fastRecordLine(ctx: ParseContext, file: string, line: number, text: string, start: number, end: number): boolean {
  const sink = ctx.sink;
  if (sink === undefined || start >= end) return false;
  let i = start;
  let n: number; // octets of the owner's wire form in `wire`
  const c0 = text.charCodeAt(i);
  if (c0 === SPACE || c0 === TAB) {
    if (ctx.fastKey === null || ctx.prevOwnerBad) return false; // the previous owner was the general parser's
    i = skipSpace(text, i, end);
    n = 0;
  } else {
    if (c0 === DOLLAR || !ctx.originInZone()) return false;
    n = readOwner(text, i, end, ctx);
    if (n < 0) return false;
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
    } else if (i - t === 1 && (c | 0x20) === 0x61) {
      type = TYPE_A;
    } else {
      return false;
    }
    i = skipSpace(text, i, end);
  }
  const after = readIpv4(text, i, end);
  if (after < 0 || !restIsBlank(text, after, end)) return false;
  const rdata = (quad[0] << 24) | (quad[1] << 16) | (quad[2] << 8) | quad[3];
  let key: string;
  let spelling: string;
  if (n === 0) {
    key = ctx.fastKey as string;
    spelling = ctx.fastSpelling;
  } else {
    key = lowerKeyOf(wire, 0, n);
    spelling = hasUpper(n) ? latin1Of(n) : key;
    ctx.setFastOwner(key, spelling);
  }
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

/**
 * The owner token from `i` written into `wire` as a relative name completed with the origin, as
 * token-text.ts plainRelativeName builds it; -1 when it is not such a name (or a delimiter the lexer
 * treats specially follows it). Returns the wire length.
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
  if (i === end || len === 0 || len > MAX_LABEL) return -1; // also an absolute name: not this path
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

function hasUpper(n: number): boolean {
  for (let i = 0; i < n; i++) if (wire[i] >= 0x41 && wire[i] <= 0x5a) return true;
  return false;
}

function latin1Of(n: number): string {
  return String.fromCharCode.apply(null, wire.subarray(0, n) as unknown as number[]);
}
