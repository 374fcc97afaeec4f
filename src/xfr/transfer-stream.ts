// Reading a received AXFR or IXFR response stream (RFC 5936 2.2, RFC 1995 4), one message at a time.
import { decodeMessage, type Message, type Name, nameToText, OPCODE, type PositionedRecord, type ResourceRecord, WireError } from '../wire/index.js';
import type { Diff } from './diff.js';
import { rcodeName } from './notify.js';
import { serialGt } from './serial.js';
import { implicitPatternName, XFR_FILE_MESSAGE_OVERHEAD, xfrFileHeaderOctets } from './size-limit.js';
import { soaSerial, TYPE_AXFR, TYPE_IXFR, TYPE_SOA } from './soa.js';

/** Why a transfer failed. */
export type TransferErrorCode =
  | 'MALFORMED' // a message that does not decode
  | 'BAD_RESPONSE' // wrong ID, opcode, question, or QR missing
  | 'RCODE' // the primary answered with an error rcode
  | 'TRUNCATED' // TC over TCP, or an IXFR over UDP that needs TCP
  | 'BAD_STREAM' // records not in AXFR/IXFR order (SOA first and last, IXFR sequences)
  | 'IXFR_MISMATCH' // an IXFR that does not start at our serial
  | 'SIZE_LIMIT' // NSD's transfer file would outgrow size-limit-xfr
  | 'TSIG' // a message failed TSIG verification
  | 'TIMEOUT'
  | 'CLOSED' // the stream ended before the final SOA
  | 'NETWORK'
  | 'SERIAL_NOT_NEWER'
  | 'IXFR_APPLY' // the differences do not apply to our copy
  | 'ZONE_INVALID'; // the transferred zone fails the zone checks

export interface TransferError {
  readonly code: TransferErrorCode;
  readonly message: string;
  readonly rcode?: number;
}

/** What a complete stream held. */
export type StreamResult =
  | { readonly kind: 'uptodate'; readonly serial: number }
  /** `records` holds the zone's records, unless the stream was given an `onAxfrRecord` sink (then it is empty). */
  | { readonly kind: 'axfr'; readonly serial: number; readonly records: readonly PositionedRecord[] }
  | { readonly kind: 'ixfr'; readonly serial: number; readonly diffs: readonly Diff[] }
  /** Over UDP: the primary has a newer serial but the answer did not fit (RFC 1995 2): ask over TCP. */
  | { readonly kind: 'need-tcp'; readonly serial: number };

export type StreamStep = { readonly state: 'more' } | { readonly state: 'done' } | { readonly state: 'error'; readonly error: TransferError };

export interface StreamOptions {
  readonly origin: Name;
  readonly qtype: number;
  readonly id: number;
  /** Our serial (null when we hold no copy): an IXFR must start from it; a first SOA not newer means up to date. */
  readonly serial: number | null;
  /** size-limit-xfr: the largest transfer file NSD would write (see size-limit.ts), 0 for no limit. */
  readonly sizeLimit: number;
  /**
   * The header of that file (xfrFileHeaderOctets of the zone and its pattern name); by default the one
   * of a zone: clause that wrote the origin without its final dot.
   */
  readonly sizeLimitHeader?: number;
  readonly transport: 'udp' | 'tcp';
  /**
   * Takes each record of an AXFR (or AXFR-style IXFR answer) as it is read, instead of the stream
   * keeping them all: the transfer client feeds them to the zone builder, so a big zone is never
   * held twice, as records and as the zone being built (issue 7).
   */
  readonly onAxfrRecord?: (pr: PositionedRecord) => void;
}

type Phase = 'first' | 'second' | 'axfr' | 'removing' | 'adding' | 'done';

interface OpenDiff {
  oldSoa: ResourceRecord;
  newSoa: ResourceRecord | null;
  removed: ResourceRecord[];
  added: ResourceRecord[];
}

const fail = (code: TransferErrorCode, message: string, rcode?: number): StreamStep => ({ state: 'error', error: { code, message, rcode } });

/**
 * A state machine over the response messages. AXFR: the first record is the zone's SOA, the stream
 * ends with that SOA again (RFC 5936 2.2). IXFR (RFC 1995 4): a first SOA not newer than ours means up
 * to date; then either an SOA with our serial starting the sequences of (old SOA, removed, new SOA,
 * added) up to the final SOA, or any other record, which makes it an AXFR-style answer.
 */
export class TransferStream {
  private phase: Phase = 'first';
  private first: ResourceRecord | null = null;
  private serial = 0;
  private bytes = 0;
  /** The size NSD's transfer file would have now (0 until a message is accepted). */
  private fileOctets = 0;
  private messages = 0;
  private upToDate = false;
  private readonly records: PositionedRecord[] = [];
  private axfrRecords = 0;
  private readonly diffs: Diff[] = [];
  private open: OpenDiff | null = null;

  constructor(private readonly o: StreamOptions) {}

  get octets(): number {
    return this.bytes;
  }

  get count(): number {
    return this.messages;
  }

  /** The transfer counted as size-limit-xfr counts it. */
  get limitOctets(): number {
    return this.fileOctets;
  }

  /** Reads the next message of the stream. */
  push(buf: Uint8Array): StreamStep {
    if (this.phase === 'done') return fail('BAD_STREAM', 'a message after the end of the transfer');
    this.messages++;
    this.bytes += buf.length;
    let m: Message;
    try {
      m = decodeMessage(buf);
    } catch (e) {
      if (e instanceof WireError) return fail('MALFORMED', `message ${this.messages} does not decode: ${e.message}`);
      throw e;
    }
    const bad = this.checkHeader(m);
    if (bad) return bad;
    for (const rr of m.answers) {
      const step = this.record(rr);
      if (step) return step; // an error, or up to date (which NSD does not count either)
    }
    const step = this.endOfMessage(m);
    return step.state === 'error' ? step : this.countForLimit(buf.length, step);
  }

  /**
   * NSD xfrd_handle_received_xfr_packet: a message that parsed is written to the transfer file and
   * the file's size checked after it; an up-to-date answer (newlease) and an answer telling to ask over
   * TCP end before the write, so they never count.
   */
  private countForLimit(length: number, step: StreamStep): StreamStep {
    if (this.upToDate || (this.phase === 'second' && this.o.transport === 'udp')) return step;
    if (this.fileOctets === 0) this.fileOctets = this.o.sizeLimitHeader ?? defaultHeader(this.o.origin);
    this.fileOctets += length + XFR_FILE_MESSAGE_OVERHEAD;
    if (this.o.sizeLimit > 0 && this.fileOctets > this.o.sizeLimit) {
      return fail('SIZE_LIMIT', `the transfer exceeds size-limit-xfr (${this.o.sizeLimit}): ${this.fileOctets} octets as NSD counts its transfer file`);
    }
    return step;
  }

  private checkHeader(m: Message): StreamStep | null {
    const h = m.header;
    if (!h.qr || h.id !== this.o.id || h.opcode !== OPCODE.QUERY) return fail('BAD_RESPONSE', 'an answer with another ID, opcode or no QR flag');
    const rcode = h.rcode | ((m.edns?.extendedRcode ?? 0) << 4);
    if (rcode !== 0) return fail('RCODE', `the primary answered ${rcodeName(rcode)}`, rcode);
    if (h.tc && this.o.transport === 'tcp') return fail('TRUNCATED', 'a truncated message over TCP');
    for (const q of m.questions) {
      if (!q.qname.equals(this.o.origin) || q.qtype !== this.o.qtype) return fail('BAD_RESPONSE', 'an answer for another question');
    }
    if (this.messages === 1 && m.questions.length === 0 && this.o.transport === 'udp') return fail('BAD_RESPONSE', 'an answer without the question');
    if (h.tc) return fail('TRUNCATED', 'the answer was truncated');
    return null;
  }

  private endOfMessage(m: Message): StreamStep {
    if (this.messages === 1 && m.answers.length === 0) return fail('BAD_STREAM', 'the first message holds no records');
    if (this.phase === 'done') return { state: 'done' };
    // RFC 1995 2: over UDP a newer SOA alone means "the answer does not fit, use TCP".
    if (this.o.transport === 'udp') return this.phase === 'second' ? { state: 'done' } : fail('BAD_STREAM', 'an incomplete answer over UDP');
    return { state: 'more' };
  }

  private isSoaOfZone(rr: ResourceRecord): boolean {
    return rr.type === TYPE_SOA && rr.owner.equals(this.o.origin);
  }

  /** Feeds one answer record; returns a step only to stop (error or early end). */
  private record(rr: ResourceRecord): StreamStep | null {
    if (this.phase === 'done') return fail('BAD_STREAM', 'records after the final SOA');
    if (this.phase === 'first') return this.firstRecord(rr);
    if (this.phase === 'second') return this.secondRecord(rr);
    if (rr.type === TYPE_SOA && !this.isSoaOfZone(rr)) return fail('BAD_STREAM', `an SOA record for ${rr.owner} in the transfer`);
    if (this.phase === 'axfr') return this.axfrRecord(rr);
    return this.ixfrRecord(rr);
  }

  private firstRecord(rr: ResourceRecord): StreamStep | null {
    if (!this.isSoaOfZone(rr)) return fail('BAD_STREAM', 'the transfer does not start with the zone\'s SOA');
    this.first = rr;
    this.serial = soaSerial(rr.rdata);
    const ours = this.o.serial;
    if (ours !== null && !serialGt(this.serial, ours)) {
      // RFC 1995 2 / RFC 1982: the primary is not newer; NSD stops reading here too.
      this.upToDate = true;
      this.phase = 'done';
      return { state: 'done' };
    }
    this.phase = this.o.qtype === TYPE_IXFR ? 'second' : 'axfr';
    if (this.phase === 'axfr') this.keep(rr);
    return null;
  }

  private secondRecord(rr: ResourceRecord): StreamStep | null {
    if (rr.type !== TYPE_SOA) {
      this.phase = 'axfr'; // an AXFR-style answer to our IXFR (RFC 1995 4)
      this.keep(this.first as ResourceRecord);
      this.keep(rr);
      return null;
    }
    if (!this.isSoaOfZone(rr)) return fail('BAD_STREAM', `an SOA record for ${rr.owner} in the transfer`);
    const s = soaSerial(rr.rdata);
    if (s === this.serial) {
      // SOA, SOA: an AXFR-style answer of a zone holding only its SOA.
      this.keep(this.first as ResourceRecord);
      this.phase = 'done';
      return null;
    }
    if (s !== this.o.serial) return fail('IXFR_MISMATCH', `the IXFR starts at serial ${s}, not at ours (${this.o.serial})`);
    this.open = { oldSoa: rr, newSoa: null, removed: [], added: [] };
    this.phase = 'removing';
    return null;
  }

  private axfrRecord(rr: ResourceRecord): StreamStep | null {
    if (rr.type === TYPE_SOA) {
      if (soaSerial(rr.rdata) !== this.serial) return fail('BAD_STREAM', 'the final SOA differs from the first');
      this.phase = 'done';
      return null;
    }
    this.keep(rr);
    return null;
  }

  /** One record of an AXFR-style answer: to the sink, or kept for result(). */
  private keep(rr: ResourceRecord): void {
    this.axfrRecords++;
    if (this.o.onAxfrRecord) this.o.onAxfrRecord(positioned(rr));
    else this.records.push(positioned(rr));
  }

  private ixfrRecord(rr: ResourceRecord): StreamStep | null {
    const d = this.open as OpenDiff;
    if (rr.type !== TYPE_SOA) {
      (this.phase === 'removing' ? d.removed : d.added).push(rr);
      return null;
    }
    const s = soaSerial(rr.rdata);
    if (this.phase === 'removing') {
      d.newSoa = rr;
      this.phase = 'adding';
      return null;
    }
    const newSoa = d.newSoa as ResourceRecord;
    const done = { oldSerial: soaSerial(d.oldSoa.rdata), newSerial: soaSerial(newSoa.rdata), oldSoa: d.oldSoa, newSoa, removed: d.removed, added: d.added };
    this.diffs.push(done);
    if (s === this.serial && done.newSerial === this.serial) {
      this.phase = 'done';
      return null;
    }
    if (s !== done.newSerial) return fail('BAD_STREAM', `an IXFR sequence starts at serial ${s}, not at ${done.newSerial}`);
    this.open = { oldSoa: rr, newSoa: null, removed: [], added: [] };
    this.phase = 'removing';
    return null;
  }

  /** The stream's content; valid once push() returned 'done'. */
  result(): StreamResult {
    if (this.upToDate) return { kind: 'uptodate', serial: this.serial };
    if (this.phase === 'second') return { kind: 'need-tcp', serial: this.serial };
    if (this.o.qtype === TYPE_AXFR || this.axfrRecords > 0) return { kind: 'axfr', serial: this.serial, records: this.records };
    return { kind: 'ixfr', serial: this.serial, diffs: this.diffs };
  }
}

/** The file header NSD writes for a zone: clause naming `origin` without its final dot. */
function defaultHeader(origin: Name): number {
  const text = nameToText(origin);
  return xfrFileHeaderOctets(text, implicitPatternName(text === '.' ? text : text.slice(0, -1)));
}

function positioned(record: ResourceRecord): PositionedRecord {
  return { record, file: '', line: 0, col: 0 };
}
