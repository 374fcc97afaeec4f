// cluster: which UDP requests a worker hands to the primary (NOTIFY, AXFR/IXFR, TSIG-signed): header reads only.
import { skipName } from '../process/index.js';

const HEADER = 12;
const OPCODE_NOTIFY = 4;
const TYPE_TSIG = 250;
const TYPE_IXFR = 251;
const TYPE_AXFR = 252;

/**
 * True for a request whose answer needs state only the primary holds: a NOTIFY (it starts a refresh of a
 * secondary zone), AXFR/IXFR (the journals) and any message with a TSIG record (the keyring, which the
 * TSIG verbs change at run time). Everything else (opcode QUERY and the rest, malformed messages) is
 * answered by the worker, which answers exactly as the primary would. A plain query with an OPT costs a
 * walk over one question and one record.
 */
export function needsPrimary(m: Uint8Array): boolean {
  if (m.length < HEADER) return false;
  if (((m[2] >> 3) & 0xf) === OPCODE_NOTIFY) return true;
  const qd = (m[4] << 8) | m[5];
  const records = ((m[6] << 8) | m[7]) + ((m[8] << 8) | m[9]) + ((m[10] << 8) | m[11]);
  let p = HEADER;
  for (let i = 0; i < qd; i++) {
    p = skipName(m, p);
    if (p < 0 || p + 4 > m.length) return false;
    const qtype = (m[p] << 8) | m[p + 1];
    if (i === 0 && (qtype === TYPE_AXFR || qtype === TYPE_IXFR)) return true;
    p += 4;
  }
  if (((m[10] << 8) | m[11]) === 0) return false; // TSIG is the last additional record (RFC 8945 5.1)
  for (let i = 0; i < records; i++) {
    p = skipName(m, p);
    if (p < 0 || p + 10 > m.length) return false;
    if (i === records - 1) return ((m[p] << 8) | m[p + 1]) === TYPE_TSIG;
    p += 10 + ((m[p + 8] << 8) | m[p + 9]);
  }
  return false;
}
