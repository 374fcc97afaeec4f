// Signing every message of a multi-message response (AXFR, IXFR), each MAC chained to the one before (RFC 8945 5.3.1).
import type { MessageWriter, ResourceRecord } from '../wire/index.js';
import type { TsigAlgorithm } from './algorithms.js';
import { keyAlgorithm } from './keys.js';
import { seconds } from './mac.js';
import { appendRecord, DEFAULT_FUDGE, signFields, type TsigSignOptions } from './sign.js';
import { tsigRecord, tsigRecordSize } from './tsig-record.js';
import type { TsigRequestOk } from './verify.js';

/**
 * Signs the messages of one response stream in order. RFC 8945 5.3.1: the first message is signed like
 * a single response (request MAC, message, all TSIG variables); each later one over the previous
 * message's MAC, the message and the timers only. tsdns signs every message (the RFC's MUST), so a
 * receiver never has unsigned messages to account for.
 */
export class TsigStreamSigner {
  private readonly alg: TsigAlgorithm;
  private prior: Uint8Array;
  private count = 0;

  constructor(
    private readonly request: TsigRequestOk,
    private readonly now: () => number,
    private readonly opts: TsigSignOptions = {},
  ) {
    this.alg = keyAlgorithm(request.key);
    this.prior = request.requestMac;
  }

  /** Octets to reserve in each message's writer before its records go in. */
  get reserveSize(): number {
    return tsigRecordSize(this.request.tsig.keyName, this.alg.name, this.alg.size, 0);
  }

  /** Messages signed so far. */
  get signed(): number {
    return this.count;
  }

  /** The TSIG for the next message `msg` (finished, without TSIG); moves the chain on. */
  next(msg: Uint8Array): ResourceRecord {
    const t = this.request.tsig;
    const fields = signFields(msg, {
      key: this.request.key,
      alg: this.alg,
      prior: this.prior,
      timersOnly: this.count > 0,
      keyName: t.keyName,
      timeSigned: seconds(this.now),
      fudge: this.opts.fudge ?? DEFAULT_FUDGE,
      originalId: t.originalId,
      error: 0,
      other: new Uint8Array(0),
    });
    this.prior = fields.mac;
    this.count++;
    return tsigRecord(fields);
  }

  /** Finishes the writer's message and appends its TSIG; null when it did not fit (reserve reserveSize). */
  sign(w: MessageWriter): Uint8Array | null {
    return w.appendFinal(this.next(w.finish()));
  }

  /** Signs an encoded message: a new buffer with the TSIG appended. */
  signBytes(msg: Uint8Array): Uint8Array {
    return appendRecord(msg, this.next(msg));
  }
}
