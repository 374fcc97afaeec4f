// Name compression for the message writer: a table of written name suffixes keyed by a case-folded hash (RFC 1035 4.1.4).
import { lowerOctet, MAX_NAME } from './name.js';

const MAX_POINTER = 0x3fff; // a compression pointer holds 14 bits of offset
const MAX_LABELS = 128; // (255 - 1) / 2 labels at most, plus one

/**
 * Remembers where each name suffix was first written. Keys are 32-bit hashes of the lower-cased suffix,
 * so no strings are built per name; a hit is confirmed by comparing the octets already in the buffer
 * (a collision just means one missed pointer). Registrations are journaled so a writer can roll back.
 */
export class NameCompressor {
  private readonly table = new Map<number, number>();
  private readonly journal: number[] = [];
  private readonly offs = new Int32Array(MAX_LABELS);
  private readonly hashes = new Int32Array(MAX_LABELS);

  clear(): void {
    this.table.clear();
    this.journal.length = 0;
  }

  /** A point to undo back to. */
  mark(): number {
    return this.journal.length;
  }

  /** Forgets the suffixes registered since `mark`. */
  undo(mark: number): void {
    for (let i = this.journal.length - 1; i >= mark; i--) this.table.delete(this.journal[i]);
    this.journal.length = mark;
  }

  /**
   * Writes the uncompressed name wire[off, off+len) into buf at pos, using a pointer for the longest
   * suffix already written and registering its new suffixes. Returns the position after the name, or
   * -1 (nothing registered) when it would pass `end`.
   */
  write(buf: Uint8Array, pos: number, end: number, wire: Uint8Array, off: number, len: number): number {
    const n = this.hashSuffixes(wire, off, off + len - 1);
    let i = 0;
    let target = -1;
    for (; i < n; i++) {
      const t = this.table.get(this.hashes[i]);
      // Only octets already final (before pos) may be pointed at.
      if (t !== undefined && t < pos && sameName(buf, t, wire, this.offs[i])) {
        target = t;
        break;
      }
    }
    const prefix = (i < n ? this.offs[i] : off + len - 1) - off;
    if (pos + prefix + (target >= 0 ? 2 : 1) > end) return -1;
    for (let k = 0; k < i; k++) {
      const at = pos + this.offs[k] - off;
      if (at > MAX_POINTER) break;
      const h = this.hashes[k];
      if (!this.table.has(h)) {
        this.table.set(h, at);
        this.journal.push(h);
      }
    }
    copyBytes(buf, pos, wire, off, off + prefix);
    let p = pos + prefix;
    if (target >= 0) {
      buf[p++] = 0xc0 | (target >> 8);
      buf[p++] = target & 0xff;
    } else {
      buf[p++] = 0;
    }
    return p;
  }

  /** Fills offs/hashes with each label's offset and the hash of the suffix starting there; returns the count. */
  private hashSuffixes(wire: Uint8Array, off: number, rootAt: number): number {
    let n = 0;
    for (let p = off; p < rootAt && n < MAX_LABELS; p += wire[p] + 1) this.offs[n++] = p;
    let h = 0x811c9dc5; // FNV-1a offset basis, the hash of the root
    for (let i = n - 1; i >= 0; i--) {
      const p = this.offs[i];
      const l = wire[p];
      h = Math.imul(h ^ l, 0x01000193);
      for (let k = p + 1; k <= p + l; k++) h = Math.imul(h ^ lowerOctet(wire[k]), 0x01000193);
      this.hashes[i] = h;
    }
    return n;
  }
}

/**
 * True when the (possibly compressed, already validated) name at buf[at] equals the uncompressed
 * name at wire[p], ignoring case. Our own pointers only point backwards, and the octet budget bounds it.
 */
function sameName(buf: Uint8Array, at: number, wire: Uint8Array, p: number): boolean {
  let q = at;
  for (let budget = MAX_NAME; budget > 0; budget--) {
    const l = buf[q];
    if ((l & 0xc0) === 0xc0) {
      q = ((l & 0x3f) << 8) | buf[q + 1];
      continue;
    }
    if (l !== wire[p]) return false;
    if (l === 0) return true;
    for (let k = 1; k <= l; k++) if (lowerOctet(buf[q + k]) !== lowerOctet(wire[p + k])) return false;
    q += l + 1;
    p += l + 1;
  }
  return false;
}

/** src[from, to) into dst at `at`; a plain loop beats subarray + set for the short runs of a message. */
export function copyBytes(dst: Uint8Array, at: number, src: Uint8Array, from: number, to: number): void {
  if (to - from > 32) {
    dst.set(src.subarray(from, to), at);
    return;
  }
  for (let i = from; i < to; i++) dst[at++] = src[i];
}
