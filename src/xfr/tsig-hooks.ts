// The TSIG hooks of xfr/ built from tsig/: signing requests tsdns sends and verifying every message of the answers.
import { signRequest, type TsigKey, TsigResponseVerifier, TsigStreamSigner, type TsigRequestOk } from '../tsig/index.js';
import type { RequestSigner } from './io.js';
import type { MessageSigner } from './packer.js';

/**
 * A RequestSigner for `key`: signs the request (RFC 8945 5.1) and verifies every message of the
 * response stream against it (5.3.1: the first message must be signed, at most 99 unsigned ones in a
 * row after it, the last one signed). `now` returns seconds since the epoch.
 */
export function tsigRequestSigner(key: TsigKey, now: () => number): RequestSigner {
  return {
    sign(request) {
      const signed = signRequest(request, key, now);
      return { message: signed.message, verifier: new TsigResponseVerifier(signed, now) };
    },
  };
}

/** A MessageSigner for the messages of one AXFR or IXFR response to a verified signed request. */
export function tsigStreamSigner(request: TsigRequestOk, now: () => number): MessageSigner {
  return new TsigStreamSigner(request, now);
}
