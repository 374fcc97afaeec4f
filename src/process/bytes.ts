// Big-endian field access on request and response buffers (the pipeline's only byte helpers).

/**
 * A copy of octets start..end. Not `buf.slice()`: for a Node Buffer (what sockets deliver) that is a
 * view sharing memory with the request, not a copy.
 */
export function copyOf(buf: Uint8Array, start: number, end: number): Uint8Array {
  return Uint8Array.prototype.slice.call(buf, start, end);
}

// Big-endian reads and writes are wire's (the caller has checked the bounds).
export { u16, put16, put32 } from '../wire/index.js';

const LOWER = new Uint8Array(256);
for (let i = 0; i < 256; i++) LOWER[i] = i >= 0x41 && i <= 0x5a ? i + 32 : i;
const latin1Slice = Buffer.prototype.latin1Slice as (this: Uint8Array, start: number, end: number) => string;
const scratch = new Uint8Array(256);

/**
 * The octets start..end lower-cased (only A-Z, RFC 4343) as a latin1 string: the same string as
 * wire's lowerKeyOf, built with one native slice (a flat string that hashes fast) instead of per-char
 * concatenation. At most 255 octets (a name).
 */
export function lowerKey(buf: Uint8Array, start: number, end: number): string {
  let upper = false;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b >= 0x41 && b <= 0x5a) {
      upper = true;
      break;
    }
  }
  if (!upper) return latin1Slice.call(buf, start, end);
  for (let i = start; i < end; i++) scratch[i - start] = LOWER[buf[i]];
  return latin1Slice.call(scratch, 0, end - start);
}
