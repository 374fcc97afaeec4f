// Signing a response to a signed request, and the TSIG of TSIG error answers (RFC 8945 5.3, 5.3.2, 5.2.3).
import type { MessageWriter, Name, ResourceRecord } from '../wire/index.js';
import type { TsigAlgorithm } from './algorithms.js';
import { keyAlgorithm, type TsigKey } from './keys.js';
import { addMessage, addVariables, seconds, startMac } from './mac.js';
import { put48, type TsigFields, tsigRecord, tsigRecordSize } from './tsig-record.js';
import { TSIG_ERROR, type TsigRequestResult } from './verify.js';

/** The fudge tsdns writes (RFC 8945 10 recommends 300 seconds; NSD writes 300). */
export const DEFAULT_FUDGE = 300;

export interface TsigSignOptions {
  /** Fudge in seconds written into our TSIG records; default 300. */
  readonly fudge?: number;
}

/** What one signed message needs: the key, the MAC chained before it and the TSIG's own fields. */
export interface SignInput {
  readonly key: TsigKey;
  readonly alg: TsigAlgorithm;
  /** The request MAC (a response), the previous message's MAC (a stream), or null (a request). */
  readonly prior: Uint8Array | null;
  /** True for the second and later messages of a stream: only the timers are digested (5.3.1). */
  readonly timersOnly: boolean;
  readonly keyName: Name;
  readonly timeSigned: number;
  readonly fudge: number;
  readonly originalId: number;
  readonly error: number;
  readonly other: Uint8Array;
}

/** Signs the finished message `msg` (no TSIG in it yet) and returns its TSIG fields, MAC included. */
export function signFields(msg: Uint8Array, s: SignInput): TsigFields {
  const h = startMac(s.key, s.alg, s.prior);
  addMessage(h, msg, msg.length, s.originalId, 0);
  const fields = {
    keyName: s.keyName,
    algorithm: s.alg.name,
    timeSigned: s.timeSigned,
    fudge: s.fudge,
    originalId: s.originalId,
    error: s.error,
    other: s.other,
  };
  addVariables(h, fields, s.timersOnly);
  return { ...fields, mac: new Uint8Array(h.digest()) };
}

/** BADTIME's Other Data: the server's current time as 48 bits (RFC 8945 5.2.3). */
function timeOther(now: number): Uint8Array {
  const b = new Uint8Array(6);
  put48(b, 0, now);
  return b;
}

/**
 * The TSIG record that ends the response `msg` (finished, without TSIG) to a request whose check gave
 * `v`; null when the answer carries none (FORMERR, RFC 8945 5.2). OK: signed over the request MAC
 * (5.3). BADKEY, BADSIG: unsigned, the request's key name, algorithm, time and fudge echoed with an
 * empty MAC and the error (5.3.2, as NSD answers). BADTIME: signed, the request's Time Signed and the
 * server's time in Other Data (5.2.3). BADTRUNC: signed (5.3.2).
 */
export function responseTsig(msg: Uint8Array, v: TsigRequestResult, now: () => number, opts: TsigSignOptions = {}): ResourceRecord | null {
  const t = v.tsig;
  if (!t) return null;
  if (v.ok || v.key) {
    const key = v.key as TsigKey;
    const time = seconds(now);
    const badtime = !v.ok && v.tsigError === TSIG_ERROR.BADTIME;
    const fields = signFields(msg, {
      key,
      alg: keyAlgorithm(key),
      prior: t.mac,
      timersOnly: false,
      keyName: t.keyName,
      timeSigned: badtime ? t.timeSigned : time,
      fudge: opts.fudge ?? DEFAULT_FUDGE,
      originalId: t.originalId,
      error: v.ok ? 0 : v.tsigError,
      other: badtime ? timeOther(time) : new Uint8Array(0),
    });
    return tsigRecord(fields);
  }
  if (v.tsigError === 0) return null;
  return tsigRecord({ ...t, mac: new Uint8Array(0), error: v.tsigError, other: new Uint8Array(0) });
}

/**
 * Octets to reserve (MessageWriter.reserve) before writing the answer to a request whose check gave `v`,
 * so the answer is truncated rather than its TSIG dropped. 0 when the answer carries no TSIG.
 */
export function tsigResponseSize(v: TsigRequestResult): number {
  const t = v.tsig;
  if (!t) return 0;
  if (v.ok || v.key) {
    const alg = keyAlgorithm(v.key as TsigKey);
    const other = !v.ok && v.tsigError === TSIG_ERROR.BADTIME ? 6 : 0;
    return tsigRecordSize(t.keyName, alg.name, alg.size, other);
  }
  if (v.tsigError === 0) return 0;
  return tsigRecordSize(t.keyName, t.algorithm, 0, 0);
}

/**
 * Finishes the writer's message and appends the TSIG for `v` (see responseTsig) as its last record.
 * Returns the message, or null when the TSIG did not fit: reserve tsigResponseSize(v) first.
 */
export function signResponse(w: MessageWriter, v: TsigRequestResult, now: () => number, opts: TsigSignOptions = {}): Uint8Array | null {
  const msg = w.finish();
  const rr = responseTsig(msg, v, now, opts);
  return rr ? w.appendFinal(rr) : msg;
}

/** Like signResponse for a message already encoded (e.g. a cached answer): a new buffer with the TSIG appended. */
export function signResponseBytes(msg: Uint8Array, v: TsigRequestResult, now: () => number, opts: TsigSignOptions = {}): Uint8Array {
  const rr = responseTsig(msg, v, now, opts);
  return rr ? appendRecord(msg, rr) : msg;
}

/** A copy of `msg` with `rr` written uncompressed at its end and ARCOUNT raised by one. */
export function appendRecord(msg: Uint8Array, rr: ResourceRecord): Uint8Array {
  const o = rr.owner.wire;
  const out = new Uint8Array(msg.length + o.length + 10 + rr.rdata.length);
  out.set(msg, 0);
  let p = msg.length;
  out.set(o, p);
  p += o.length;
  const fixed = [rr.type >>> 8, rr.type & 0xff, rr.class >>> 8, rr.class & 0xff];
  fixed.push((rr.ttl >>> 24) & 0xff, (rr.ttl >>> 16) & 0xff, (rr.ttl >>> 8) & 0xff, rr.ttl & 0xff);
  fixed.push(rr.rdata.length >>> 8, rr.rdata.length & 0xff);
  out.set(fixed, p);
  out.set(rr.rdata, p + 10);
  const ar = ((out[10] << 8) | out[11]) + 1;
  out[10] = (ar >>> 8) & 0xff;
  out[11] = ar & 0xff;
  return out;
}
