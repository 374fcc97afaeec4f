// The TSIG record: finding it in a message (last, once, RFC 8945 5.1/5.2), reading and writing its fields (4.2).
import { CLASS, HEADER_SIZE, type Name, put16, readName, type ResourceRecord, TYPE_TSIG, u16, WireError } from '../wire/index.js';

const CLASS_ANY = CLASS.ANY;

/** The fields of a TSIG record (RFC 8945 4.2); `keyName` is its owner. */
export interface TsigFields {
  readonly keyName: Name;
  readonly algorithm: Name;
  /** Seconds since 1970 (a 48-bit field). */
  readonly timeSigned: number;
  readonly fudge: number;
  readonly mac: Uint8Array;
  readonly originalId: number;
  readonly error: number;
  readonly other: Uint8Array;
}

/** Where a message's TSIG is: absent, malformed or misplaced (FORMERR), or found at `offset`. */
export type TsigLocation =
  | { readonly kind: 'none' }
  | { readonly kind: 'bad'; readonly reason: string }
  | { readonly kind: 'found'; readonly offset: number; readonly tsig: TsigFields };

// Big-endian field access is wire's; put16 is re-exported for mac.ts.
export { put16 };

/** Skips a possibly compressed name; -1 when it runs past the end or holds a reserved label type. */
function skipName(b: Uint8Array, p: number): number {
  for (;;) {
    if (p >= b.length) return -1;
    const len = b[p];
    if (len === 0) return p + 1;
    if ((len & 0xc0) === 0xc0) return p + 2 <= b.length ? p + 2 : -1;
    if ((len & 0xc0) !== 0) return -1;
    p += len + 1;
  }
}

/**
 * Finds the TSIG of a message. RFC 8945 5.2: it must be the last record of the additional section and
 * there may be only one; a TSIG anywhere else, a second one, or one that does not parse (class not ANY,
 * TTL not 0, fields not filling RDLENGTH exactly) is 'bad', which a server answers with FORMERR. A
 * message whose records cannot be walked is 'bad' too. Octets after the last record are ignored (NSD).
 */
export function findTsig(msg: Uint8Array): TsigLocation {
  if (msg.length < HEADER_SIZE) return { kind: 'bad', reason: 'message shorter than its header' };
  const qd = u16(msg, 4);
  const records = u16(msg, 6) + u16(msg, 8) + u16(msg, 10);
  let p = HEADER_SIZE;
  for (let i = 0; i < qd; i++) {
    p = skipName(msg, p);
    if (p < 0 || p + 4 > msg.length) return { kind: 'bad', reason: 'question runs past the end' };
    p += 4;
  }
  for (let i = 0; i < records; i++) {
    const start = p;
    p = skipName(msg, p);
    if (p < 0 || p + 10 > msg.length) return { kind: 'bad', reason: 'record runs past the end' };
    const end = p + 10 + u16(msg, p + 8);
    if (end > msg.length) return { kind: 'bad', reason: 'record data runs past the end' };
    if (u16(msg, p) === TYPE_TSIG) {
      if (i !== records - 1 || u16(msg, 10) === 0) return { kind: 'bad', reason: 'TSIG is not the last additional record' };
      return parseTsigAt(msg, start);
    }
    p = end;
  }
  return { kind: 'none' };
}

/** Reads the TSIG record starting at `offset` (its owner), checking every field against RDLENGTH. */
export function parseTsigAt(msg: Uint8Array, offset: number): TsigLocation {
  try {
    const owner = readName(msg, offset);
    let p = owner.end;
    if (p + 10 > msg.length) return { kind: 'bad', reason: 'TSIG record runs past the end' };
    if (u16(msg, p) !== TYPE_TSIG) return { kind: 'bad', reason: 'not a TSIG record' };
    if (u16(msg, p + 2) !== CLASS_ANY) return { kind: 'bad', reason: 'TSIG class is not ANY' };
    if (u16(msg, p + 4) !== 0 || u16(msg, p + 6) !== 0) return { kind: 'bad', reason: 'TSIG TTL is not 0' };
    const rdEnd = p + 10 + u16(msg, p + 8);
    if (rdEnd > msg.length) return { kind: 'bad', reason: 'TSIG data runs past the end' };
    const tsig = readFields(msg.subarray(0, rdEnd), p + 10, owner.name);
    return tsig ? { kind: 'found', offset, tsig } : { kind: 'bad', reason: 'TSIG fields do not fill its data' };
  } catch (e) {
    if (e instanceof WireError) return { kind: 'bad', reason: `TSIG name: ${e.message}` };
    throw e;
  }
}

/** The rdata fields from `p` to the end of `b` (which ends where the rdata does); null when they do not fit exactly. */
function readFields(b: Uint8Array, p: number, keyName: Name): TsigFields | null {
  // RFC 8945 4.2 sends the algorithm name uncompressed; a backward pointer is read anyway, as NSD does.
  const alg = readName(b, p);
  p = alg.end;
  if (p + 10 > b.length) return null;
  const timeSigned = get48(b, p);
  const fudge = u16(b, p + 6);
  const macSize = u16(b, p + 8);
  p += 10;
  if (p + macSize + 6 > b.length) return null;
  const mac = b.slice(p, p + macSize);
  p += macSize;
  const originalId = u16(b, p);
  const error = u16(b, p + 2);
  const otherSize = u16(b, p + 4);
  p += 6;
  if (p + otherSize !== b.length) return null;
  const other = b.slice(p, p + otherSize);
  return { keyName, algorithm: alg.name, timeSigned, fudge, mac, originalId, error, other };
}

/** Writes a 48-bit time (RFC 8945 4.2 Time Signed, and BADTIME's Other Data) at `p`. */
export function put48(b: Uint8Array, p: number, t: number): void {
  put16(b, p, Math.floor(t / 0x100000000) & 0xffff);
  put16(b, p + 2, (t >>> 16) & 0xffff);
  put16(b, p + 4, t & 0xffff);
}

/** Reads a 48-bit time. */
export function get48(b: Uint8Array, p: number): number {
  return u16(b, p) * 0x100000000 + (((u16(b, p + 2) << 16) | u16(b, p + 4)) >>> 0);
}

/** The rdata of a TSIG record, names uncompressed (RFC 8945 4.2). */
export function tsigRdata(f: Omit<TsigFields, 'keyName'>): Uint8Array {
  const alg = f.algorithm.wire;
  const out = new Uint8Array(alg.length + 16 + f.mac.length + f.other.length);
  out.set(alg, 0);
  let p = alg.length;
  put48(out, p, f.timeSigned);
  put16(out, p + 6, f.fudge);
  put16(out, p + 8, f.mac.length);
  out.set(f.mac, p + 10);
  p += 10 + f.mac.length;
  put16(out, p, f.originalId);
  put16(out, p + 2, f.error);
  put16(out, p + 4, f.other.length);
  out.set(f.other, p + 6);
  return out;
}

/** The TSIG as a record for MessageWriter.appendFinal: class ANY, TTL 0 (RFC 8945 4.2). */
export function tsigRecord(f: TsigFields): ResourceRecord {
  return { owner: f.keyName, type: TYPE_TSIG, class: CLASS_ANY, ttl: 0, rdata: tsigRdata(f) };
}

/** Octets a TSIG record takes in a message: owner, type/class/TTL/RDLENGTH, algorithm, fixed fields, MAC, other. */
export function tsigRecordSize(keyName: Name, algorithm: Name, macSize: number, otherSize: number): number {
  return keyName.wire.length + 10 + algorithm.wire.length + 16 + macSize + otherSize;
}
