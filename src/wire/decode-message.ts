// Reading received messages: a fast question reader for the hot path and a strict full decoder (RFC 1035 4.1).
import { type Edns, type EdnsProblem, parseOpt, TYPE_OPT } from './edns.js';
import { WireError } from './errors.js';
import { HEADER_SIZE, readHeader, u16, u32 } from './header.js';
import { type Message, type Question, TYPE_TSIG } from './message.js';
import { readName } from './name-reader.js';
import { MAX_LABEL, MAX_NAME, Name } from './name.js';
import { readRdata } from './rdata.js';
import type { ResourceRecord } from './record.js';

export interface QuestionAt extends Question {
  /** Offset just past the question (where the answer section starts when QDCOUNT is 1). */
  readonly end: number;
}

/**
 * Reads the first question straight from a received message, for the per-query path. Only the header
 * length and QDCOUNT >= 1 are checked here; the caller decides about QDCOUNT != 1 (NSD: FORMERR).
 * Throws WireError (TRUNCATED_HEADER, NO_QUESTION, the name codes, TRUNCATED_QUESTION).
 */
export function readQuestion(msg: Uint8Array): QuestionAt {
  if (msg.length < HEADER_SIZE) throw new WireError('TRUNCATED_HEADER', 'message shorter than the 12-octet header');
  if (u16(msg, 4) === 0) throw new WireError('NO_QUESTION', 'QDCOUNT is 0');
  return readQuestionAt(msg, HEADER_SIZE);
}

function readQuestionAt(msg: Uint8Array, offset: number): QuestionAt {
  const { name, end } = readNameFast(msg, offset);
  if (end + 4 > msg.length) throw new WireError('TRUNCATED_QUESTION', 'question type and class run past the end');
  return { qname: name, qtype: u16(msg, end), qclass: u16(msg, end + 2), end: end + 4 };
}

/**
 * A query's name is almost never compressed (nothing precedes it to point at), so scan its labels in
 * place and copy them once; anything unusual (a pointer, a bad label, a truncation) goes to readName,
 * which handles it or throws the precise error.
 */
function readNameFast(msg: Uint8Array, p: number): { name: Name; end: number } {
  let q = p;
  let labels = 0;
  for (;;) {
    if (q >= msg.length) return readName(msg, p);
    const b = msg[q];
    if (b === 0) break;
    if (b > MAX_LABEL) return readName(msg, p);
    q += b + 1;
    labels++;
    if (q - p >= MAX_NAME) return readName(msg, p);
  }
  return { name: new Name(msg.slice(p, q + 1), labels), end: q + 1 };
}

/** What the section reader learns besides the records. */
interface DecodeState {
  edns: Edns | null;
  ednsProblem: EdnsProblem | null;
  optSeen: boolean;
  lastStart: number;
  lastType: number;
}

/**
 * Decodes a whole message, strictly: every count must be matched by complete records, every rdata must
 * fill its RDLENGTH exactly (readRdata checks this per type), and any malformation is a WireError with a
 * stable code (TRUNCATED_HEADER, COUNT_MISMATCH, TRUNCATED_QUESTION, TRUNCATED_RECORD, RDATA_PAST_END,
 * the name codes of readName, the rdata codes of readRdata). EDNS faults are values (`ednsProblem`),
 * octets after the last record are counted in `trailingBytes`. Every step consumes input, so no loops.
 */
export function decodeMessage(buf: Uint8Array): Message {
  const header = readHeader(buf);
  let p = HEADER_SIZE;
  const questions: Question[] = [];
  for (let i = 0; i < header.qdcount; i++) {
    if (p >= buf.length) throw countMismatch('question', header.qdcount, i);
    const q = readQuestionAt(buf, p);
    questions.push({ qname: q.qname, qtype: q.qtype, qclass: q.qclass });
    p = q.end;
  }
  const st: DecodeState = { edns: null, ednsProblem: null, optSeen: false, lastStart: -1, lastType: -1 };
  const answers: ResourceRecord[] = [];
  const authorities: ResourceRecord[] = [];
  const additionals: ResourceRecord[] = [];
  p = readSection(buf, p, header.ancount, 'answer', answers, st);
  p = readSection(buf, p, header.nscount, 'authority', authorities, st);
  st.lastType = -1;
  p = readSection(buf, p, header.arcount, 'additional', additionals, st);
  return {
    header,
    questions,
    answers,
    authorities,
    additionals,
    edns: st.edns,
    ednsProblem: st.ednsProblem,
    tsigOffset: st.lastType === TYPE_TSIG ? st.lastStart : -1,
    trailingBytes: buf.length - p,
  };
}

function countMismatch(section: string, count: number, found: number): WireError {
  return new WireError('COUNT_MISMATCH', `${section} count is ${count} but the message ends after ${found}`);
}

type SectionName = 'answer' | 'authority' | 'additional';

function readSection(
  buf: Uint8Array,
  p: number,
  count: number,
  section: SectionName,
  out: ResourceRecord[],
  st: DecodeState,
): number {
  for (let i = 0; i < count; i++) {
    if (p >= buf.length) throw countMismatch(section, count, i);
    const start = p;
    const { rr, end } = readRecord(buf, p);
    p = end;
    st.lastStart = start;
    st.lastType = rr.type;
    if (rr.type === TYPE_OPT && acceptOpt(rr, section, st)) continue;
    out.push(rr);
  }
  return p;
}

/**
 * Decides whether an OPT record becomes the message's EDNS. Only one OPT, in the additional section,
 * owned by the root, with a well-formed option list is accepted (RFC 6891 6.1.1); anything else is
 * recorded as the first ednsProblem and the record stays where it was.
 */
function acceptOpt(rr: ResourceRecord, section: SectionName, st: DecodeState): boolean {
  let problem: EdnsProblem | null = null;
  let edns: Edns | null = null;
  if (section !== 'additional') problem = 'OPT_OUTSIDE_ADDITIONAL';
  else if (st.optSeen) problem = 'MULTIPLE_OPT';
  else if (!rr.owner.isRoot()) problem = 'OPT_NOT_ROOT';
  else {
    edns = parseOpt(rr.class, rr.ttl, rr.rdata);
    if (edns === null) problem = 'BAD_OPT_OPTIONS';
  }
  if (section === 'additional') st.optSeen = true;
  if (problem !== null) {
    st.ednsProblem ??= problem;
    return false;
  }
  st.edns = edns;
  return true;
}

function readRecord(buf: Uint8Array, p: number): { rr: ResourceRecord; end: number } {
  const { name, end } = readName(buf, p);
  if (end + 10 > buf.length) throw new WireError('TRUNCATED_RECORD', 'record header runs past the end of the message');
  const type = u16(buf, end);
  const klass = u16(buf, end + 2);
  const ttl = u32(buf, end + 4);
  const rdlength = u16(buf, end + 8);
  const rdStart = end + 10;
  if (rdStart + rdlength > buf.length) throw new WireError('RDATA_PAST_END', 'RDLENGTH runs past the end of the message');
  // OPT rdata is read here as raw options, so a malformed list becomes an ednsProblem, not an exception.
  const rdata = type === TYPE_OPT ? buf.slice(rdStart, rdStart + rdlength) : readRdata(type, buf, rdStart, rdlength);
  return { rr: { owner: name, type, class: klass, ttl, rdata }, end: rdStart + rdlength };
}
