// Encoded answers kept per served-zones snapshot in two generations, reused with the request's ID, RD bit and question bytes.
import { HEADER_SIZE } from '../wire/index.js';
import { RD } from './simple-response.js';
import type { ZoneContentsLike } from './zones.js';

/** One encoded answer: ID 0, RD clear, the question lower-cased (each reuse copies the asker's question in). */
export interface CachedAnswer {
  readonly bytes: Uint8Array;
  /** The zone snapshots the answer was built from; an entry is used only while they are all current. */
  readonly zones: readonly ZoneContentsLike[];
  /** The size limit it was encoded for. */
  readonly limit: number;
  /** harden2 (RRL): the response's RRL class with the zone's rrl-whitelist mask << 16, and the hash of its name (0, 0: not classified). */
  readonly rrlClass: number;
  readonly rrlName: number;
}

/** The bounds of an answer cache; whichever is reached first starts a new generation. */
export interface AnswerCacheLimits {
  /** Answers held at most (0 disables the cache). */
  readonly maxEntries: number;
  /** Octets held at most, counting ENTRY_OVERHEAD per answer besides its own octets. */
  readonly maxBytes?: number;
}

/**
 * What one cached answer costs besides its octets: its view into the slab, the chain node, the Map
 * slot and the key string. Measured on Node 20 as about 210 octets (heap used before and after
 * dropping the 30,753 answers of the bench's mix); rounded up.
 */
export const ENTRY_OVERHEAD = 240;

/** One answer in a generation's chain for its name: the (slot, limit) it answers and the next slot's. */
class Entry implements CachedAnswer {
  constructor(
    readonly slot: number,
    readonly bytes: Uint8Array,
    readonly zones: readonly ZoneContentsLike[],
    readonly limit: number,
    public next: Entry | undefined,
    readonly rrlClass = 0, // harden2: RRL
    readonly rrlName = 0,
  ) {}
}

/** Slabs answers are copied into: a view per answer costs far less than an ArrayBuffer per answer. */
const SLAB_SIZE = 65536;
/** Answers above this (large TCP answers) get an array of their own rather than wasting a slab's tail. */
const SLAB_MAX_ANSWER = 8192;

/** One generation: the chains by name, with what they hold, and the slab its answers are copied into. */
class Generation {
  readonly byName = new Map<string, Entry>();
  entries = 0;
  bytes = 0;
  private slab: Uint8Array | null = null;
  private used = 0;

  /** A copy of `octets` as a view into this generation's slab (dropped with the generation). */
  store(octets: Uint8Array): Uint8Array {
    const n = octets.length;
    if (n > SLAB_MAX_ANSWER) return octets.slice();
    if (this.slab === null || this.used + n > SLAB_SIZE) {
      this.slab = new Uint8Array(SLAB_SIZE);
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + n);
    view.set(octets);
    this.used += n;
    return view;
  }
}

/**
 * A bounded map from (lower-cased qname, small integer "slot" for type, class and response shape,
 * size limit) to an encoded answer. Names key a Map of short chains (one node per slot asked), so a
 * hit hashes one flat string and walks a node or two. An entry for another limit in the same slot is
 * a miss and is replaced (limits rarely vary for one client population).
 *
 * Eviction is by generation, so it costs nothing per answer: new answers go into `current`; when it
 * holds half the bound, it becomes `previous` and the old `previous` is dropped whole. A hit in
 * `previous` is copied into `current`, so an answer asked at least once per generation stays. (Deleting
 * the oldest Map entry one at a time, as before, left holes that each later eviction walked past.)
 *
 * The cache belongs to one ServedZones object: the caller resets it when the service swaps in a new
 * one, so a reload never serves an old answer.
 */
export class AnswerCache {
  private current = new Generation();
  private previous = new Generation();
  private readonly generationEntries: number;
  private readonly generationBytes: number;
  /** With a bound of one answer there is no room for a second generation. */
  private readonly keepPrevious: boolean;

  constructor(limits: AnswerCacheLimits | number) {
    const l = typeof limits === 'number' ? { maxEntries: limits } : limits;
    const max = Math.max(0, Math.floor(l.maxEntries));
    this.keepPrevious = max >= 2;
    this.generationEntries = this.keepPrevious ? Math.floor(max / 2) : max;
    const bytes = l.maxBytes ?? Infinity;
    this.generationBytes = this.keepPrevious ? bytes / 2 : bytes;
  }

  /** Answers held in both generations (an answer promoted from `previous` counts twice until it goes). */
  get size(): number {
    return this.current.entries + this.previous.entries;
  }

  /** Octets held, as counted against maxBytes. */
  get bytes(): number {
    return this.current.bytes + this.previous.bytes;
  }

  get enabled(): boolean {
    return this.generationEntries > 0;
  }

  get(key: string, slot: number, limit: number): CachedAnswer | undefined {
    for (let e = this.current.byName.get(key); e !== undefined; e = e.next) {
      if (e.slot === slot) return e.limit === limit ? e : undefined;
    }
    for (let e = this.previous.byName.get(key); e !== undefined; e = e.next) {
      if (e.slot !== slot) continue;
      // Asked again: copied into the current generation (a view into the old slab would pin all of it).
      return e.limit === limit ? this.add(key, slot, e.bytes, e.zones, limit, e.rrlClass, e.rrlName) : undefined;
    }
    return undefined;
  }

  /**
   * Keeps a freshly encoded answer (`encoded` may be the writer's buffer: it is copied, with ID 0 and
   * RD clear) and returns the entry, from which the response is then made as for a later hit.
   */
  set(key: string, slot: number, encoded: Uint8Array, zones: readonly ZoneContentsLike[], limit: number, rrlClass = 0, rrlName = 0): CachedAnswer {
    // An answer bigger than a whole generation's budget is sent but not kept.
    if (this.generationEntries === 0 || encoded.length + ENTRY_OVERHEAD > this.generationBytes) return { bytes: encoded.slice(), zones, limit, rrlClass, rrlName };
    const e = this.add(key, slot, encoded, zones, limit, rrlClass, rrlName);
    const b = e.bytes;
    b[0] = 0;
    b[1] = 0;
    b[2] &= ~(RD >> 8);
    return e;
  }

  private add(key: string, slot: number, octets: Uint8Array, zones: readonly ZoneContentsLike[], limit: number, rrlClass: number, rrlName: number): Entry {
    let g = this.current;
    const cost = octets.length + ENTRY_OVERHEAD;
    if (g.entries >= this.generationEntries || g.bytes + cost > this.generationBytes) g = this.nextGeneration();
    const e = new Entry(slot, g.store(octets), zones, limit, undefined, rrlClass, rrlName);
    const head = g.byName.get(key);
    // Replace this slot's node if there is one (its answer for another limit, or a stale one).
    let prev: Entry | undefined;
    for (let n = head; n !== undefined; prev = n, n = n.next) {
      if (n.slot !== slot) continue;
      e.next = n.next;
      if (prev === undefined) g.byName.set(key, e);
      else prev.next = e;
      g.bytes += octets.length - n.bytes.length;
      return e;
    }
    e.next = head;
    g.byName.set(key, e);
    g.entries++;
    g.bytes += cost;
    return e;
  }

  /** Drops the answer for (key, slot) from both generations (it was found stale). */
  delete(key: string, slot: number): void {
    unlink(this.current, key, slot);
    unlink(this.previous, key, slot);
  }

  reset(): void {
    this.current = new Generation();
    this.previous = new Generation();
  }

  /** The current generation is full: it becomes the previous one, and the previous one goes. */
  private nextGeneration(): Generation {
    this.previous = this.keepPrevious ? this.current : new Generation();
    this.current = new Generation();
    return this.current;
  }
}

function unlink(g: Generation, key: string, slot: number): void {
  let prev: Entry | undefined;
  for (let n = g.byName.get(key); n !== undefined; prev = n, n = n.next) {
    if (n.slot !== slot) continue;
    if (prev !== undefined) prev.next = n.next;
    else if (n.next !== undefined) g.byName.set(key, n.next);
    else g.byName.delete(key);
    g.entries--;
    g.bytes -= n.bytes.length + ENTRY_OVERHEAD;
    return;
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
