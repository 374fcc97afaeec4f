// Encoded answers kept per served-zones snapshot and reused with the request's ID, RD bit and question bytes.
import { HEADER_SIZE } from '../wire/index.js';
import { put16 } from './bytes.js';
import { RD } from './simple-response.js';
import type { ZoneContentsLike } from './zones.js';

/** One encoded answer: ID 0, RD clear, the question as first asked. */
export interface CachedAnswer {
  readonly bytes: Uint8Array;
  /** The zone snapshots the answer was built from; an entry is used only while they are all current. */
  readonly zones: readonly ZoneContentsLike[];
  /** The size limit it was encoded for. */
  readonly limit: number;
}

/**
 * A bounded map from (lower-cased qname, small integer "slot" for type, class and response shape,
 * size limit) to an encoded answer. Two levels, so the lookup hashes one flat string and one small
 * integer instead of building a composite key per query; an entry for another limit in the same slot
 * is a miss and is replaced (limits rarely vary for one client population). The cache belongs to one
 * ServedZones object: the caller resets it when the service swaps in a new one, so a reload never
 * serves an old answer. When full, the names cached first are dropped first.
 */
export class AnswerCache {
  private readonly byName = new Map<string, Map<number, CachedAnswer>>();
  private readonly max: number;
  private count = 0;

  constructor(maxEntries: number) {
    this.max = Math.max(0, Math.floor(maxEntries));
  }

  get size(): number {
    return this.count;
  }

  get enabled(): boolean {
    return this.max > 0;
  }

  get(key: string, slot: number, limit: number): CachedAnswer | undefined {
    const e = this.byName.get(key)?.get(slot);
    return e !== undefined && e.limit === limit ? e : undefined;
  }

  set(key: string, slot: number, entry: CachedAnswer): void {
    if (this.max === 0) return;
    let slots = this.byName.get(key);
    if (slots === undefined) {
      while (this.count >= this.max && this.evictOldest());
      slots = new Map();
      this.byName.set(key, slots);
    }
    if (!slots.has(slot)) this.count++;
    slots.set(slot, entry);
  }

  delete(key: string, slot: number): void {
    const slots = this.byName.get(key);
    if (slots?.delete(slot)) this.count--;
  }

  reset(): void {
    this.byName.clear();
    this.count = 0;
  }

  private evictOldest(): boolean {
    const first = this.byName.entries().next();
    if (first.done) return false;
    this.count -= first.value[1].size;
    this.byName.delete(first.value[0]);
    return true;
  }
}

/** True while every zone snapshot the answer came from is still the one served under its origin. */
export function stillCurrent(entry: CachedAnswer, db: { get(origin: ZoneContentsLike['origin']): ZoneContentsLike | undefined }): boolean {
  const zones = entry.zones;
  for (let i = 0; i < zones.length; i++) if (db.get(zones[i].origin) !== zones[i]) return false;
  return true;
}

/**
 * The response for this request from a cached answer: a copy with the request's ID, its RD bit, and
 * its question bytes (same length: the key holds the lower-cased name), so the case is echoed.
 */
export function reuseAnswer(entry: CachedAnswer, request: Uint8Array, questionEnd: number): Uint8Array {
  // Buffer.allocUnsafe takes a slice of Node's pool: far cheaper than a zero-filled typed array, and
  // every octet is written below. A short loop beats subarray() + set() for a 20-odd octet question.
  const bytes = entry.bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  out.set(bytes);
  out[0] = request[0];
  out[1] = request[1];
  if ((request[2] & (RD >> 8)) !== 0) out[2] |= RD >> 8;
  for (let i = HEADER_SIZE; i < questionEnd; i++) out[i] = request[i];
  return out;
}

/** A copy of a freshly encoded answer, ID zeroed and RD cleared, for later reuse. */
export function cacheable(encoded: Uint8Array, zones: readonly ZoneContentsLike[], limit: number): CachedAnswer {
  const bytes = encoded.slice();
  put16(bytes, 0, 0);
  bytes[2] &= ~(RD >> 8);
  return { bytes, zones, limit };
}
