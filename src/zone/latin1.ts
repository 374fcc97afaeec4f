// Octets <-> latin1 strings: a flat one-byte string is the most compact way V8 keeps a few octets.

/** A flat string with one char per octet (char code = octet). */
export function bytesToLatin1(a: Uint8Array): string {
  if (a.length <= 4096) return String.fromCharCode.apply(null, a as unknown as number[]);
  let s = '';
  for (let i = 0; i < a.length; i += 4096) s += String.fromCharCode.apply(null, a.subarray(i, i + 4096) as unknown as number[]);
  return s;
}

export function latin1ToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
