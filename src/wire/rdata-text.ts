// Presentation-format helpers for rdata: the token cursor, numbers, periods, character-strings, times (RFC 1035 5.1).
import { RdataError, WireError } from './errors.js';
import type { Name } from './name.js';
import { readEscape } from './name.js';

/**
 * One token of an rdata in a zone file. `text` is the raw token as written, escapes not yet processed;
 * for a quoted string it is the content between the quotes.
 */
export interface RdataToken {
  readonly text: string;
  readonly quoted: boolean;
}

/** Walks the tokens of one rdata; `what` names the field being parsed (e.g. "MX preference") for messages. */
export class TextCursor {
  i = 0;
  /** Index of the token most recently taken. */
  last = -1;
  what = '';

  constructor(
    readonly tokens: readonly RdataToken[],
    readonly origin: Name,
    readonly mnemonic: string,
  ) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): RdataToken | undefined {
    return this.tokens[this.i];
  }

  /** Takes the next token; a missing token is an error about the field as a whole (token -1). */
  take(expected: string): RdataToken {
    if (this.i >= this.tokens.length) throw new RdataError(`missing ${this.what}: expected ${expected}`, -1);
    this.last = this.i;
    return this.tokens[this.i++];
  }

  /** The standard complaint about the token just taken (or the token at `at`). */
  fail(expected: string, detail?: string, at = this.last): never {
    const got = this.tokens[at]?.text ?? '';
    const why = detail ? ` (${detail})` : '';
    throw new RdataError(`expected ${expected} for ${this.what}, got '${got}'${why}`, at);
  }

  /** A free-form complaint about the token just taken (or the token at `at`). */
  error(message: string, at = this.last): never {
    throw new RdataError(`${this.what}: ${message}`, at);
  }
}

const DIGITS = /^[0-9]+$/;

/** A decimal integer below 2^bits (bits <= 32), or undefined. */
export function parseUint(text: string, bits: number): number | undefined {
  if (!DIGITS.test(text) || text.length > 10) return undefined;
  const v = Number(text);
  return v < 2 ** bits ? v : undefined;
}

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * A TTL-like period: seconds, or numbers with units s, m, h, d, w in any case (e.g. 1h30m), as NSD's
 * strtottl accepts them; a trailing number without a unit counts as seconds. Undefined when malformed
 * or over 2^32 - 1.
 */
export function parsePeriod(text: string): number | undefined {
  // Unambiguous, so it runs in linear time: `([0-9]+[smhdw]?)+` backtracked exponentially on a long
  // run of digits followed by a bad character (found by fuzzing: 30 digits took 40 s).
  if (text === '' || !/^(?:[0-9]+[smhdwSMHDW])*[0-9]*$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)([smhdwSMHDW]?)/g)) {
    total += Number(m[1]) * (m[2] ? UNIT[m[2].toLowerCase()] : 1);
  }
  return total <= 0xffffffff ? total : undefined;
}

/** The octets of a character-string token with its \X and \DDD escapes processed (RFC 1035 5.1). */
export function unescapeText(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i = readEscape(text, i, out);
    else if (c > 0xff) throw new WireError('BAD_TEXT', 'character outside 8-bit range');
    else out.push(c);
  }
  return Uint8Array.from(out);
}

/** Reads one character-string (at most 255 octets) from the cursor. */
export function takeCharString(c: TextCursor): Uint8Array {
  const tok = c.take('a character-string');
  let b: Uint8Array;
  try {
    b = unescapeText(tok.text);
  } catch (e) {
    if (e instanceof WireError) c.error(`${e.message} in '${tok.text}'`);
    throw e;
  }
  if (b.length > 255) c.error(`character-string is ${b.length} octets, more than 255`);
  return b;
}

/** Escapes octets for a quoted string: `"` and `\` with a backslash, non-printables as \DDD (as NSD prints). */
export function escapeText(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const x = b[i];
    if (x === 0x22 || x === 0x5c) s += '\\' + String.fromCharCode(x);
    else if (x < 0x20 || x >= 0x7f) s += '\\' + String(x).padStart(3, '0');
    else s += String.fromCharCode(x);
  }
  return s;
}

export function quoteText(b: Uint8Array, start: number, end: number): string {
  return '"' + escapeText(b, start, end) + '"';
}

/**
 * An RRSIG time (RFC 4034 3.2): YYYYMMDDHHmmSS in UTC, or a decimal number of seconds. The result is
 * the 32-bit serial value (seconds since 1970 modulo 2^32). Undefined when malformed.
 */
export function parseTime(text: string): number | undefined {
  if (text.length !== 14) return parseUint(text, 32);
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  if (date.getUTCDate() !== d) return undefined; // e.g. February 30
  return Math.floor(date.getTime() / 1000) >>> 0;
}

/** YYYYMMDDHHmmSS of a 32-bit time, read as seconds since 1970 (1970..2106, as NSD prints it). */
export function formatTime(v: number): string {
  const d = new Date(v * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    p(d.getUTCFullYear(), 4) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) +
    p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds())
  );
}
