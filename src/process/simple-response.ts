// Responses without records: errors, refusals and the OPT-only answer, written the way NSD's query_error does.
import { type EdnsInit, HEADER_SIZE, optRecordSize, type ResourceRecord, writeOpt, writeUncompressedRecord } from '../wire/index.js';
import { put16 } from './bytes.js';

export const QR = 0x8000;
export const AA = 0x0400;
export const TC = 0x0200;
export const RD = 0x0100;
export const AD = 0x0020;
const OPCODE_MASK = 0x7800;

/** What a simple response carries besides its header. */
export interface SimpleParts {
  /** Echo request bytes [12, questionEnd) as the question (QDCOUNT 1); 0 for no question. */
  readonly questionEnd: number;
  readonly opt: EdnsInit | null;
  /** A last additional record written after the OPT (the unsigned TSIG of an error, RFC 8945 5.1). */
  readonly final?: ResourceRecord | null;
}

/**
 * A header (id from the request, `flags` as given, rcode in its low 4 bits), optionally the request's
 * question copied byte for byte, then the OPT and a final record.
 */
export function simpleResponse(request: Uint8Array, flags: number, parts: SimpleParts): Uint8Array {
  const qlen = parts.questionEnd > HEADER_SIZE ? parts.questionEnd - HEADER_SIZE : 0;
  const optSize = parts.opt ? optRecordSize(parts.opt.options) : 0;
  const fin = parts.final ?? null;
  const finSize = fin ? fin.owner.wire.length + 10 + fin.rdata.length : 0;
  const out = new Uint8Array(HEADER_SIZE + qlen + optSize + finSize);
  out[0] = request[0];
  out[1] = request[1];
  put16(out, 2, flags);
  put16(out, 4, qlen > 0 ? 1 : 0);
  put16(out, 10, (parts.opt ? 1 : 0) + (fin ? 1 : 0));
  let p = HEADER_SIZE;
  if (qlen > 0) {
    out.set(request.subarray(HEADER_SIZE, parts.questionEnd), p);
    p += qlen;
  }
  if (parts.opt) p = writeOpt(out, p, parts.opt);
  if (fin) writeUncompressedRecord(out, p, fin);
  return out;
}

/** NSD query_error: the request's flags kept, QR set, AD cleared, the rcode in place. */
export function errorFlags(requestFlags: number, rcode: number): number {
  return ((requestFlags | QR) & ~AD & ~0xf) | (rcode & 0xf);
}

/** NSD query_formerr: only RD and the opcode survive. */
export function formerrFlags(requestFlags: number): number {
  return QR | (requestFlags & (RD | OPCODE_MASK)) | 1;
}

/** NSD query_prepare_response: an answer keeps only RD from the request (CD is cleared for authoritative answers). */
export function answerFlags(requestFlags: number, rcode: number): number {
  return QR | (requestFlags & RD) | (rcode & 0xf);
}
