// The TSIG MAC: HMAC over prior MAC, message and TSIG variables (RFC 8945 4.3, 5.3.1), compared in constant time.
import { createHmac, type Hmac, timingSafeEqual } from 'node:crypto';
import { CLASS, HEADER_SIZE, lowerWire } from '../wire/index.js';
import type { TsigAlgorithm } from './algorithms.js';
import type { TsigKey } from './keys.js';
import { put16, put48, type TsigFields } from './tsig-record.js';

/**
 * Starts a MAC with `key`. A prior MAC (the request's MAC when signing a response, RFC 8945 4.3.1, or the
 * previous message's in a stream, 5.3.1) goes first, preceded by its 2-octet length.
 */
export function startMac(key: TsigKey, alg: TsigAlgorithm, prior: Uint8Array | null): Hmac {
  const h = createHmac(alg.hash, key.secret);
  if (prior !== null) {
    const len = new Uint8Array(2);
    put16(len, 0, prior.length);
    h.update(len);
    h.update(prior);
  }
  return h;
}

/**
 * Adds the message octets [0, end) as RFC 8945 4.3.2 digests them: the ID replaced by the Original ID
 * (a forwarder may have changed it) and ARCOUNT lowered by `removed` (1 when the TSIG at `end` was
 * taken out, 0 for an unsigned message of a stream or a message not yet signed).
 */
export function addMessage(h: Hmac, msg: Uint8Array, end: number, originalId: number, removed: 0 | 1): void {
  const head = msg.slice(0, HEADER_SIZE);
  put16(head, 0, originalId);
  put16(head, 10, ((head[10] << 8) | head[11]) - removed);
  h.update(head);
  h.update(msg.subarray(HEADER_SIZE, end));
}

/** The fields of the TSIG variables (RFC 8945 4.3.3); the MAC and Original ID are not part of them. */
export type TsigVariables = Pick<TsigFields, 'keyName' | 'algorithm' | 'timeSigned' | 'fudge' | 'error' | 'other'>;

/**
 * Adds the TSIG variables (RFC 8945 4.3.3): key name and algorithm in canonical (lower-case,
 * uncompressed) form, class ANY, TTL 0, time, fudge, error, other data. With `timersOnly` just time and
 * fudge, as every message after the first of a multi-message response digests them (5.3.1).
 */
export function addVariables(h: Hmac, v: TsigVariables, timersOnly: boolean): void {
  if (!timersOnly) {
    h.update(lowerWire(v.keyName));
    const classTtl = new Uint8Array(6);
    put16(classTtl, 0, CLASS.ANY);
    h.update(classTtl);
    h.update(lowerWire(v.algorithm));
  }
  const timers = new Uint8Array(8);
  put48(timers, 0, v.timeSigned);
  put16(timers, 6, v.fudge);
  h.update(timers);
  if (!timersOnly) {
    const tail = new Uint8Array(4 + v.other.length);
    put16(tail, 0, v.error);
    put16(tail, 2, v.other.length);
    tail.set(v.other, 4);
    h.update(tail);
  }
}

/**
 * Compares a received MAC with the one computed, in constant time. A truncated MAC (already checked
 * against the RFC 8945 5.2.2.1 bounds) is compared with the same number of leading octets.
 */
export function macMatches(computed: Uint8Array, received: Uint8Array): boolean {
  if (received.length === 0 || received.length > computed.length) return false;
  return timingSafeEqual(computed.subarray(0, received.length), received);
}

/** The 48-bit seconds of an injected clock (RFC 8945 4.2 Time Signed). */
export function seconds(now: () => number): number {
  return Math.floor(now());
}

/** True when `now` lies within `timeSigned` +/- `fudge` (RFC 8945 5.2.3). */
export function inTime(now: number, timeSigned: number, fudge: number): boolean {
  return Math.abs(now - timeSigned) <= fudge;
}
