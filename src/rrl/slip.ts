// The slip answer (NSD rrl_slip): the response cut to its header and question, TC set, so the client retries over TCP.

const HEADER = 12;
const TC = 0x02;

/** Offset just past the question of a message with QDCOUNT 1 (its name uncompressed, as we write it); -1 if malformed. */
function questionEnd(msg: Uint8Array): number {
  let p = HEADER;
  while (p < msg.length) {
    const len = msg[p];
    if (len === 0) return p + 5 <= msg.length ? p + 5 : -1;
    if (len > 63) return -1;
    p += len + 1;
  }
  return -1;
}

/**
 * The truncated form of an encoded response: ID, flags and rcode kept, TC set, the question kept
 * when there is one, no records and no OPT (NSD sets the three record counts to 0 and cuts the
 * packet after the question). A new buffer; the response itself is not changed.
 */
export function slipResponse(response: Uint8Array): Uint8Array {
  if (response.length < HEADER) return response.slice();
  const qd = (response[4] << 8) | response[5];
  const end = qd === 1 ? questionEnd(response) : -1;
  const out = response.slice(0, end > 0 ? end : HEADER);
  out[2] |= TC;
  if (end < 0) {
    out[4] = 0;
    out[5] = 0;
  }
  out.fill(0, 6, 12);
  return out;
}
