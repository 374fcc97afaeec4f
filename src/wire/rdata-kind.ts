// The interface every rdata field kind implements (text in, wire checks, text out), with wire-side helpers.
import { WireError } from './errors.js';
import { MAX_LABEL, MAX_NAME } from './name.js';
import type { ByteSink } from './rdata-bytes.js';
import type { TextCursor } from './rdata-text.js';

/** How an embedded domain name is treated (RFC 3597 4, RFC 4034 6.2 as updated by RFC 6840 5.1). */
export interface NameTreatment {
  /** May be compressed when sending: only the RFC 1035 types. */
  readonly compress: boolean;
  /** May arrive compressed, so it is decompressed on receipt. */
  readonly decompress: boolean;
  /** Lower-cased in the canonical form. */
  readonly canonicalLower: boolean;
}

/** One field kind: how it reads from tokens, how its wire form is checked, how it prints. */
export interface KindCodec {
  /** Consumes this field's tokens from the cursor and appends its wire form; throws RdataError. */
  parse(c: TextCursor, out: ByteSink): void;
  /** Checks the field at b[p..end) and returns the offset just past it; throws WireError. */
  scan(b: Uint8Array, p: number, end: number): number;
  /** The presentation form of a field that scan accepted, ending at `next`. */
  print(b: Uint8Array, p: number, next: number): string;
  /** Set for domain-name fields. */
  readonly name?: NameTreatment;
  /** [offset, length] of the plain (never compressed, never lower-cased) names inside a compound field. */
  innerNames?(b: Uint8Array, p: number, next: number): [number, number][];
  /** May be left out entirely (no tokens left, or the rdata ends before it). */
  readonly optional?: boolean;
}

/** Throws the WireError for malformed rdata. */
export function bad(message: string): never {
  throw new WireError('BAD_RDATA', message);
}

/** Checks that n octets are available at p and returns p + n. */
export function fixed(p: number, n: number, end: number, what: string): number {
  if (p + n > end) bad(`${what} runs past the end of the rdata`);
  return p + n;
}

/** Checks an uncompressed name at b[p..end) and returns the offset past its root label. */
export function scanName(b: Uint8Array, p: number, end: number): number {
  const start = p;
  for (;;) {
    if (p >= end) bad('domain name runs past the end of the rdata');
    const l = b[p];
    if (l === 0) return p + 1;
    if (l > MAX_LABEL) bad(l >= 0xc0 ? 'compressed domain name in rdata' : 'bad label length in rdata name');
    p += l + 1;
    if (p - start + 1 > MAX_NAME) bad('domain name in rdata longer than 255 octets');
  }
}

/** Joins the remaining tokens (base64 and hex may be split by spaces); at least one must remain. */
export function takeRest(c: TextCursor, expected: string): { text: string; first: number } {
  c.take(expected);
  const first = c.last;
  let text = c.tokens[first].text;
  while (!c.done) text += c.take(expected).text;
  return { text, first };
}
