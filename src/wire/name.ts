// Domain names: uncompressed wire form with the case kept, plus a lower-case key for lookups (RFC 1035 3.1, RFC 4343).
import { WireError } from './errors.js';

export const MAX_LABEL = 63; // RFC 1035 2.3.4
export const MAX_NAME = 255; // RFC 1035 2.3.4, in wire octets including the root label

const LOWER = new Uint8Array(256);
for (let i = 0; i < 256; i++) LOWER[i] = i >= 0x41 && i <= 0x5a ? i + 32 : i;

/** Lower-cases one octet the DNS way: only A-Z are folded (RFC 4343 3). */
export function lowerOctet(b: number): number {
  return LOWER[b];
}

const KEY_SCRATCH = new Uint8Array(MAX_NAME);
/** KEY_SCRATCH.subarray(0, n) for every n, made once: no view is allocated per key. */
const KEY_VIEWS = Array.from({ length: MAX_NAME + 1 }, (_, n) => KEY_SCRATCH.subarray(0, n));

/**
 * The lower-cased octets start..end of buf as a latin1 string: the lookup key of a wire name. Built
 * in one String.fromCharCode over a scratch copy: appending a char at a time made a rope of one-char
 * strings per name, most of the garbage of loading a big zone (issue 7).
 */
export function lowerKeyOf(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > MAX_NAME) {
    let s = '';
    for (let i = start; i < end; i += MAX_NAME) s += lowerKeyOf(buf, i, Math.min(end, i + MAX_NAME));
    return s;
  }
  for (let i = 0; i < n; i++) KEY_SCRATCH[i] = LOWER[buf[start + i]];
  return String.fromCharCode.apply(null, KEY_VIEWS[n] as unknown as number[]);
}

/**
 * A domain name. `wire` is the uncompressed wire form (case as written, ending in the root label);
 * `key` is the same octets lower-cased, as a latin1 string, so two names are equal ignoring case
 * exactly when their keys are equal. Names are immutable.
 */
export class Name {
  readonly wire: Uint8Array;
  readonly key: string;
  readonly labelCount: number;

  /** Trusts `wire` to be a valid uncompressed name; use nameFromWire or parseName for outside data. */
  constructor(wire: Uint8Array, labelCount?: number) {
    this.wire = wire;
    this.key = lowerKeyOf(wire, 0, wire.length);
    this.labelCount = labelCount ?? countLabels(wire);
  }

  equals(other: Name): boolean {
    return this.key === other.key;
  }

  isRoot(): boolean {
    return this.wire.length === 1;
  }

  toString(): string {
    return nameToText(this);
  }
}

export const ROOT = new Name(new Uint8Array([0]), 0);

function countLabels(wire: Uint8Array): number {
  let n = 0;
  for (let i = 0; wire[i] !== 0; i += wire[i] + 1) n++;
  return n;
}

/** Builds a name from labels (leftmost first), checking the RFC 1035 length limits. */
export function nameFromLabels(labels: readonly Uint8Array[]): Name {
  let len = 1;
  for (const l of labels) {
    if (l.length === 0) throw new WireError('EMPTY_LABEL', 'empty label inside a name');
    if (l.length > MAX_LABEL) throw new WireError('LABEL_TOO_LONG', `label longer than ${MAX_LABEL} octets`);
    len += l.length + 1;
  }
  if (len > MAX_NAME) throw new WireError('NAME_TOO_LONG', `name longer than ${MAX_NAME} octets`);
  const wire = new Uint8Array(len);
  let p = 0;
  for (const l of labels) {
    wire[p++] = l.length;
    wire.set(l, p);
    p += l.length;
  }
  wire[p] = 0;
  return new Name(wire, labels.length);
}

/** Validates and copies an uncompressed wire name that ends exactly at the end of `bytes`. */
export function nameFromWire(bytes: Uint8Array): Name {
  let p = 0;
  let labels = 0;
  while (p < bytes.length) {
    const len = bytes[p];
    if (len === 0) {
      if (p + 1 !== bytes.length) break;
      return new Name(bytes.slice(), labels);
    }
    if (len > MAX_LABEL) throw new WireError('LABEL_TOO_LONG', `label longer than ${MAX_LABEL} octets`);
    p += len + 1;
    labels++;
  }
  throw new WireError('BAD_NAME', 'not a well-formed uncompressed name');
}

/** The labels of a name, leftmost first, as views into its wire form. */
export function labelsOf(name: Name): Uint8Array[] {
  const out: Uint8Array[] = [];
  const w = name.wire;
  for (let p = 0; w[p] !== 0; p += w[p] + 1) out.push(w.subarray(p + 1, p + 1 + w[p]));
  return out;
}

/** The name with its `n` leftmost labels removed. */
export function stripLabels(name: Name, n: number): Name {
  if (n <= 0) return name;
  if (n >= name.labelCount) return ROOT;
  const w = name.wire;
  let p = 0;
  for (let i = 0; i < n; i++) p += w[p] + 1;
  return new Name(w.slice(p), name.labelCount - n);
}

export function parentOf(name: Name): Name {
  return stripLabels(name, 1);
}

/** `label` + `.` + `name`, e.g. the wildcard `*.name` (RFC 4592). */
export function prependLabel(label: Uint8Array, name: Name): Name {
  return nameFromLabels([label, ...labelsOf(name)]);
}

const STAR = new Uint8Array([0x2a]);
export function wildcardOf(name: Name): Name {
  return prependLabel(STAR, name);
}

export function isWildcard(name: Name): boolean {
  return name.wire[0] === 1 && name.wire[1] === 0x2a;
}

/** Concatenates a relative name (its labels) onto an origin. */
export function concatNames(relative: readonly Uint8Array[], origin: Name): Name {
  return nameFromLabels([...relative, ...labelsOf(origin)]);
}

/** True when `name` equals `ancestor` or lies below it (compared ignoring case, label by label). */
export function isSubdomain(name: Name, ancestor: Name): boolean {
  const extra = name.labelCount - ancestor.labelCount;
  if (extra < 0) return false;
  if (extra === 0) return name.key === ancestor.key;
  const w = name.wire;
  let p = 0;
  for (let i = 0; i < extra; i++) p += w[p] + 1;
  return name.key.length - p === ancestor.key.length && name.key.endsWith(ancestor.key);
}

/**
 * RFC 4034 6.1 canonical order: compare the rightmost labels first, each label as lower-cased
 * octets, a label that is a prefix of another sorts first, and fewer labels sort first.
 */
export function compareNames(a: Name, b: Name): number {
  if (a.key === b.key) return 0;
  const la = labelOffsets(a.wire);
  const lb = labelOffsets(b.wire);
  let i = la.length - 1;
  let j = lb.length - 1;
  for (; i >= 0 && j >= 0; i--, j--) {
    const c = compareLabels(a.key, la[i], b.key, lb[j]);
    if (c !== 0) return c;
  }
  return i < 0 ? (j < 0 ? 0 : -1) : 1;
}

function labelOffsets(w: Uint8Array): number[] {
  const out: number[] = [];
  for (let p = 0; w[p] !== 0; p += w[p] + 1) out.push(p);
  return out;
}

function compareLabels(ka: string, pa: number, kb: string, pb: number): number {
  const na = ka.charCodeAt(pa);
  const nb = kb.charCodeAt(pb);
  const n = Math.min(na, nb);
  for (let k = 1; k <= n; k++) {
    const d = ka.charCodeAt(pa + k) - kb.charCodeAt(pb + k);
    if (d !== 0) return d;
  }
  return na - nb;
}

/**
 * Parses a name in presentation format (RFC 1035 5.1): `\X` and `\DDD` escapes, a trailing dot for
 * absolute names, `@` for the origin. A relative name is appended to `origin`; without an origin it is
 * an error. Throws WireError (code BAD_NAME, LABEL_TOO_LONG, NAME_TOO_LONG, EMPTY_LABEL).
 */
export function parseName(text: string, origin: Name | null): Name {
  if (text === '@') {
    if (!origin) throw new WireError('BAD_NAME', "'@' used with no origin");
    return origin;
  }
  if (text === '.') return ROOT;
  if (text.length === 0) throw new WireError('BAD_NAME', 'empty name');
  const labels: Uint8Array[] = [];
  let cur: number[] = [];
  let absolute = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (cur.length === 0) throw new WireError('EMPTY_LABEL', `empty label in '${text}'`);
      labels.push(Uint8Array.from(cur));
      cur = [];
      if (i === text.length - 1) absolute = true;
    } else if (c === 0x5c) {
      i = readEscape(text, i, cur);
    } else if (c > 0xff) {
      throw new WireError('BAD_NAME', `character outside 8-bit range in '${text}'`);
    } else {
      cur.push(c);
    }
    if (cur.length > MAX_LABEL) throw new WireError('LABEL_TOO_LONG', `label longer than ${MAX_LABEL} octets in '${text}'`);
  }
  if (!absolute) {
    labels.push(Uint8Array.from(cur));
    if (!origin) throw new WireError('BAD_NAME', `relative name '${text}' with no origin`);
    return concatNames(labels, origin);
  }
  return nameFromLabels(labels);
}

/** Reads the escape at text[i] (a backslash) into out; returns the index of its last character. */
export function readEscape(text: string, i: number, out: number[]): number {
  const d = /^[0-9]{3}/.exec(text.slice(i + 1, i + 4));
  if (d) {
    const v = Number(d[0]);
    if (v > 255) throw new WireError('BAD_ESCAPE', `escape \\${d[0]} is over 255`);
    out.push(v);
    return i + 3;
  }
  if (i + 1 >= text.length) throw new WireError('BAD_ESCAPE', 'backslash at the end of a name or string');
  const c = text.charCodeAt(i + 1);
  if (c > 0xff) throw new WireError('BAD_ESCAPE', 'escaped character outside 8-bit range');
  out.push(c);
  return i + 1;
}

/** Presentation form of one label: printable ASCII kept, special characters `\X`, others `\DDD`. */
export function labelToText(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b === 0x2e || b === 0x5c || b === 0x22 || b === 0x3b || b === 0x28 || b === 0x29 || b === 0x40 || b === 0x24) {
      s += '\\' + String.fromCharCode(b);
    } else if (b <= 0x20 || b >= 0x7f) {
      s += '\\' + String(b).padStart(3, '0');
    } else {
      s += String.fromCharCode(b);
    }
  }
  return s;
}

/** The absolute presentation form of a name, with its trailing dot ("." for the root). */
export function nameToText(name: Name): string {
  const w = name.wire;
  if (w.length === 1) return '.';
  let s = '';
  for (let p = 0; w[p] !== 0; p += w[p] + 1) s += labelToText(w, p + 1, p + 1 + w[p]) + '.';
  return s;
}

/** The wire form with every A-Z lower-cased (RFC 4034 6.2 canonical form of an owner name). */
export function lowerWire(name: Name): Uint8Array {
  const w = name.wire;
  const out = new Uint8Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = LOWER[w[i]];
  return out;
}
