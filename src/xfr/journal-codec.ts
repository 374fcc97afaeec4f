// The journal file: kept differences as bytes (a versioned format of our own with a SHA-256 checksum), read back strictly.
import { createHash } from 'node:crypto';
import { type Name, nameFromWire, nameToText, type ResourceRecord, validateRdata, WireError } from '../wire/index.js';
import type { Diff } from './diff.js';
import { XfrError } from './errors.js';
import { Journal, type JournalLimits } from './journal.js';
import { soaSerial, TYPE_SOA } from './soa.js';

/**
 * Layout (all integers big-endian):
 *   magic "TSDNSJNL" | version u16 = 1 | reserved u16 = 0 | origin (u8 length, wire name) | count u32 |
 *   count x diff | SHA-256 of everything before it (32 octets)
 *   diff   = oldSerial u32 | newSerial u32 | oldSoa rr | newSoa rr | removed u32 | rr... | added u32 | rr...
 *   rr     = owner (u8 length, wire name) | type u16 | class u16 | ttl u32 | rdlength u16 | rdata
 */
const MAGIC = 'TSDNSJNL';
export const JOURNAL_VERSION = 1;
const DIGEST = 32;

class ByteWriter {
  private buf = new Uint8Array(4096);
  private pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v & 0xff;
  }

  u16(v: number): void {
    this.room(2);
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }

  u32(v: number): void {
    this.u16(v >>> 16);
    this.u16(v & 0xffff);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

function writeRecord(w: ByteWriter, rr: ResourceRecord): void {
  w.u8(rr.owner.wire.length);
  w.bytes(rr.owner.wire);
  w.u16(rr.type);
  w.u16(rr.class);
  w.u32(rr.ttl);
  w.u16(rr.rdata.length);
  w.bytes(rr.rdata);
}

function sha256(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(b).digest());
}

/** The journal as bytes, for the store next to the zone file. */
export function encodeJournal(j: Journal): Uint8Array {
  const w = new ByteWriter();
  for (let i = 0; i < MAGIC.length; i++) w.u8(MAGIC.charCodeAt(i));
  w.u16(JOURNAL_VERSION);
  w.u16(0);
  w.u8(j.origin.wire.length);
  w.bytes(j.origin.wire);
  const diffs = j.diffs;
  w.u32(diffs.length);
  for (const d of diffs) {
    w.u32(d.oldSerial);
    w.u32(d.newSerial);
    writeRecord(w, d.oldSoa);
    writeRecord(w, d.newSoa);
    w.u32(d.removed.length);
    for (const rr of d.removed) writeRecord(w, rr);
    w.u32(d.added.length);
    for (const rr of d.added) writeRecord(w, rr);
  }
  const body = w.done();
  const out = new Uint8Array(body.length + DIGEST);
  out.set(body);
  out.set(sha256(body), body.length);
  return out;
}

const corrupt = (msg: string): XfrError => new XfrError('JOURNAL_CORRUPT', `damaged journal: ${msg}`);

class ByteReader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.b.length) throw corrupt(`ends inside a field at octet ${this.pos}`);
  }

  u8(): number {
    this.need(1);
    return this.b[this.pos++];
  }

  u16(): number {
    this.need(2);
    const v = (this.b[this.pos] << 8) | this.b[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.b.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  get left(): number {
    return this.b.length - this.pos;
  }

  name(): Name {
    const w = this.bytes(this.u8());
    try {
      return nameFromWire(w);
    } catch (e) {
      if (e instanceof WireError) throw corrupt(`bad name at octet ${this.pos - w.length}: ${e.message}`);
      throw e;
    }
  }
}

function readRecord(r: ByteReader): ResourceRecord {
  const owner = r.name();
  const type = r.u16();
  const klass = r.u16();
  const ttl = r.u32();
  const rdata = r.bytes(r.u16());
  try {
    validateRdata(type, rdata);
  } catch (e) {
    if (e instanceof WireError) throw corrupt(`bad rdata of type ${type} at ${nameToText(owner)}: ${e.message}`);
    throw e;
  }
  return { owner, type, class: klass, ttl, rdata };
}

function readSoa(r: ByteReader, origin: Name, serial: number): ResourceRecord {
  const rr = readRecord(r);
  if (rr.type !== TYPE_SOA || !rr.owner.equals(origin) || soaSerial(rr.rdata) !== serial) throw corrupt('a difference has a wrong SOA');
  return rr;
}

function readList(r: ByteReader): ResourceRecord[] {
  const n = r.u32();
  // Each record takes at least 11 octets: a count larger than what is left is damage, not a reason to allocate.
  if (n * 11 > r.left) throw corrupt(`record count ${n} exceeds the data`);
  const out: ResourceRecord[] = [];
  for (let i = 0; i < n; i++) out.push(readRecord(r));
  return out;
}

function readDiff(r: ByteReader, origin: Name): Diff {
  const oldSerial = r.u32();
  const newSerial = r.u32();
  const oldSoa = readSoa(r, origin, oldSerial);
  const newSoa = readSoa(r, origin, newSerial);
  const removed = readList(r);
  const added = readList(r);
  return { oldSerial, newSerial, oldSoa, newSoa, removed, added };
}

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < MAGIC.length + 4 + DIGEST) throw new XfrError('JOURNAL_TRUNCATED', `journal of ${bytes.length} octets is too short`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw new XfrError('JOURNAL_BAD_MAGIC', 'not a tsdns journal file');
  }
  const version = (bytes[8] << 8) | bytes[9];
  if (version !== JOURNAL_VERSION) throw new XfrError('JOURNAL_BAD_VERSION', `journal version ${version} is not ${JOURNAL_VERSION}`);
  const body = bytes.subarray(0, bytes.length - DIGEST);
  const sum = sha256(body);
  const stored = bytes.subarray(bytes.length - DIGEST);
  for (let i = 0; i < DIGEST; i++) {
    if (sum[i] !== stored[i]) throw new XfrError('JOURNAL_CHECKSUM', 'journal checksum mismatch: the file is damaged');
  }
}

/**
 * Reads a journal back, strictly: the magic, version and checksum must be right, every record must be
 * well-formed, the zone must be `origin`, each difference must continue the one before, and the data
 * must end exactly at the checksum. Anything else throws XfrError (JOURNAL_TRUNCATED, JOURNAL_BAD_MAGIC,
 * JOURNAL_BAD_VERSION, JOURNAL_CHECKSUM, JOURNAL_WRONG_ZONE, JOURNAL_CORRUPT): the caller drops the file
 * and logs why; a journal is never half used. The limits are applied as the differences are re-added.
 */
export function decodeJournal(bytes: Uint8Array, origin: Name, limits?: JournalLimits): Journal {
  checkHeader(bytes);
  const r = new ByteReader(bytes.subarray(0, bytes.length - DIGEST));
  r.bytes(12);
  const zone = r.name();
  if (!zone.equals(origin)) throw new XfrError('JOURNAL_WRONG_ZONE', `journal is for ${nameToText(zone)}, not ${nameToText(origin)}`);
  const count = r.u32();
  const diffs: Diff[] = [];
  for (let i = 0; i < count; i++) {
    const d = readDiff(r, origin);
    if (i > 0 && d.oldSerial !== diffs[i - 1].newSerial) throw corrupt(`difference ${i} does not continue the chain`);
    diffs.push(d);
  }
  if (r.left !== 0) throw corrupt(`${r.left} octets after the last difference`);
  return new Journal(origin, limits, diffs);
}
