// Packing a stream of records into as few transfer messages as fit (RFC 5936 2.2), each compressed and optionally signed.
import { type EdnsInit, FLAG, MessageWriter, type Name, type ResourceRecord, SECTION } from '../wire/index.js';
import { XfrError } from './errors.js';

/** The request a transfer answers: its ID and question as received (the case of the name is echoed). */
export interface XfrRequest {
  readonly id: number;
  readonly qname: Name;
  readonly qtype: number;
  readonly qclass: number;
  /** The request's flags word; RD and CD are copied into every response (RFC 1035 4.1.1, RFC 4035 3.2.2). */
  readonly flags?: number;
}

/**
 * Signs each message of a stream (TSIG, RFC 8945 5.3.1): `reserveSize` octets are kept free in every
 * message and `sign` finishes the writer and returns the message with its TSIG (tsig/'s
 * TsigStreamSigner has exactly this shape).
 */
export interface MessageSigner {
  readonly reserveSize: number;
  sign(w: MessageWriter): Uint8Array | null;
}

export interface XfrOutOptions {
  /** The largest message, at most 65535 (the TCP length field); over UDP the client's payload size. */
  readonly maxMessageSize?: number;
  readonly signer?: MessageSigner;
  /** An OPT record for every message (when the request had one, RFC 6891 7). */
  readonly edns?: EdnsInit | null;
}

export const DEFAULT_XFR_MESSAGE_SIZE = 65535;

/**
 * Fills messages with answer records in order. The question goes in the first message only (RFC 5936
 * 2.2: later messages MAY omit it, and NSD omits it). Each message is compressed on its own. Messages
 * are handed out as copies, so the caller may keep or send them while packing goes on.
 */
export class MessagePacker {
  private readonly w: MessageWriter;
  private readonly flags: number;
  private started = false;
  private messages = 0;

  constructor(
    private readonly request: XfrRequest,
    private readonly opts: XfrOutOptions = {},
  ) {
    const limit = opts.maxMessageSize ?? DEFAULT_XFR_MESSAGE_SIZE;
    this.w = new MessageWriter(limit);
    const copied = (request.flags ?? 0) & (FLAG.RD | FLAG.CD);
    this.flags = FLAG.QR | FLAG.AA | copied; // opcode QUERY, rcode NOERROR
  }

  /** Messages finished so far. */
  get count(): number {
    return this.messages;
  }

  /** Records in the open message. */
  get pending(): number {
    return this.started ? this.w.count(SECTION.ANSWER) : 0;
  }

  private open(): void {
    const w = this.w;
    w.reset();
    w.setId(this.request.id);
    w.setFlags(this.flags);
    if (this.opts.signer && !w.reserve(this.opts.signer.reserveSize)) {
      throw new XfrError('XFR_NO_ROOM', 'the message size limit leaves no room for the TSIG record');
    }
    if (this.opts.edns && !w.setEdns(this.opts.edns)) throw new XfrError('XFR_NO_ROOM', 'the message size limit leaves no room for OPT');
    if (this.messages === 0) {
      const r = this.request;
      if (!w.addQuestion(r.qname, r.qtype, r.qclass)) throw new XfrError('XFR_NO_ROOM', 'the question does not fit the message size limit');
    }
    this.started = true;
  }

  /** Adds a record; when the open message is full, returns it finished and starts the next with the record. */
  add(rr: ResourceRecord): Uint8Array | null {
    if (!this.started) this.open();
    if (this.w.addRecord(rr, SECTION.ANSWER)) return null;
    if (this.w.count(SECTION.ANSWER) === 0) {
      throw new XfrError('XFR_RECORD_TOO_LARGE', 'a record does not fit in an empty message of the size limit');
    }
    const out = this.finish();
    this.open();
    if (!this.w.addRecord(rr, SECTION.ANSWER)) {
      throw new XfrError('XFR_RECORD_TOO_LARGE', 'a record does not fit in an empty message of the size limit');
    }
    return out;
  }

  /** Finishes (and signs) the open message; a message with no records is allowed (e.g. an error). */
  finish(): Uint8Array {
    if (!this.started) this.open();
    this.started = false;
    this.messages++;
    const signer = this.opts.signer;
    if (!signer) return this.w.finish().slice();
    const signed = signer.sign(this.w);
    if (signed === null) throw new XfrError('XFR_NO_ROOM', 'the TSIG record did not fit the room reserved for it');
    return signed.slice();
  }

  /** The writer of the open message, for a caller that sets TC or an rcode before finish(). */
  get writer(): MessageWriter {
    if (!this.started) this.open();
    return this.w;
  }
}
