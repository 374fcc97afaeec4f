// Encoding a chosen answer into one message with NSD's truncation rules (answer.c encode_answer, packet.c).
import { type EdnsInit, MessageWriter, type Name, SECTION } from '../wire/index.js';
import { TC } from './simple-response.js';

/** How an RRset behaves when it does not fit (NSD rr_section_type plus RFC 9471 glue). */
export const Part = {
  /** Answer section: does not fit -> TC=1 and nothing more is written (NSD ANSWER_SECTION). */
  ANSWER: 0,
  /** Authority the answer needs (SOA of a negative answer, NS of a referral): same rule, authority section. */
  AUTHORITY: 1,
  /** The zone's NS added to a positive answer: dropped silently (NSD OPTIONAL_AUTHORITY_SECTION). */
  OPTIONAL_AUTHORITY: 2,
  /** Additional data: dropped silently (NSD ADDITIONAL_*_SECTION). */
  ADDITIONAL: 3,
  /** In-domain glue of a referral: TC=1 when it does not fit (RFC 9471 3.1; NSD 4.6.1 drops it silently). */
  REQUIRED_ADDITIONAL: 4,
} as const;
export type Part = (typeof Part)[keyof typeof Part];

/** The records of one RRset. */
export interface EncodeRecords {
  readonly owner: Name;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly rdatas: readonly Uint8Array[];
  /** One TTL per rdata when they differ (NSD serves each record's own TTL). */
  readonly ttls?: readonly number[];
}

/** One RRset to write, in the order it is written. */
export interface EncodeItem extends EncodeRecords {
  readonly part: Part;
  /**
   * The RRSIGs over the RRset (DO=1, RFC 4035 3.1.1): written right after it in the same section;
   * the RRset fits only with them (NSD packet_encode_rrset rolls both back).
   */
  readonly rrsigs?: EncodeRecords;
  /**
   * NSD's finer section for the stop rule (its additional A, AAAA and other sections are separate);
   * items of one group are consecutive. Defaults to `part`.
   */
  readonly group?: number;
}

export interface EncodeInput {
  readonly qname: Name;
  readonly qtype: number;
  readonly qclass: number;
  /** The 16-bit flags word (QR, AA, RD, rcode...); TC is added here when needed. */
  readonly flags: number;
  readonly opt: EdnsInit | null;
  /** The message size limit: 512, the EDNS size, or 65535 over TCP. */
  readonly limit: number;
  /**
   * Over UDP the optional parts also stop at this size (NSD MINIMAL_RESPONSES: 1232 for IPv4, 1220 for
   * IPv6 clients); 0 for no such bound (TCP).
   */
  readonly minimalSize: number;
  /** Rotate the answer RRsets' records by this offset (round-robin); 0 for zone order. */
  readonly rotate: number;
  readonly items: readonly EncodeItem[];
}

const SECTION_OF: readonly (1 | 2 | 3)[] = [SECTION.ANSWER, SECTION.AUTHORITY, SECTION.AUTHORITY, SECTION.ADDITIONAL, SECTION.ADDITIONAL];

/**
 * Writes the message into `w` and returns it (a view of the writer's buffer). Items go in order. A
 * required item that does not fit sets TC and ends the message, keeping what was written before it
 * (NSD sets TC and encodes nothing further). An optional item that does not fit, or over UDP ends past
 * `minimalSize`, is left out without TC; the rest of its group is still tried, later groups are not
 * (NSD's `done` after a minimised section). Only the question is written with a zero ID: the caller
 * patches ID and question bytes.
 */
export function encodeAnswer(w: MessageWriter, input: EncodeInput): Uint8Array {
  w.reset(input.limit);
  w.setFlags(input.flags);
  if (input.opt && !w.setEdns(input.opt)) w.setEdns(null);
  if (!w.addQuestion(input.qname, input.qtype, input.qclass)) {
    w.setTc();
    return w.finish();
  }
  let stopAfter = -1; // a group in which an optional RRset was dropped: nothing after that group
  for (const item of input.items) {
    const group = item.group ?? item.part;
    if (stopAfter >= 0 && group !== stopAfter) break;
    if (writeItem(w, item, input)) continue;
    if (item.part === Part.ANSWER || item.part === Part.AUTHORITY || item.part === Part.REQUIRED_ADDITIONAL) {
      w.setTc();
      break;
    }
    stopAfter = group;
  }
  return w.finish();
}

function writeItem(w: MessageWriter, item: EncodeItem, input: EncodeInput): boolean {
  const section = SECTION_OF[item.part];
  const minimal = input.minimalSize > 0 && (item.part === Part.OPTIONAL_AUTHORITY || item.part === Part.ADDITIONAL);
  const mark = minimal || item.rrsigs !== undefined ? w.mark() : null;
  const rotate = item.part === Part.ANSWER && input.rotate > 0 && item.rdatas.length > 1;
  let ok = writeRecords(w, item, section, rotate ? input.rotate % item.rdatas.length : -1);
  if (ok && item.rrsigs !== undefined) ok = writeRecords(w, item.rrsigs, section, -1);
  if (mark && (!ok || (minimal && w.length > input.minimalSize))) {
    w.rollback(mark);
    return false;
  }
  return ok;
}

/** An RRset's records, all or nothing; `start` >= 0 rotates them (round-robin). */
function writeRecords(w: MessageWriter, rrs: EncodeRecords, section: 1 | 2 | 3, start: number): boolean {
  if (rrs.ttls === undefined && start < 0) return w.addRRset(rrs.owner, rrs.type, rrs.class, rrs.ttl, rrs.rdatas, section);
  return writeEach(w, rrs, section, Math.max(start, 0));
}

/** Record by record (own TTLs, or a rotated start as NSD's round-robin), all or nothing. */
function writeEach(w: MessageWriter, item: EncodeRecords, section: 1 | 2 | 3, start: number): boolean {
  const mark = w.mark();
  const n = item.rdatas.length;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const ttl = item.ttls === undefined ? item.ttl : item.ttls[i];
    const rr = { owner: item.owner, type: item.type, class: item.class, ttl, rdata: item.rdatas[i] };
    if (!w.addRecord(rr, section)) {
      w.rollback(mark);
      return false;
    }
  }
  return true;
}

export { TC };
