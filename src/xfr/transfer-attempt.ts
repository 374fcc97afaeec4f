// One transfer attempt read without I/O: every message TSIG-verified and fed to the stream reader, then judged as the next snapshot.
import { type Name, RCODE, type ZoneProblem } from '../wire/index.js';
import { ZoneBuilder, type ZoneContents } from '../zone/index.js';
import { applyDiffs } from './apply-diff.js';
import type { Diff } from './diff.js';
import type { ResponseVerifier } from './io.js';
import { serialGt } from './serial.js';
import { type StreamResult, type TransferError, type TransferErrorCode, TransferStream } from './transfer-stream.js';

export type TransferOutcome =
  | { readonly ok: true; readonly kind: 'uptodate'; readonly serial: number }
  | {
      readonly ok: true;
      readonly kind: 'axfr' | 'ixfr';
      readonly zone: ZoneContents;
      readonly serial: number;
      /** The differences received (IXFR); empty for AXFR. */
      readonly diffs: readonly Diff[];
      readonly messages: number;
      readonly octets: number;
      /** Warnings the zone build reported. */
      readonly problems: readonly ZoneProblem[];
    }
  | { readonly ok: false; readonly error: TransferError; readonly problems?: readonly ZoneProblem[] };

/** A complete stream; an AXFR-style answer's records went into `builder` as they arrived, its problems into `problems`. */
export type Attempt =
  | { ok: true; result: StreamResult; messages: number; octets: number; builder: ZoneBuilder; problems: ZoneProblem[] }
  | { ok: false; error: TransferError };

export const failed = (code: TransferErrorCode, message: string, rcode?: number): Attempt => ({ ok: false, error: { code, message, rcode } });

export interface AttemptOptions {
  readonly origin: Name;
  readonly qtype: number;
  /** The request's message ID. */
  readonly id: number;
  /** Our serial, or null when we hold no copy (or force an AXFR). */
  readonly serial: number | null;
  readonly transport: 'udp' | 'tcp';
  /** size-limit-xfr (0: none) and NSD's transfer file header for it (see size-limit.ts). */
  readonly sizeLimit: number;
  readonly sizeLimitHeader?: number;
  /** Verifies every message when the request was signed (TSIG), else null. */
  readonly verifier: ResponseVerifier | null;
}

/**
 * The reading side of one request: push() each message as it arrives; it returns null while more are
 * expected and the attempt once it is complete or failed. Nothing here throws for what the primary
 * sends: a message that does not decode, a bad MAC, records out of order are failures (values).
 */
export class TransferAttempt {
  private readonly stream: TransferStream;
  private readonly builder: ZoneBuilder;
  private readonly problems: ZoneProblem[] = [];
  private ended: Attempt | null = null;

  constructor(private readonly o: AttemptOptions) {
    this.builder = new ZoneBuilder(o.origin, (p) => this.problems.push(p));
    this.stream = new TransferStream({
      origin: o.origin, qtype: o.qtype, id: o.id, serial: o.serial, sizeLimit: o.sizeLimit, sizeLimitHeader: o.sizeLimitHeader,
      transport: o.transport, onAxfrRecord: (pr) => this.builder.add(pr),
    });
  }

  /** The transfer as size-limit-xfr counts it so far (NSD's transfer file). */
  get limitOctets(): number {
    return this.stream.limitOctets;
  }

  push(msg: Uint8Array): Attempt | null {
    if (this.ended) return failed('BAD_STREAM', 'a message after the end of the transfer');
    this.ended = this.read(msg);
    return this.ended;
  }

  private read(msg: Uint8Array): Attempt | null {
    const rcode = msg.length >= 4 ? msg[3] & 0xf : 0;
    const v = this.o.verifier;
    if (v) {
      const r = v.verify(msg);
      // An unsigned error answer (REFUSED, NOTIMP) is reported by its rcode; NOTAUTH is the TSIG error rcode.
      if (!r.ok && (rcode === RCODE.NOERROR || rcode === RCODE.NOTAUTH)) return failed('TSIG', `TSIG: ${r.reason}`, rcode || undefined);
    }
    const step = this.stream.push(msg);
    if (step.state === 'error') return { ok: false, error: step.error };
    if (step.state === 'more') return null;
    if (v) {
      const r = v.finish();
      if (!r.ok) return failed('TSIG', `TSIG: ${r.reason}`);
    }
    const s = this.stream;
    return { ok: true, result: s.result(), messages: s.count, octets: s.octets, builder: this.builder, problems: this.problems };
  }
}

/** Turns a complete stream into the next snapshot over `current` (or the reason it cannot be one). */
export function conclude(current: ZoneContents | null, a: Attempt & { ok: true }): TransferOutcome {
  const r = a.result;
  if (r.kind === 'uptodate' || r.kind === 'need-tcp') return { ok: true, kind: 'uptodate', serial: r.serial };
  if (current && !serialGt(r.serial, current.serial)) {
    return { ok: false, error: { code: 'SERIAL_NOT_NEWER', message: `serial ${r.serial} is not newer than ours (${current.serial})` } };
  }
  if (r.kind === 'ixfr') {
    if (!current) return { ok: false, error: { code: 'IXFR_APPLY', message: 'an incremental answer but we hold no copy' } };
    const applied = applyDiffs(current, r.diffs);
    if (!applied.ok) return { ok: false, error: { code: 'IXFR_APPLY', message: applied.message }, problems: applied.problems };
    return { ok: true, kind: 'ixfr', zone: applied.zone, serial: r.serial, diffs: r.diffs, messages: a.messages, octets: a.octets, problems: [] };
  }
  // The records were built into the zone as they arrived (the checks are NSD's, as for a zone file).
  const problems = a.problems;
  const zone = a.builder.finish({});
  if (!zone) {
    const first = problems.find((p) => p.severity === 'error');
    return { ok: false, error: { code: 'ZONE_INVALID', message: `the transferred zone fails the zone checks: ${first?.message ?? 'unknown'}` }, problems };
  }
  return { ok: true, kind: 'axfr', zone, serial: r.serial, diffs: [], messages: a.messages, octets: a.octets, problems };
}
