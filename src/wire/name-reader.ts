// Reading a possibly compressed name out of a message, bounds-checked, refusing pointer loops (RFC 1035 4.1.4).
import { WireError } from './errors.js';
import { MAX_LABEL, MAX_NAME, Name } from './name.js';

export interface ReadName {
  readonly name: Name;
  /** Offset just past the name as it sits at `offset` (past the first pointer, if any). */
  readonly end: number;
}

/**
 * Reads the name at `offset` in `msg`. A compression pointer must point strictly backwards, to an
 * offset before the start of the label sequence that holds it; that rule alone forbids loops and
 * forward or self pointers. Throws WireError on any malformation, never reads past `msg.length`.
 */
export function readName(msg: Uint8Array, offset: number): ReadName {
  const out = new Uint8Array(MAX_NAME);
  let len = 0;
  let labels = 0;
  let p = offset;
  let end = -1;
  let limit = offset; // a pointer must land before the start of the current label run
  for (;;) {
    if (p >= msg.length) throw new WireError('TRUNCATED_NAME', 'name runs past the end of the message');
    const b = msg[p];
    if (b === 0) {
      out[len++] = 0;
      if (end < 0) end = p + 1;
      return { name: new Name(out.slice(0, len), labels), end };
    }
    const kind = b & 0xc0;
    if (kind === 0xc0) {
      if (p + 1 >= msg.length) throw new WireError('TRUNCATED_NAME', 'compression pointer runs past the end');
      const target = ((b & 0x3f) << 8) | msg[p + 1];
      if (end < 0) end = p + 2;
      if (target >= limit) throw new WireError('BAD_POINTER', 'compression pointer does not point backwards');
      limit = target;
      p = target;
      continue;
    }
    if (kind !== 0) throw new WireError('BAD_LABEL_TYPE', `unsupported label type 0x${kind.toString(16)}`);
    if (b > MAX_LABEL) throw new WireError('LABEL_TOO_LONG', 'label longer than 63 octets');
    if (p + 1 + b > msg.length) throw new WireError('TRUNCATED_NAME', 'label runs past the end of the message');
    if (len + b + 2 > MAX_NAME) throw new WireError('NAME_TOO_LONG', 'name longer than 255 octets');
    out[len++] = b;
    out.set(msg.subarray(p + 1, p + 1 + b), len);
    len += b;
    labels++;
    p += b + 1;
  }
}
