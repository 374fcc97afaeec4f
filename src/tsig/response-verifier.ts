// Verifying the response, or every message of a response stream, to a request tsdns signed (RFC 8945 5.3.1, 5.4).
import type { Hmac } from 'node:crypto';
import type { TsigAlgorithm } from './algorithms.js';
import type { TsigSignedRequest } from './client.js';
import { keyAlgorithm } from './keys.js';
import { addMessage, addVariables, inTime, macMatches, seconds, startMac } from './mac.js';
import { findTsig, get48, type TsigFields } from './tsig-record.js';
import { macSizeProblem, TSIG_ERROR } from './verify.js';

/** Why a response (stream) is not accepted. */
export type TsigProblemCode = 'FORMERR' | 'UNSIGNED' | 'BADKEY' | 'BADSIG' | 'BADTIME' | 'BADTRUNC' | 'ERROR';

export interface TsigResponseProblem {
  readonly ok: false;
  readonly code: TsigProblemCode;
  /** The TSIG error: the one the server reported, or the one we found (0 for FORMERR and UNSIGNED). */
  readonly tsigError: number;
  /** True when the server's TSIG carried the error (e.g. it did not know our key), false when we found it. */
  readonly fromServer: boolean;
  readonly reason: string;
  /** The server's clock from a signed BADTIME answer's Other Data (RFC 8945 5.2.3). */
  readonly serverTime?: number;
}

/** A message accepted; `signed` is false for an unsigned message between signed ones (not yet vouched for). */
export type TsigResponseCheck = { readonly ok: true; readonly signed: boolean } | TsigResponseProblem;

export interface TsigResponseOptions {
  /**
   * Unsigned messages accepted in a row between signed ones. RFC 8945 5.3.1 keeps RFC 2845's allowance:
   * a client MUST accept up to 99, so at least every 100th message is signed. Default 99.
   */
  readonly maxUnsigned?: number;
}

const CODE_OF: Record<number, TsigProblemCode> = { 16: 'BADSIG', 17: 'BADKEY', 18: 'BADTIME', 22: 'BADTRUNC' };

function problem(code: TsigProblemCode, tsigError: number, reason: string, fromServer = false, serverTime?: number): TsigResponseProblem {
  return serverTime === undefined
    ? { ok: false, code, tsigError, fromServer, reason }
    : { ok: false, code, tsigError, fromServer, reason, serverTime };
}

/** The error a server put in its TSIG (RFC 8945 5.4.1-5.4.3). */
function serverError(t: TsigFields): TsigResponseProblem {
  const code = CODE_OF[t.error] ?? 'ERROR';
  const time = t.error === TSIG_ERROR.BADTIME && t.other.length === 6 ? get48(t.other, 0) : undefined;
  return problem(code, t.error, `the server answered with TSIG error ${t.error} (${code})`, true, time);
}

/**
 * Checks the messages of the response to one signed request, in the order they arrive. The first
 * message must be signed, and is checked over the request MAC and all TSIG variables; each later
 * signed message over the previous MAC, the unsigned messages since it, itself and the timers
 * (5.3.1). After the last message call finish(): the last one must have been signed. Once a check
 * fails the verifier keeps returning that failure.
 */
export class TsigResponseVerifier {
  private readonly alg: TsigAlgorithm;
  private prior: Uint8Array;
  private originalId: number;
  private running: Hmac | null = null;
  private unsigned = 0;
  private messages = 0;
  private failed: TsigResponseProblem | null = null;

  constructor(
    private readonly request: TsigSignedRequest,
    private readonly now: () => number,
    private readonly opts: TsigResponseOptions = {},
  ) {
    this.alg = keyAlgorithm(request.key);
    this.prior = request.mac;
    this.originalId = request.id;
  }

  /** Checks the next message of the stream. */
  verify(msg: Uint8Array): TsigResponseCheck {
    if (this.failed) return this.failed;
    const r = this.check(msg);
    if (!r.ok) this.failed = r;
    return r;
  }

  /** The end of the stream: fine only when at least one message came and the last one was signed. */
  finish(): TsigResponseCheck {
    if (this.failed) return this.failed;
    if (this.messages === 0) return (this.failed = problem('UNSIGNED', 0, 'no response message'));
    if (this.unsigned > 0) return (this.failed = problem('UNSIGNED', 0, 'the last message is not signed (RFC 8945 5.3.1)'));
    return { ok: true, signed: true };
  }

  private check(msg: Uint8Array): TsigResponseCheck {
    const loc = findTsig(msg);
    if (loc.kind === 'bad') return problem('FORMERR', 0, loc.reason);
    this.messages++;
    if (loc.kind === 'none') return this.addUnsigned(msg);
    const t = loc.tsig;
    // 5.3.2: BADKEY and BADSIG come unsigned, with an empty MAC; nothing to verify, just report.
    if (t.mac.length === 0 && t.error !== 0) return serverError(t);
    if (!t.keyName.equals(this.request.key.name) || !t.algorithm.equals(this.alg.name)) {
      return problem('BADKEY', TSIG_ERROR.BADKEY, `signed with key ${t.keyName} (${t.algorithm}), not ${this.request.key.name}`);
    }
    const sizeProblem = macSizeProblem(this.alg, t.mac.length);
    if (sizeProblem) return problem('FORMERR', 0, sizeProblem);
    const first = this.messages === 1;
    const h = this.running ?? startMac(this.request.key, this.alg, this.prior);
    addMessage(h, msg, loc.offset, t.originalId, 1);
    addVariables(h, t, !first);
    if (!macMatches(h.digest(), t.mac)) return problem('BADSIG', TSIG_ERROR.BADSIG, `bad MAC on message ${this.messages}`);
    if (t.error !== 0) return serverError(t);
    const time = seconds(this.now);
    if (!inTime(time, t.timeSigned, t.fudge)) {
      return problem('BADTIME', TSIG_ERROR.BADTIME, `message ${this.messages} signed at ${t.timeSigned}, now ${time}, fudge ${t.fudge}`);
    }
    this.prior = t.mac;
    this.originalId = t.originalId;
    this.running = null;
    this.unsigned = 0;
    return { ok: true, signed: true };
  }

  /** An unsigned message: allowed after the first, up to the limit; digested into the next signed one's MAC. */
  private addUnsigned(msg: Uint8Array): TsigResponseCheck {
    if (this.messages === 1) return problem('UNSIGNED', 0, `the response is not signed (rcode ${msg[3] & 0xf})`);
    const max = this.opts.maxUnsigned ?? 99;
    if (this.unsigned >= max) return problem('UNSIGNED', 0, `more than ${max} unsigned messages in a row (RFC 8945 5.3.1)`);
    this.unsigned++;
    this.running ??= startMac(this.request.key, this.alg, this.prior);
    addMessage(this.running, msg, msg.length, this.originalId, 0);
    return { ok: true, signed: false };
  }
}

/** Checks a single-message response to a signed request (a NOTIFY or SOA answer, RFC 8945 5.4). */
export function verifyResponse(
  msg: Uint8Array,
  request: TsigSignedRequest,
  now: () => number,
): TsigResponseCheck {
  const v = new TsigResponseVerifier(request, now);
  const r = v.verify(msg);
  return r.ok ? v.finish() : r;
}

