// NodeTable: a zone's nodes by Name.key in one open-addressing table, with suffix lookups that build no strings.
import type { ZoneNode } from './node.js';

const MAX_LABELS = 128; // (255 - 1) / 2 labels at most, plus the root
const starts = new Int32Array(MAX_LABELS);
const suffixHashes = new Int32Array(MAX_LABELS);

/**
 * FNV-1a over key[from, end) taken from the end backwards, continuing from `h`: hashing backwards
 * lets one pass over a key give the hash of every suffix (every ancestor's key), which is what the
 * closest-encloser walk needs.
 */
function hashBack(key: string, from: number, end: number, h: number): number {
  for (let i = end - 1; i >= from; i--) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

const FNV_BASIS = 0x811c9dc5 | 0;

/**
 * Spreads the FNV bits before they pick a slot (murmur3's finaliser), so linear probing stays short.
 * The low bit is set so a stored hash is never 0, which marks an empty slot: a probe that misses (every
 * new name while loading) then reads only the Int32Array, not the array of nodes. The slot is picked
 * by the other 31 bits.
 */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 1;
}

/**
 * Nodes by key. A V8 Map of a million fresh string keys took a sixth of the time to load a big zone
 * (each insert hashes a new string and the table rehashes as it grows, issue 7); this table keeps
 * 32-bit hashes in an Int32Array beside the nodes, at most half full, and finds the node of any
 * suffix of a key (an ancestor) without slicing the key. Insertion order is kept while building
 * (the adjust pass visits nodes added during its walk); `seal` drops that list.
 */
export class NodeTable {
  private hashes = new Int32Array(16);
  private slots: (ZoneNode | undefined)[] = new Array<ZoneNode | undefined>(16).fill(undefined);
  private mask = 15;
  private count = 0;
  private order: ZoneNode[] = [];

  get size(): number {
    return this.count;
  }

  // The hash of the last key `get` looked up: the builder adds the node right after a miss.
  private lastKey = '';
  private lastHash = 0;

  /** The node whose key is `key`. */
  get(key: string): ZoneNode | undefined {
    const h = mix(hashBack(key, 0, key.length, FNV_BASIS));
    this.lastKey = key;
    this.lastHash = h;
    return this.find(key, 0, h);
  }

  /** The node whose key is key.substring(from) (an ancestor's key), without making that string. */
  getSuffix(key: string, from: number): ZoneNode | undefined {
    return this.find(key, from, mix(hashBack(key, from, key.length, FNV_BASIS)));
  }

  /** Adds a node whose key is not in the table yet (the caller checked with get). */
  add(node: ZoneNode): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const key = node.key;
    this.place(key === this.lastKey ? this.lastHash : mix(hashBack(key, 0, key.length, FNV_BASIS)), node);
    this.count++;
    this.order.push(node);
  }

  /** Every node in the order added (only until sealed): `added(i)` for i < size. */
  added(i: number): ZoneNode {
    return this.order[i];
  }

  /** The building is over: hands back every node in the order added, and keeps that list no more. */
  seal(): ZoneNode[] {
    const all = this.order;
    this.order = [];
    return all;
  }

  /**
   * The deepest node at or above `key` (a Name.key), trying the whole key, then each ancestor, up to
   * the shortest suffix `stopAt` octets long (the zone's origin key). Undefined when none exists.
   */
  closest(key: string, stopAt: number): ZoneNode | undefined {
    let n = 0;
    for (let p = 0; key.charCodeAt(p) !== 0 && n < MAX_LABELS; p += key.charCodeAt(p) + 1) starts[n++] = p;
    starts[n] = key.length - 1; // the root label
    // One backward pass: the hash of the suffix from each label start.
    let h = hashBack(key, starts[n], key.length, FNV_BASIS);
    suffixHashes[n] = h;
    for (let i = n - 1; i >= 0; i--) {
      h = hashBack(key, starts[i], starts[i + 1], h);
      suffixHashes[i] = h;
    }
    for (let i = 0; i <= n; i++) {
      const from = starts[i];
      if (key.length - from < stopAt) return undefined;
      const node = this.find(key, from, mix(suffixHashes[i]));
      if (node !== undefined) return node;
    }
    return undefined;
  }

  /** The node whose key is key[from...], given that suffix's mixed hash. */
  private find(key: string, from: number, h: number): ZoneNode | undefined {
    const hashes = this.hashes;
    const slots = this.slots;
    const mask = this.mask;
    const len = key.length - from;
    for (let i = (h >>> 1) & mask; ; i = (i + 1) & mask) {
      const stored = hashes[i];
      if (stored === 0) return undefined;
      if (stored !== h) continue;
      const k = (slots[i] as ZoneNode).key;
      if (k.length === len && (from === 0 ? k === key : key.startsWith(k, from))) return slots[i];
    }
  }

  private place(h: number, node: ZoneNode): void {
    const mask = this.mask;
    const hashes = this.hashes;
    let i = (h >>> 1) & mask;
    while (hashes[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.slots[i] = node;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldSlots = this.slots;
    const size = oldSlots.length * 2;
    this.hashes = new Int32Array(size);
    this.slots = new Array<ZoneNode | undefined>(size).fill(undefined);
    this.mask = size - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      const node = oldSlots[i];
      if (node !== undefined) this.place(oldHashes[i], node);
    }
  }
}
