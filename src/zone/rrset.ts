// RRset: the records of one owner, type and class; rdata kept compactly, handed out as uncompressed wire bytes.
import { Name } from '../wire/index.js';
import { bytesToLatin1, latin1ToBytes } from './latin1.js';

/** Who owns an RRset: its node when spelled the same (the common case), else its own Name. */
export interface OwnerSource {
  readonly name: Name;
}

/**
 * One RRset. Rdata is uncompressed wire form as read (names keep their case), stored as latin1
 * strings because a million small Uint8Arrays cost ~200 bytes each; `rdatas` hands out fresh
 * Uint8Arrays. `owner` keeps the case of the RRset's first record. `ttl` is the first record's TTL;
 * `ttls` (one per rdata) exists only when the records were loaded with different TTLs: RFC 2181 5.2
 * says they should not be, and NSD 4 then keeps and serves each record's own TTL (checked with nsd
 * 4.6.1 and dig), which ttlAt(i) gives.
 */
export class RRset {
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly ttls: readonly number[] | undefined;
  private readonly ownerSource: OwnerSource | Name;
  private readonly data: string | string[];

  /** Internal (the builder); use RRset.of to make one from parts. */
  constructor(owner: OwnerSource | Name, type: number, klass: number, ttl: number, data: string | string[], ttls?: number[]) {
    this.ownerSource = owner;
    this.type = type;
    this.class = klass;
    this.ttl = ttl;
    this.data = data;
    this.ttls = ttls;
  }

  static of(owner: Name, type: number, klass: number, ttl: number, rdatas: readonly Uint8Array[], ttls?: readonly number[]): RRset {
    const data = rdatas.map(bytesToLatin1);
    return new RRset(owner, type, klass, ttl, data.length === 1 ? data[0] : data, ttls ? [...ttls] : undefined);
  }

  get owner(): Name {
    const o = this.ownerSource;
    return o instanceof Name ? o : o.name;
  }

  /** True when the owner is `src`'s name (as spelled there): lets callers reuse one Name per node. */
  ownedBy(src: OwnerSource): boolean {
    return this.ownerSource === src;
  }

  /** Number of records. */
  get size(): number {
    return typeof this.data === 'string' ? 1 : this.data.length;
  }

  /** The rdatas as fresh Uint8Arrays, in load order. */
  get rdatas(): readonly Uint8Array[] {
    const d = this.data;
    return typeof d === 'string' ? [latin1ToBytes(d)] : d.map(latin1ToBytes);
  }

  rdataAt(i: number): Uint8Array {
    const d = this.data;
    return latin1ToBytes(typeof d === 'string' ? d : d[i]);
  }

  /** The TTL to serve for record i. */
  ttlAt(i: number): number {
    return this.ttls === undefined ? this.ttl : this.ttls[i];
  }
}

/** The writable view of an RRset for the builder. */
export interface GrowingRRset {
  data: string | string[];
  ttls: number[] | undefined;
  readonly ttl: number;
}
