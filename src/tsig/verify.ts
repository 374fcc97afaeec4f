// Verifying a signed request as a server (RFC 8945 5.2): placement, key, MAC, time and truncation, in that order.
import { RCODE } from '../wire/index.js';
import { algorithmByName, type TsigAlgorithm } from './algorithms.js';
import { type TsigKey, type TsigKeyring } from './keys.js';
import { addMessage, addVariables, inTime, macMatches, seconds, startMac } from './mac.js';
import { findTsig, type TsigFields } from './tsig-record.js';

/** TSIG error codes (RFC 8945 3, the IANA "TSIG/TKEY RR error" values). */
export const TSIG_ERROR = { NOERROR: 0, BADSIG: 16, BADKEY: 17, BADTIME: 18, BADTRUNC: 22 } as const;

/** A request whose TSIG checked out: answer it, and sign the answer with `key` over `requestMac`. */
export interface TsigRequestOk {
  readonly ok: true;
  readonly key: TsigKey;
  /** The request's TSIG as received. */
  readonly tsig: TsigFields;
  /** The request MAC the response's MAC covers (truncated as received, RFC 8945 5.2.2.1 rule 4). */
  readonly requestMac: Uint8Array;
  /** Offset of the TSIG record in the request: the request proper is the octets before it. */
  readonly tsigOffset: number;
}

/**
 * A request refused by the TSIG checks. `rcode` is what the header says: FORMERR for a misplaced or
 * malformed TSIG or a MAC size the RFC forbids (`tsigError` 0, no TSIG in the answer), NOTAUTH
 * otherwise. BADKEY and BADSIG are answered unsigned (5.3.2); BADTIME and BADTRUNC are answered signed
 * with `key` over `requestMac` (5.2.3, 5.3.2), so those two carry them.
 */
export interface TsigRequestError {
  readonly ok: false;
  readonly rcode: number;
  readonly tsigError: number;
  /** Why, for the log. */
  readonly reason: string;
  /** The request's TSIG when it could be read (its fields are echoed in the error answer). */
  readonly tsig?: TsigFields;
  readonly key?: TsigKey;
  readonly requestMac?: Uint8Array;
}

export type TsigRequestResult = TsigRequestOk | TsigRequestError;

export interface TsigVerifyOptions {
  /**
   * Local policy (RFC 8945 5.2.4): the shortest MAC accepted. A MAC the RFC allows (5.2.2.1) but
   * shorter than this gets BADTRUNC. Default 0: every length the RFC allows is accepted.
   */
  readonly minMacSize?: number;
}

function formerr(reason: string, tsig?: TsigFields): TsigRequestError {
  return { ok: false, rcode: RCODE.FORMERR, tsigError: 0, reason, tsig };
}

function notauth(tsigError: number, reason: string, tsig: TsigFields, key?: TsigKey): TsigRequestError {
  if (!key) return { ok: false, rcode: RCODE.NOTAUTH, tsigError, reason, tsig };
  return { ok: false, rcode: RCODE.NOTAUTH, tsigError, reason, tsig, key, requestMac: tsig.mac };
}

/** RFC 8945 5.2.2.1 rules 1 and 3: a MAC longer than the hash or shorter than the minimum is FORMERR. */
export function macSizeProblem(alg: TsigAlgorithm, size: number): string | null {
  if (size > alg.size) return `MAC of ${size} octets is longer than ${alg.id}'s ${alg.size}`;
  if (size < alg.minSize) return `MAC of ${size} octets is shorter than the ${alg.minSize} ${alg.id} allows`;
  return null;
}

/**
 * Checks the TSIG of a received request. Returns null when the request carries no TSIG, otherwise the
 * outcome as a value (never throws for anything in the message). The checks run in RFC 8945 5.2's
 * order: placement (5.2), key and algorithm (5.2.1), MAC size and MAC (5.2.2), time (5.2.3), local
 * truncation policy (5.2.4).
 */
export function verifyRequest(
  msg: Uint8Array,
  keyring: TsigKeyring,
  now: () => number,
  opts: TsigVerifyOptions = {},
): TsigRequestResult | null {
  const loc = findTsig(msg);
  if (loc.kind === 'none') return null;
  if (loc.kind === 'bad') return formerr(loc.reason);
  const t = loc.tsig;
  const key = keyring.get(t.keyName);
  if (!key) return notauth(TSIG_ERROR.BADKEY, `unknown key ${t.keyName}`, t);
  const alg = algorithmByName(t.algorithm);
  // 5.2.1: an algorithm we do not implement, or not the key's, is BADKEY.
  if (!alg || !alg.name.equals(key.algorithm)) {
    return notauth(TSIG_ERROR.BADKEY, `key ${t.keyName} is ${key.algorithm}, not ${t.algorithm}`, t);
  }
  const sizeProblem = macSizeProblem(alg, t.mac.length);
  if (sizeProblem) return formerr(sizeProblem, t);
  const h = startMac(key, alg, null);
  addMessage(h, msg, loc.offset, t.originalId, 1);
  addVariables(h, t, false);
  if (!macMatches(h.digest(), t.mac)) return notauth(TSIG_ERROR.BADSIG, `bad MAC with key ${t.keyName}`, t);
  const time = seconds(now);
  if (!inTime(time, t.timeSigned, t.fudge)) {
    return notauth(TSIG_ERROR.BADTIME, `time signed ${t.timeSigned} is more than ${t.fudge} s from ${time}`, t, key);
  }
  if (t.mac.length < (opts.minMacSize ?? 0)) {
    return notauth(TSIG_ERROR.BADTRUNC, `MAC truncated to ${t.mac.length} octets, policy wants ${opts.minMacSize}`, t, key);
  }
  return { ok: true, key, tsig: t, requestMac: t.mac, tsigOffset: loc.offset };
}
