// ZoneNode: one name of a zone snapshot, the map of its RRsets, and the flags the adjust pass computes.
import { Name } from '../wire/index.js';
import { latin1ToBytes } from './latin1.js';
import type { RRset } from './rrset.js';

export const F_APEX = 1;
export const F_DELEGATION = 2;
export const F_OCCLUDED = 4;
export const F_ENT = 8;
export const F_WILDCARD_CHILD = 16;
const FLAG_BITS = 5;
const FLAG_MASK = (1 << FLAG_BITS) - 1;
const MAX_POSITION = 2 ** (31 - FLAG_BITS);

/**
 * A node of the name tree; it is also the read-only map of its RRsets by type (`rrsets` is the node
 * itself), which saves a Map per name. Flags are computed once by the adjust pass (zone/adjust.ts):
 * isDelegation (NS below the apex: a zone cut, RFC 1034 4.2.1), isOccluded (strictly below a cut or
 * a DNAME: glue or occluded data, never an answer, RFC 6672 2.4), isEmptyNonTerminal (no RRsets
 * but has descendants, RFC 8020), hasWildcardChild (`*.name` exists, RFC 4592). `index` is the
 * position in RFC 4034 6.1 canonical order; `parent` is the node one label up (every ancestor up
 * to the apex exists). To stay small a node keeps its name as strings: `key` is Name.key, and
 * `name` builds a Name on each access (compare nodes by key or identity, not by name objects).
 */
export class ZoneNode implements ReadonlyMap<number, RRset> {
  /** The lower-cased wire form as latin1: the node's Name.key. */
  readonly key: string;
  private readonly wireText: string;
  private sets: RRset | RRset[] | undefined;
  private parentNode: ZoneNode | undefined;
  /** The flags in the low 5 bits, the canonical position + 1 above them (one field less per node). */
  private state = 0;

  /** Internal (builder, adjust pass). `wireText` is the wire form as written, as latin1. */
  constructor(key: string, wireText: string) {
    this.key = key;
    this.wireText = wireText;
    this.sets = undefined;
    this.parentNode = undefined;
  }

  get name(): Name {
    return new Name(latin1ToBytes(this.wireText));
  }

  /** The name's wire form (case as written) as latin1, for cheap same-spelling checks. */
  get spelling(): string {
    return this.wireText;
  }

  get rrsets(): ReadonlyMap<number, RRset> {
    return this;
  }

  get parent(): ZoneNode | undefined {
    return this.parentNode;
  }

  get index(): number {
    return (this.state >>> FLAG_BITS) - 1;
  }

  get isApex(): boolean {
    return (this.state & F_APEX) !== 0;
  }

  get isDelegation(): boolean {
    return (this.state & F_DELEGATION) !== 0;
  }

  get isOccluded(): boolean {
    return (this.state & F_OCCLUDED) !== 0;
  }

  get isEmptyNonTerminal(): boolean {
    return (this.state & F_ENT) !== 0;
  }

  get hasWildcardChild(): boolean {
    return (this.state & F_WILDCARD_CHILD) !== 0;
  }

  // ReadonlyMap<number, RRset>: the node's RRsets by type, in load order.

  get(type: number): RRset | undefined {
    const s = this.sets;
    if (s === undefined) return undefined;
    if (!Array.isArray(s)) return s.type === type ? s : undefined;
    for (const r of s) if (r.type === type) return r;
    return undefined;
  }

  has(type: number): boolean {
    return this.get(type) !== undefined;
  }

  get size(): number {
    const s = this.sets;
    return s === undefined ? 0 : Array.isArray(s) ? s.length : 1;
  }

  /** Records in all its RRsets (no iterator: the adjust pass sums this over every node). */
  get recordCount(): number {
    const s = this.sets;
    if (s === undefined) return 0;
    if (!Array.isArray(s)) return s.size;
    let n = 0;
    for (let i = 0; i < s.length; i++) n += s[i].size;
    return n;
  }

  *values(): MapIterator<RRset> {
    const s = this.sets;
    if (s === undefined) return;
    if (Array.isArray(s)) yield* s;
    else yield s;
  }

  *keys(): MapIterator<number> {
    for (const r of this.values()) yield r.type;
  }

  *entries(): MapIterator<[number, RRset]> {
    for (const r of this.values()) yield [r.type, r];
  }

  [Symbol.iterator](): MapIterator<[number, RRset]> {
    return this.entries();
  }

  forEach(f: (value: RRset, key: number, map: ReadonlyMap<number, RRset>) => void, thisArg?: unknown): void {
    for (const r of this.values()) f.call(thisArg, r, r.type, this);
  }

  // Internal: used by the builder and the adjust pass only.

  /** @internal */
  addRRset(r: RRset): void {
    const s = this.sets;
    if (s === undefined) this.sets = r;
    else if (Array.isArray(s)) s.push(r);
    else this.sets = [s, r];
  }

  /** @internal */
  setParent(p: ZoneNode): void {
    this.parentNode = p;
  }

  /** @internal */
  setIndex(i: number): void {
    // Kept a small integer (V8 stores it in the field, no number box): 2^26 nodes is some 15 GB of zone.
    if (i + 1 >= MAX_POSITION) throw new RangeError(`a zone of more than ${MAX_POSITION - 2} nodes`);
    this.state = (this.state & FLAG_MASK) | ((i + 1) << FLAG_BITS);
  }

  /** @internal */
  addFlags(f: number): void {
    this.state |= f;
  }
}
