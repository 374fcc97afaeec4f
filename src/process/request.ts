// Reading a request straight from its bytes in NSD's order (query.c query_process): header, question, sections.
import { HEADER_SIZE, OPCODE, TYPE_OPT } from '../wire/index.js';
import { lowerKey, u16 } from './bytes.js';
import { readTsigAt, type TsigEcho } from './tsig-echo.js';

const QTYPE_IXFR = 251;
const CLASS_ANY = 255;
/** NSD's bound on extraneous authority records in an IXFR request (query.c: "we expect 1, a SOA"). */
const MAX_IXFR_AUTHORITY = 64;

/** What the first stage decided; the processor routes on it. */
export const Verdict = {
  /** No answer at all (NSD: QUERY_DISCARDED). */
  DROP: 0,
  /** Opcode not implemented: the header echoed with NOTIMP, no question. */
  NOTIMP: 1,
  /** FORMERR keeping RD and the opcode (NSD query_formerr). */
  FORMERR: 2,
  /** FORMERR with every flag cleared (QDCOUNT != 1, NSD clears the flags first). */
  FORMERR_CLEAR: 3,
  /** A well-formed QUERY with one question, EDNS(0) or none. */
  QUERY: 4,
  /** A NOTIFY (RFC 1996); its question is read, the rest is the notify stage's job. */
  NOTIFY: 5,
  /** QDCOUNT 0 with only an OPT record: NSD answers NOERROR with its OPT (RFC 7873 5.4 style). */
  EMPTY_WITH_OPT: 6,
  /** An OPT with a version we do not speak: BADVERS (RFC 6891 6.1.3). */
  BADVERS: 7,
  /** A TSIG record for a key we do not have: NOTAUTH with a BADKEY TSIG (RFC 8945 5.2.1). */
  TSIG_BADKEY: 8,
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export const EDNS_NONE = 0;
export const EDNS_OK = 1;
export const EDNS_BADVERS = 2;

/**
 * The facts of one request, filled in place by parseRequest so the hot path allocates only the key
 * string. Offsets point into the request buffer.
 */
export class ParsedRequest {
  id = 0;
  flags = 0;
  opcode = 0;
  /** Offset just past the question name (its root label included). */
  qnameEnd = 0;
  /** Offset just past QTYPE and QCLASS: bytes [12, questionEnd) are the question to echo. */
  questionEnd = 0;
  labels = 0;
  qtype = 0;
  qclass = 0;
  /** The question name lower-cased, as a latin1 string (the same form as Name.key). */
  key = '';
  edns = EDNS_NONE;
  /** The requestor's UDP payload size (the OPT CLASS field). */
  udpSize = 0;
  dnssecOk = false;
  /** The NSID option was sent and we have an NSID to give (RFC 5001 2.1). */
  nsidAsked = false;
  tsig: TsigEcho | null = null;
}

/**
 * Reads and checks a request as NSD 4.6.1 does, leaving the facts in `out`. Only the question name and
 * key are read for the answer itself; the records after the question are only checked and skipped.
 */
export function parseRequest(buf: Uint8Array, nsidEnabled: boolean, out: ParsedRequest): Verdict {
  if (buf.length < HEADER_SIZE) return Verdict.DROP;
  out.id = u16(buf, 0);
  out.flags = u16(buf, 2);
  out.opcode = (buf[2] >> 3) & 0xf;
  out.edns = EDNS_NONE;
  out.nsidAsked = false;
  out.dnssecOk = false;
  out.tsig = null;
  if ((out.flags & 0x8000) !== 0) return Verdict.DROP; // a response: never answer it
  if (out.opcode !== OPCODE.QUERY && out.opcode !== OPCODE.NOTIFY) return Verdict.NOTIMP;
  if ((out.flags & 0xf) !== 0 || !readQuestionSection(buf, out)) return Verdict.FORMERR;
  if (out.opcode === OPCODE.NOTIFY) return Verdict.NOTIFY;
  const qdcount = u16(buf, 4);
  if (qdcount !== 1) return qdcount === 0 && emptyWithOpt(buf, nsidEnabled, out) ? Verdict.EMPTY_WITH_OPT : Verdict.FORMERR_CLEAR;
  return readSections(buf, nsidEnabled, out);
}

/**
 * The question at offset 12 (NSD packet_read_query_section): no compression pointers, labels of at
 * most 63 octets, the name at most 255 octets, QTYPE and QCLASS present. False when malformed.
 */
function readQuestionSection(buf: Uint8Array, out: ParsedRequest): boolean {
  const end = buf.length;
  let p = HEADER_SIZE;
  let labels = 0;
  for (;;) {
    if (p >= end) return false;
    const len = buf[p];
    if (len === 0) break;
    if ((len & 0xc0) !== 0 || p + len + 2 > end || p + len + 2 - HEADER_SIZE > 255) return false;
    p += len + 1;
    labels++;
  }
  p++;
  if (p + 4 > end) return false;
  out.qnameEnd = p;
  out.questionEnd = p + 4;
  out.labels = labels;
  out.qtype = u16(buf, p);
  out.qclass = u16(buf, p + 2);
  out.key = lowerKey(buf, HEADER_SIZE, p);
  return true;
}

/** QDCOUNT 0, nothing but one OPT of version 0 (NSD query.c): answered NOERROR with our OPT. */
function emptyWithOpt(buf: Uint8Array, nsidEnabled: boolean, out: ParsedRequest): boolean {
  if (u16(buf, 6) !== 0 || u16(buf, 8) !== 0 || u16(buf, 10) !== 1 || buf.length < HEADER_SIZE + 11) return false;
  const r = readOpt(buf, HEADER_SIZE, nsidEnabled, out);
  return r >= 0 && out.edns === EDNS_OK;
}

/** Answer and authority must be empty (IXFR may carry its SOA), additional holds at most OPT then TSIG. */
function readSections(buf: Uint8Array, nsidEnabled: boolean, out: ParsedRequest): Verdict {
  const ancount = u16(buf, 6);
  const nscount = u16(buf, 8);
  let arcount = u16(buf, 10);
  if (ancount !== 0 || (out.qtype !== QTYPE_IXFR && nscount !== 0)) return Verdict.FORMERR;
  let p = out.questionEnd;
  if (nscount > MAX_IXFR_AUTHORITY) return Verdict.FORMERR;
  for (let i = 0; i < nscount; i++) {
    p = skipRecord(buf, p);
    if (p < 0) return Verdict.FORMERR;
  }
  if (arcount > 0) {
    const after = readOpt(buf, p, nsidEnabled, out);
    if (after >= 0) {
      p = after;
      arcount--;
    }
  }
  if (arcount > 0) {
    const t = readTsigAt(buf, p);
    if (t === null) return Verdict.FORMERR;
    if (t !== 'absent') {
      out.tsig = t;
      arcount--;
    }
  }
  // Anything left in the additional section is FORMERR; octets after the last record are ignored (NSD).
  if (arcount > 0) return Verdict.FORMERR;
  if (out.tsig !== null) return Verdict.TSIG_BADKEY;
  if (out.edns === EDNS_BADVERS) return Verdict.BADVERS;
  return Verdict.QUERY;
}

/** Skips one record whose owner may be compressed (NSD packet_skip_rr); -1 when it runs past the end. */
export function skipRecord(buf: Uint8Array, p: number): number {
  p = skipName(buf, p);
  if (p < 0 || p + 10 > buf.length) return -1;
  const rdlength = u16(buf, p + 8);
  p += 10;
  return p + rdlength > buf.length ? -1 : p + rdlength;
}

/**
 * The OPT record at `p` (NSD edns_parse_record). Returns the offset after it when it is taken as the
 * request's EDNS (out.edns set), or -1 when the record there is not an acceptable OPT: not an OPT, a
 * non-root owner, rdata past the end, or a malformed option list (RFC 6891 6.1.2). A version other
 * than 0 is taken as BADVERS without reading the options (RFC 6891 6.1.3); like NSD we continue after
 * the fixed part.
 */
function readOpt(buf: Uint8Array, p: number, nsidEnabled: boolean, out: ParsedRequest): number {
  if (p + 11 > buf.length) return -1;
  if (buf[p] !== 0 || u16(buf, p + 1) !== TYPE_OPT) return -1;
  const udpSize = u16(buf, p + 3);
  const version = buf[p + 6];
  const flags = u16(buf, p + 7);
  let rdlen = u16(buf, p + 9);
  p += 11;
  if (version !== 0) {
    out.edns = EDNS_BADVERS;
    out.udpSize = udpSize;
    return p;
  }
  if (p + rdlen > buf.length || rdlen > 65530) return -1;
  let nsid = false;
  while (rdlen >= 4) {
    const code = u16(buf, p);
    const len = u16(buf, p + 2);
    rdlen -= 4;
    if (rdlen < len) return -1;
    if (code === 3 && nsidEnabled) nsid = true; // NSID, RFC 5001 2.1: any payload in the request is ignored
    rdlen -= len;
    p += 4 + len;
  }
  if (rdlen !== 0) return -1;
  out.edns = EDNS_OK;
  out.udpSize = udpSize;
  out.dnssecOk = (flags & 0x8000) !== 0;
  out.nsidAsked = nsid;
  return p;
}

/** For NOTIFY: the TSIG that must be the last record (NSD tsig_find_rr); null when malformed. */
export function findLastTsig(buf: Uint8Array): TsigEcho | 'absent' | null {
  const qdcount = u16(buf, 4);
  const others = u16(buf, 6) + u16(buf, 8) + u16(buf, 10);
  if (u16(buf, 10) === 0) return 'absent';
  let p = HEADER_SIZE;
  for (let i = 0; i < qdcount + others - 1; i++) {
    p = i < qdcount ? skipQuestion(buf, p) : skipRecord(buf, p);
    if (p < 0) return null;
  }
  return readTsigAt(buf, p);
}

/** Skips a name that may end in a compression pointer; -1 when it runs past the end. */
export function skipName(buf: Uint8Array, p: number): number {
  for (;;) {
    if (p >= buf.length) return -1;
    const len = buf[p++];
    if (len === 0) return p;
    if ((len & 0xc0) !== 0) return p >= buf.length ? -1 : p + 1;
    if (p + len > buf.length) return -1;
    p += len;
  }
}

function skipQuestion(buf: Uint8Array, p: number): number {
  p = skipName(buf, p);
  return p < 0 || p + 4 > buf.length ? -1 : p + 4;
}

export { CLASS_ANY, QTYPE_IXFR };
