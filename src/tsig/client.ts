// Signing the requests tsdns sends (NOTIFY, SOA, AXFR, IXFR) with a key (RFC 8945 5.1).
import { headerId, type MessageWriter } from '../wire/index.js';
import { keyAlgorithm, type TsigKey, TsigError } from './keys.js';
import { seconds } from './mac.js';
import { appendRecord, DEFAULT_FUDGE, signFields, type TsigSignOptions } from './sign.js';
import { tsigRecord, tsigRecordSize } from './tsig-record.js';

/** A request as sent, with what is needed to verify its response. */
export interface TsigSignedRequest {
  /** The request with its TSIG: the octets to send. */
  readonly message: Uint8Array;
  readonly key: TsigKey;
  /** The request's MAC, which the response's MAC covers (RFC 8945 4.3.1). */
  readonly mac: Uint8Array;
  /** The message ID, written as Original ID. */
  readonly id: number;
  readonly timeSigned: number;
}

/** Octets to reserve in a request's writer for its TSIG. */
export function tsigRequestSize(key: TsigKey): number {
  const alg = keyAlgorithm(key);
  return tsigRecordSize(key.name, alg.name, alg.size, 0);
}

/**
 * Signs a request: `msg` is a finished message without TSIG, or a writer not yet finished (reserve
 * tsigRequestSize(key) in it before adding records). The MAC covers the message and all the TSIG
 * variables, with no prior MAC (RFC 8945 4.3). Throws TsigError TSIG_NO_ROOM when the writer has no room.
 */
export function signRequest(
  msg: Uint8Array | MessageWriter,
  key: TsigKey,
  now: () => number,
  opts: TsigSignOptions = {},
): TsigSignedRequest {
  const bytes = msg instanceof Uint8Array ? msg : msg.finish();
  const id = headerId(bytes);
  const fields = signFields(bytes, {
    key,
    alg: keyAlgorithm(key),
    prior: null,
    timersOnly: false,
    keyName: key.name,
    timeSigned: seconds(now),
    fudge: opts.fudge ?? DEFAULT_FUDGE,
    originalId: id,
    error: 0,
    other: new Uint8Array(0),
  });
  const rr = tsigRecord(fields);
  const signed = msg instanceof Uint8Array ? appendRecord(msg, rr) : msg.appendFinal(rr);
  if (!signed) throw new TsigError('TSIG_NO_ROOM', 'no room for the TSIG record: reserve tsigRequestSize(key)');
  return { message: msg instanceof Uint8Array ? signed : signed.slice(), key, mac: fields.mac, id, timeSigned: fields.timeSigned };
}
