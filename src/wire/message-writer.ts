// Writing a message into one preallocated buffer: name compression, a size limit with rollback, OPT last.
import { type EdnsInit, optRecordSize, writeOpt } from './edns.js';
import { WireError } from './errors.js';
import { encodeFlags, FLAG, HEADER_SIZE, type HeaderFlags, put16, put32 } from './header.js';
import { type MessageInput, type Section, SECTION, TYPE_TSIG } from './message.js';
import { copyBytes, NameCompressor } from './name-compressor.js';
import type { Name } from './name.js';
import { rdataNameFields } from './rdata.js';
import type { ResourceRecord } from './record.js';

export const MAX_MESSAGE = 65535;

/** A position to roll back to (see mark/rollback). */
export interface WriterMark {
  readonly pos: number;
  readonly journal: number;
  readonly section: number;
  /** The section counts (question, answer, authority, additional): four fields, not an array copy per mark. */
  readonly qd: number;
  readonly an: number;
  readonly ns: number;
  readonly ar: number;
}

/**
 * Builds one message. Records go in section order; each add returns false and leaves the message as it
 * was when the record does not fit the limit, so the caller decides about TC (RFC 2181 9, RFC 9471).
 * Names are compressed (RFC 1035 4.1.4) against the name suffixes already written, compared ignoring
 * case, so `Example.COM` and `example.com` share one target and the case written first is the one kept. Names inside rdata are
 * compressed only where rdataNameFields allows it (RFC 3597 4). The OPT record's room is reserved when it
 * is set and it is written last by finish(). Reuse one writer per socket with reset().
 */
export class MessageWriter {
  private buf: Uint8Array;
  private pos = HEADER_SIZE;
  private limit = 0; // requested size limit
  private end = 0; // limit minus reservations: where records must stop
  private reserved = 0; // reserve(): room kept for a record appended after finish (TSIG)
  private optSize = 0;
  private edns: EdnsInit | null = null;
  private extRcode = 0;
  private id = 0;
  private flags = 0;
  private section = 0;
  private finished = false;
  private readonly counts = [0, 0, 0, 0];
  private readonly names = new NameCompressor();

  /** `limit` is the largest message allowed (at most 65535); `buffer` may be supplied for reuse. */
  constructor(limit = 512, buffer?: Uint8Array) {
    const l = clampLimit(limit);
    this.buf = buffer ?? new Uint8Array(l);
    this.reset(l);
  }

  /** Starts a new message in the same buffer, growing it when the new limit needs more room. */
  reset(limit = this.limit): void {
    const l = clampLimit(limit);
    if (this.buf.length < l) this.buf = new Uint8Array(l);
    this.limit = l;
    this.pos = HEADER_SIZE;
    this.reserved = 0;
    this.optSize = 0;
    this.edns = null;
    this.extRcode = 0;
    this.id = 0;
    this.flags = 0;
    this.section = 0;
    this.finished = false;
    this.counts.fill(0);
    this.names.clear();
    this.end = l;
  }

  /** Octets written so far (the OPT record not included until finish). */
  get length(): number {
    return this.pos;
  }

  /** Octets still free for records before the limit and the reservations. */
  get remaining(): number {
    return this.end - this.pos;
  }

  count(section: Section | 0): number {
    return this.counts[section];
  }

  setId(id: number): void {
    this.id = id & 0xffff;
  }

  /** Sets the whole 16-bit flags word (opcode and the low 4 rcode bits included). */
  setFlags(word: number): void {
    this.flags = word & 0xffff;
  }

  setHeader(h: HeaderFlags & { readonly id: number }): void {
    this.id = h.id & 0xffff;
    this.flags = encodeFlags(h);
  }

  /** Sets a 12-bit rcode: the low 4 bits go to the header, the rest to OPT (RFC 6891 6.1.3). */
  setRcode(rcode: number): void {
    this.flags = (this.flags & ~0xf) | (rcode & 0xf);
    this.extRcode = (rcode >>> 4) & 0xff;
  }

  setTc(): void {
    this.flags |= FLAG.TC;
  }

  /**
   * Adds (or replaces, or with null removes) the OPT record, reserving its room now so that records
   * added later cannot take it. An `extendedRcode` given here overrides setRcode's upper bits. False when
   * it does not fit beside what is already written.
   */
  setEdns(e: EdnsInit | null): boolean {
    this.checkOpen();
    const size = e ? optRecordSize(e.options) : 0;
    if (this.pos + size > this.limit - this.reserved) return false;
    this.edns = e;
    if (e && e.extendedRcode !== undefined) this.extRcode = e.extendedRcode & 0xff;
    this.optSize = size;
    this.end = this.limit - this.reserved - size;
    return true;
  }

  /** Keeps `n` octets free for appendFinal (a TSIG record signed after finish). False if not free. */
  reserve(n: number): boolean {
    this.checkOpen();
    if (this.pos + this.optSize + n > this.limit) return false;
    this.reserved = n;
    this.end = this.limit - n - this.optSize;
    return true;
  }

  addQuestion(qname: Name, qtype: number, qclass: number): boolean {
    this.checkOpen();
    if (this.section !== 0) throw new WireError('SECTION_ORDER', 'question added after a record');
    const pos = this.pos;
    const j = this.names.mark();
    if (!this.writeName(qname.wire, 0, qname.wire.length) || this.pos + 4 > this.end) {
      this.undo(pos, j);
      return false;
    }
    put16(this.buf, this.pos, qtype);
    put16(this.buf, this.pos + 2, qclass);
    this.pos += 4;
    this.counts[0]++;
    return true;
  }

  /** Adds one record; false (and nothing written) when it does not fit. */
  addRecord(rr: ResourceRecord, section: Section): boolean {
    const prev = this.enter(section);
    const pos = this.pos;
    const j = this.names.mark();
    if (!this.tryRecord(rr.owner, rr.type, rr.class, rr.ttl, rr.rdata, pos, j)) return this.leave(prev);
    this.counts[section]++;
    return true;
  }

  /** Adds every record of an RRset sharing owner, type, class and TTL, or none of them. */
  addRRset(owner: Name, type: number, klass: number, ttl: number, rdatas: readonly Uint8Array[], section: Section): boolean {
    const prev = this.enter(section);
    const pos = this.pos;
    const j = this.names.mark();
    for (const rdata of rdatas) {
      if (!this.tryRecord(owner, type, klass, ttl, rdata, pos, j)) return this.leave(prev);
    }
    this.counts[section] += rdatas.length;
    return true;
  }

  /** Adds all of `rrs` to one section, or none of them (e.g. an RRset with its RRSIGs). */
  addRecords(rrs: readonly ResourceRecord[], section: Section): boolean {
    const prev = this.enter(section);
    const pos = this.pos;
    const j = this.names.mark();
    for (const rr of rrs) {
      if (!this.tryRecord(rr.owner, rr.type, rr.class, rr.ttl, rr.rdata, pos, j)) return this.leave(prev);
    }
    this.counts[section] += rrs.length;
    return true;
  }

  /** A position to come back to when a group spanning sections turns out not to fit. */
  mark(): WriterMark {
    const c = this.counts;
    return { pos: this.pos, journal: this.names.mark(), section: this.section, qd: c[0], an: c[1], ns: c[2], ar: c[3] };
  }

  rollback(m: WriterMark): void {
    this.checkOpen();
    this.undo(m.pos, m.journal);
    this.section = m.section;
    const c = this.counts;
    c[0] = m.qd;
    c[1] = m.an;
    c[2] = m.ns;
    c[3] = m.ar;
  }

  /**
   * Writes the OPT record, patches ID, flags and counts, and returns the message: a view of the writer's
   * buffer, valid until reset(). Throws when an extended rcode was set without OPT (it cannot be sent).
   */
  finish(): Uint8Array {
    this.checkOpen();
    const b = this.buf;
    let arcount = this.counts[SECTION.ADDITIONAL];
    if (this.edns) {
      this.pos = writeOpt(b, this.pos, this.edns, this.extRcode);
      arcount++;
    } else if (this.extRcode !== 0) {
      throw new WireError('RCODE_NEEDS_OPT', 'an extended rcode needs an OPT record (RFC 6891 6.1.3)');
    }
    put16(b, 0, this.id);
    put16(b, 2, this.flags);
    put16(b, 4, this.counts[0]);
    put16(b, 6, this.counts[SECTION.ANSWER]);
    put16(b, 8, this.counts[SECTION.AUTHORITY]);
    put16(b, 10, arcount);
    this.finished = true;
    return b.subarray(0, this.pos);
  }

  /**
   * After finish(): appends one more additional record, uncompressed, after the OPT (RFC 8945 5.1: TSIG
   * comes last and is computed over the message before it), bumping ARCOUNT. Uses the reserved room.
   * Returns the whole message, or null when the record does not fit the limit.
   */
  appendFinal(rr: ResourceRecord): Uint8Array | null {
    if (!this.finished) throw new WireError('WRITER_OPEN', 'appendFinal before finish');
    const b = this.buf;
    const size = rr.owner.wire.length + 10 + rr.rdata.length;
    if (this.pos + size > this.limit || rr.rdata.length > 0xffff) return null;
    this.pos = writeUncompressedRecord(b, this.pos, rr);
    put16(b, 10, ((b[10] << 8) | b[11]) + 1);
    return b.subarray(0, this.pos);
  }

  private checkOpen(): void {
    if (this.finished) throw new WireError('WRITER_FINISHED', 'message already finished; call reset()');
  }

  /** Moves on to `section` (sections only go forward) and returns the one we were in. */
  private enter(section: Section): number {
    this.checkOpen();
    const prev = this.section;
    if (section < prev) throw new WireError('SECTION_ORDER', `section ${section} after section ${prev}`);
    this.section = section;
    return prev;
  }

  /** A failed add: back in the section we were in before it. */
  private leave(prev: number): false {
    this.section = prev;
    return false;
  }

  /** Forgets everything written after `pos`, including compression targets registered there. */
  private undo(pos: number, journal: number): void {
    this.names.undo(journal);
    this.pos = pos;
  }

  /** Writes one record; on failure (or a throw from malformed rdata) rolls back to `pos`. */
  private tryRecord(owner: Name, type: number, klass: number, ttl: number, rdata: Uint8Array, pos: number, j: number): boolean {
    let ok = false;
    try {
      ok = this.writeRecord(owner, type, klass, ttl, rdata);
    } finally {
      if (!ok) this.undo(pos, j);
    }
    return ok;
  }

  private writeRecord(owner: Name, type: number, klass: number, ttl: number, rdata: Uint8Array): boolean {
    if (!this.writeName(owner.wire, 0, owner.wire.length)) return false;
    if (this.pos + 10 > this.end) return false;
    const b = this.buf;
    put16(b, this.pos, type);
    put16(b, this.pos + 2, klass);
    put32(b, this.pos + 4, ttl);
    const rdlengthAt = this.pos + 8;
    this.pos += 10;
    const start = this.pos;
    const fields = rdataNameFields(type, rdata);
    let r = 0;
    for (const f of fields) {
      if (!f.compress) continue; // RFC 3597 4: copied verbatim with the octets around it
      if (!this.copy(rdata, r, f.offset)) return false;
      if (!this.writeName(rdata, f.offset, f.length)) return false;
      r = f.offset + f.length;
    }
    if (!this.copy(rdata, r, rdata.length)) return false;
    const rdlength = this.pos - start;
    if (rdlength > 0xffff) throw new WireError('RDATA_TOO_LONG', 'rdata longer than 65535 octets');
    put16(b, rdlengthAt, rdlength);
    return true;
  }

  private copy(src: Uint8Array, from: number, to: number): boolean {
    const n = to - from;
    if (this.pos + n > this.end) return false;
    copyBytes(this.buf, this.pos, src, from, to);
    this.pos += n;
    return true;
  }

  /** Writes a name at the current position, compressed (RFC 1035 4.1.4). */
  private writeName(wire: Uint8Array, off: number, len: number): boolean {
    const p = this.names.write(this.buf, this.pos, this.end, wire, off, len);
    if (p < 0) return false;
    this.pos = p;
    return true;
  }
}

function clampLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < HEADER_SIZE) throw new WireError('BAD_LIMIT', `message size limit ${limit} is below 12`);
  return Math.min(limit, MAX_MESSAGE);
}

/**
 * Encodes a whole message for tools and tests (the server uses MessageWriter directly). Throws WireError
 * MESSAGE_TOO_LARGE when it does not fit `limit`. A TSIG that is the last additional record is written
 * after the OPT, as RFC 8945 5.1 requires.
 */
export function encodeMessage(msg: MessageInput, limit = MAX_MESSAGE): Uint8Array {
  const w = new MessageWriter(limit);
  const tooLarge = (): WireError => new WireError('MESSAGE_TOO_LARGE', `message does not fit in ${limit} octets`);
  w.setHeader(msg.header);
  if (msg.edns && !w.setEdns(msg.edns)) throw tooLarge();
  for (const q of msg.questions) if (!w.addQuestion(q.qname, q.qtype, q.qclass)) throw tooLarge();
  if (!w.addRecords(msg.answers, SECTION.ANSWER)) throw tooLarge();
  if (!w.addRecords(msg.authorities, SECTION.AUTHORITY)) throw tooLarge();
  const add = msg.additionals;
  const tsig = add.length > 0 && add[add.length - 1].type === TYPE_TSIG ? add[add.length - 1] : null;
  if (!w.addRecords(tsig ? add.slice(0, -1) : add, SECTION.ADDITIONAL)) throw tooLarge();
  const out = w.finish();
  if (!tsig) return out;
  const signed = w.appendFinal(tsig);
  if (!signed) throw tooLarge();
  return signed;
}

/**
 * Writes one record at `p` with no name compression (an appended TSIG, or a message built outside the writer);
 * the caller has checked the room. Returns the offset just past it.
 */
export function writeUncompressedRecord(out: Uint8Array, p: number, rr: ResourceRecord): number {
  out.set(rr.owner.wire, p);
  p += rr.owner.wire.length;
  put16(out, p, rr.type);
  put16(out, p + 2, rr.class);
  put32(out, p + 4, rr.ttl);
  put16(out, p + 8, rr.rdata.length);
  out.set(rr.rdata, p + 10);
  return p + 10 + rr.rdata.length;
}
