// Byte-level helpers for rdata codecs: a growable byte sink and strict hex, base64 and base32hex codecs.

/** A growable output buffer for building rdata. */
export class ByteSink {
  private buf = new Uint8Array(64);
  private len = 0;

  get length(): number {
    return this.len;
  }

  /** Empties the sink for reuse (its buffer is kept). */
  reset(): void {
    this.len = 0;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.len++] = v;
  }

  u16(v: number): void {
    this.room(2);
    this.buf[this.len++] = v >>> 8;
    this.buf[this.len++] = v & 0xff;
  }

  u32(v: number): void {
    this.room(4);
    this.buf[this.len++] = v >>> 24;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  bytes(b: ArrayLike<number>): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Overwrites the 16-bit value at `at` (for back-patching a length). */
  set16(at: number, v: number): void {
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export function get16(b: Uint8Array, p: number): number {
  return (b[p] << 8) | b[p + 1];
}

export function get32(b: Uint8Array, p: number): number {
  return ((b[p] << 24) >>> 0) + (b[p + 1] << 16) + (b[p + 2] << 8) + b[p + 3];
}

const HEX = '0123456789abcdef';

/** Lower-case hex of b[start..end), as NSD prints it. */
export function toHex(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX[b[i] >> 4] + HEX[b[i] & 15];
  return s;
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Decodes hex digits (either case, even count); undefined when malformed. */
export function fromHex(s: string): Uint8Array | undefined {
  if (s.length % 2 !== 0) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const h = hexVal(s.charCodeAt(2 * i));
    const l = hexVal(s.charCodeAt(2 * i + 1));
    if (h < 0 || l < 0) return undefined;
    out[i] = (h << 4) | l;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VAL = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VAL[B64.charCodeAt(i)] = i;

export function toBase64(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    s += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
  }
  if (end - i === 1) {
    const v = b[i] << 16;
    s += B64[v >> 18] + B64[(v >> 12) & 63] + '==';
  } else if (end - i === 2) {
    const v = (b[i] << 16) | (b[i + 1] << 8);
    s += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + '=';
  }
  return s;
}

/**
 * Decodes padded base64 (RFC 4648 4) strictly, as b64_pton does for NSD: whole quanta only, padding
 * only at the end, and the unused bits of the last quantum zero. Undefined when malformed.
 */
export function fromBase64(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    const n = last ? 4 - pad : 4;
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const d = k < n ? B64_VAL[s.charCodeAt(i + k) & 0xff] : 0;
      if (d < 0 || s.charCodeAt(i + k) > 0xff) return undefined;
      v = (v << 6) | d;
    }
    if (last && pad === 2 && (v & 0xffff) !== 0) return undefined;
    if (last && pad === 1 && (v & 0xff) !== 0) return undefined;
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 0xff;
    if (o < out.length) out[o++] = v & 0xff;
  }
  return out;
}

const B32 = '0123456789abcdefghijklmnopqrstuv';

/** Base32hex without padding, lower case (RFC 4648 7, as NSEC3 uses it, RFC 5155 3.3). */
export function toBase32Hex(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    acc = ((acc << 8) | b[i]) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      s += B32[(acc >> bits) & 31];
    }
  }
  if (bits > 0) s += B32[(acc << (5 - bits)) & 31];
  return s;
}

/** Decodes unpadded base32hex (either case); undefined when malformed or when leftover bits are set. */
export function fromBase32Hex(s: string): Uint8Array | undefined {
  const rem = (s.length * 5) % 8;
  if (rem >= 5) return undefined; // a length no whole number of octets produces
  const out = new Uint8Array(Math.floor((s.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const l = c | 0x20;
    let d = -1;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x41 && c <= 0x7a && l >= 0x61 && l <= 0x76) d = l - 0x61 + 10;
    if (d < 0) return undefined;
    acc = ((acc << 5) | d) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
