// Token text fix-ups that NSD applies before use: \DDD over 255 and a trailing backslash (zlexer.lex zoctet()).
import { MAX_LABEL, MAX_NAME, Name, WireError, parseName } from '../wire/index.js';

export type TextWarn = (code: string, message: string) => void;

const BACKSLASH = 0x5c;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Returns `text` with the two escapes NSD tolerates with a warning rewritten so the RFC 1035 5.1 reader
 * accepts them: `\DDD` above 255 becomes the three digits, and a backslash at the very end is dropped.
 * Other escapes are left as written (they are processed later by the name or rdata reader).
 */
export function fixEscapes(text: string, warn: TextWarn): string {
  if (text.indexOf('\\') < 0) return text;
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== BACKSLASH) continue;
    if (i + 1 >= n) {
      warn('TRAILING_BACKSLASH', 'trailing backslash ignored');
      out += text.slice(last, i);
      last = n;
      break;
    }
    if (isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
      const v = Number(text.slice(i + 1, i + 4));
      if (v > 255) {
        warn('ESCAPE_OVERFLOW', `escape \\${text.slice(i + 1, i + 4)} is over 255, read as the digits ${text.slice(i + 1, i + 4)}`);
        out += text.slice(last, i);
        last = i + 1;
      }
      i += 3;
      continue;
    }
    i++;
  }
  return out + text.slice(last);
}

/** A quoted owner is one label (NSD reads "a.b" as the label a\.b); a lone @ is then literal too. */
function quotedAsLabel(text: string): string {
  if (text.length === 0) throw new WireError('EMPTY_LABEL', 'zero label length');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i++;
    } else {
      out += c === '.' ? '\\.' : c;
    }
  }
  return out === '@' ? '\\@' : out;
}

/** NSD's grammar takes '@' only as a whole name: `@.x` or `a.@` are syntax errors there, so here too. */
function checkAt(text: string): void {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
      continue;
    }
    if (i === text.length || c === 0x2e) {
      if (i - start === 1 && text.charCodeAt(start) === 0x40) {
        throw new WireError('BAD_NAME', `'@' can only stand alone as a name, not as a label in '${text}'`);
      }
      start = i + 1;
    }
  }
}

/**
 * The fast path for the common owner: a relative name with no escape and no '@', built straight into
 * wire form after `origin`. Null when the text is anything else (or wrong), so parseName decides.
 */
export function plainRelativeName(text: string, origin: Name): Name | null {
  const n = text.length;
  const ow = origin.wire;
  const total = n + 1 + ow.length;
  if (n === 0 || total > MAX_NAME) return null;
  const wire = new Uint8Array(total);
  let lenAt = 0;
  let p = 1;
  let labels = 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      const len = p - lenAt - 1;
      if (len === 0 || len > MAX_LABEL) return null;
      wire[lenAt] = len;
      lenAt = p++;
      labels++;
    } else if (c === BACKSLASH || c === 0x40 || c > 0xff) {
      return null;
    } else {
      wire[p++] = c;
    }
  }
  const len = p - lenAt - 1;
  if (len === 0 || len > MAX_LABEL) return null; // also an absolute name (trailing dot): not this path
  wire[lenAt] = len;
  wire.set(ow, p);
  return new Name(wire, labels + origin.labelCount);
}

/** Parses a name token (owner, $ORIGIN, $INCLUDE origin) the way NSD does; throws WireError. */
export function nameFromToken(text: string, quoted: boolean, origin: Name, warn: TextWarn): Name {
  if (!quoted) {
    const fast = plainRelativeName(text, origin);
    if (fast) return fast;
  }
  let t = fixEscapes(text, warn);
  if (quoted) t = quotedAsLabel(t);
  else if (t !== '@' && t.indexOf('@') >= 0) checkAt(t);
  return parseName(t, origin);
}

/** True when a name as written ends in an unescaped dot (an absolute name). */
export function isAbsoluteText(text: string): boolean {
  if (text === '.') return true;
  if (text.length < 2 || text.charCodeAt(text.length - 1) !== 0x2e) return false;
  let bs = 0;
  for (let i = text.length - 2; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) bs++;
  return bs % 2 === 0;
}

/** `bad owner name 'x': why`, without repeating the name when the reason already quotes it. */
export function badName(what: string, text: string, reason: string): string {
  return reason.includes(`'${text}'`) ? `bad ${what}: ${reason}` : `bad ${what} '${text}': ${reason}`;
}
