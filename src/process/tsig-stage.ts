// TSIG in the pipeline (RFC 8945 5.2, NSD query.c process_tsig): verify a signed request, answer its failure, sign answers.
import { signResponseBytes, type TsigKeyring, type TsigRequestError, type TsigRequestOk, verifyRequest } from '../tsig/index.js';
import type { EdnsInit } from '../wire/index.js';
import { errorFlags, simpleResponse } from './simple-response.js';
import { TSIG_BADKEY, tsigErrorRecord, type TsigEcho } from './tsig-echo.js';

/** The keys and clock the TSIG checks use; `now` is in seconds since the epoch. */
export interface TsigContext {
  readonly keyring: TsigKeyring | null;
  readonly now: () => number;
}

/** The outcome for a signed request: verified (answer it, then sign), or the error answer to send. */
export type TsigCheck =
  | { readonly ok: true; readonly verified: TsigRequestOk }
  | { readonly ok: false; readonly answer: Uint8Array; readonly result: TsigRequestError | null };

/**
 * Checks the TSIG of a request that carries one (the parser found it last in the additional section).
 * Without keys every key is unknown: NOTAUTH with an unsigned BADKEY TSIG echoing the request's fields
 * (5.2.1). Otherwise verifyRequest decides: FORMERR without TSIG for a malformed one or a MAC size the
 * RFC forbids, NOTAUTH with an unsigned BADKEY or BADSIG TSIG (5.3.2), NOTAUTH with a signed BADTIME
 * (5.2.3) or BADTRUNC. Like NSD's query_error the answer keeps the request's flags, drops the question,
 * and carries `opt` (the OPT when the request had one; NOTIFY answers have none).
 */
export function checkRequestTsig(
  request: Uint8Array,
  flags: number,
  echo: TsigEcho | null,
  tsig: TsigContext,
  opt: EdnsInit | null,
): TsigCheck {
  if (tsig.keyring === null || tsig.keyring.size === 0) {
    const final = echo ? tsigErrorRecord(echo, TSIG_BADKEY) : null;
    return { ok: false, answer: simpleResponse(request, errorFlags(flags, 9), { questionEnd: 0, opt, final }), result: null };
  }
  const v = verifyRequest(request, tsig.keyring, tsig.now);
  if (v === null) {
    // The parser saw a TSIG the verifier does not find: treat it as malformed.
    return { ok: false, answer: simpleResponse(request, errorFlags(flags, 1), { questionEnd: 0, opt }), result: null };
  }
  if (v.ok) return { ok: true, verified: v };
  const bare = simpleResponse(request, errorFlags(flags, v.rcode), { questionEnd: 0, opt });
  return { ok: false, answer: signResponseBytes(bare, v, tsig.now), result: v };
}

/** Appends the response TSIG for a verified request (RFC 8945 5.3): the MAC covers the request MAC and the answer. */
export function signAnswer(answer: Uint8Array, verified: TsigRequestOk, now: () => number): Uint8Array {
  return signResponseBytes(answer, verified, now);
}
