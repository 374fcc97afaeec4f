// A request's TSIG record read for the unsigned error answer (RFC 8945 5.2.1 BADKEY), as NSD tsig.c does it.
import { lowerWire, readName, type ResourceRecord, Name, WireError } from '../wire/index.js';
import { copyOf, put16, u16 } from './bytes.js';

const TYPE_TSIG = 250;
const CLASS_ANY = 255;
/** TSIG error BADKEY (RFC 8945 3, IANA "TSIG/TKEY RR error"). */
export const TSIG_BADKEY = 17;

/** The fields of a request's TSIG that its error answer echoes. Names are lower-cased, as NSD normalises them. */
export interface TsigEcho {
  readonly keyName: Name;
  readonly algorithm: Name;
  /** Time Signed: 48 bits, as the request carried it. */
  readonly timeHigh: number;
  readonly timeLow: number;
  readonly fudge: number;
  readonly originalId: number;
  readonly other: Uint8Array;
}

/**
 * Reads the record at `p` as a TSIG (NSD tsig_parse_rr): 'absent' when it is some other record (its
 * type is not TSIG or its class not ANY), null when it is a TSIG that does not parse (a TTL other than
 * 0, fields past its end, a MAC over 16384 or other data over 16 octets): the request is a FORMERR.
 */
export function readTsigAt(buf: Uint8Array, p: number): TsigEcho | 'absent' | null {
  try {
    const owner = readName(buf, p);
    let q = owner.end;
    if (q + 10 > buf.length) return null;
    if (u16(buf, q) !== TYPE_TSIG || u16(buf, q + 2) !== CLASS_ANY) return 'absent';
    const ttlZero = u16(buf, q + 4) === 0 && u16(buf, q + 6) === 0;
    const rdlen = u16(buf, q + 8);
    q += 10;
    if (!ttlZero || q + rdlen > buf.length) return null;
    const alg = readName(buf, q);
    q = alg.end;
    if (q + 10 > buf.length) return null;
    const timeHigh = u16(buf, q);
    const timeLow = ((u16(buf, q + 2) << 16) | u16(buf, q + 4)) >>> 0;
    const fudge = u16(buf, q + 6);
    const macSize = u16(buf, q + 8);
    q += 10;
    if (q + macSize > buf.length || macSize > 16384) return null;
    q += macSize;
    if (q + 6 > buf.length) return null;
    const originalId = u16(buf, q);
    const otherSize = u16(buf, q + 4);
    q += 6;
    if (q + otherSize > buf.length || otherSize > 16) return null;
    return {
      keyName: new Name(lowerWire(owner.name)),
      algorithm: new Name(lowerWire(alg.name)),
      timeHigh,
      timeLow,
      fudge,
      originalId,
      other: copyOf(buf, q, q + otherSize),
    };
  } catch (e) {
    if (e instanceof WireError) return null;
    throw e;
  }
}

/**
 * The unsigned TSIG of an error answer (RFC 8945 5.3.2, NSD tsig_error_reply): the request's fields
 * with an empty MAC and the given error.
 */
export function tsigErrorRecord(t: TsigEcho, error: number): ResourceRecord {
  const alg = t.algorithm.wire;
  const rdata = new Uint8Array(alg.length + 16 + t.other.length);
  rdata.set(alg, 0);
  let p = alg.length;
  put16(rdata, p, t.timeHigh);
  put16(rdata, p + 2, t.timeLow >>> 16);
  put16(rdata, p + 4, t.timeLow & 0xffff);
  put16(rdata, p + 6, t.fudge);
  put16(rdata, p + 8, 0); // MAC size
  put16(rdata, p + 10, t.originalId);
  put16(rdata, p + 12, error);
  put16(rdata, p + 14, t.other.length);
  rdata.set(t.other, p + 16);
  return { owner: t.keyName, type: TYPE_TSIG, class: CLASS_ANY, ttl: 0, rdata };
}
