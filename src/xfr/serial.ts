// Serial number arithmetic for SOA serials (RFC 1982): comparison and addition modulo 2^32.

const HALF = 0x80000000; // 2^(SERIAL_BITS - 1)

/**
 * RFC 1982 3.2: -1 when a precedes b, 1 when a follows b, 0 when equal, and undefined when the pair is
 * exactly 2^31 apart, where the comparison is not defined.
 */
export function serialCompare(a: number, b: number): -1 | 0 | 1 | undefined {
  const x = a >>> 0;
  const y = b >>> 0;
  if (x === y) return 0;
  const d = (y - x) >>> 0; // distance from a forward to b
  if (d === HALF) return undefined;
  return d < HALF ? -1 : 1;
}

/** RFC 1982 3.2: a is greater (newer) than b. False when equal or undefined. */
export function serialGt(a: number, b: number): boolean {
  return serialCompare(a, b) === 1;
}

/** RFC 1982 3.2: a is less (older) than b. False when equal or undefined. */
export function serialLt(a: number, b: number): boolean {
  return serialCompare(a, b) === -1;
}

/** RFC 1982 3.1: s + n for 0 <= n <= 2^31 - 1, modulo 2^32. Throws RangeError outside that range. */
export function serialAdd(s: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > HALF - 1) throw new RangeError(`serial addition of ${n} is outside 0..2^31-1`);
  return (s + n) >>> 0;
}
