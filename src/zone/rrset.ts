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
 * Uint8Arrays. A set of one 4-octet rdata (an A record) keeps it as an int32 (packRdata4), which V8
 * stores in the field itself: no string object for each of a million A records. `owner` keeps the
 * case of the RRset's first record. `ttl` is the first record's TTL;
 * `ttls` (one per rdata) exists only when the records were loaded with different TTLs: RFC 2181 5.2
 * says they should not be, and NSD 4 then keeps and serves each record's own TTL (checked with nsd
 * 4.6.1 and dig), which ttlAt(i) gives.
 */
export class RRset {
  /** type << 16 | class as one int32 (V8 keeps it in the field): a field less for each of a million sets. */
  private readonly typeClass: number;
  readonly ttl: number;
  readonly ttls: readonly number[] | undefined;
  private readonly ownerSource: OwnerSource | Name;
  private readonly data: string | string[] | number;

  /** Internal (the builder); use RRset.of to make one from parts. */
  constructor(owner: OwnerSource | Name, type: number, klass: number, ttl: number, data: string | string[] | number, ttls?: number[]) {
    this.ownerSource = owner;
    this.typeClass = (type << 16) | klass;
    this.ttl = ttl;
    this.data = data;
    this.ttls = ttls;
  }

  static of(owner: Name, type: number, klass: number, ttl: number, rdatas: readonly Uint8Array[], ttls?: readonly number[]): RRset {
    const data = rdatas.map(bytesToLatin1);
    return new RRset(owner, type, klass, ttl, data.length === 1 ? data[0] : data, ttls ? [...ttls] : undefined);
  }

  get type(): number {
    return this.typeClass >>> 16;
  }

  get class(): number {
    return this.typeClass & 0xffff;
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
    return typeof this.data === 'object' ? this.data.length : 1;
  }

  /** The rdatas as fresh Uint8Arrays, in load order. */
  get rdatas(): readonly Uint8Array[] {
    const d = this.data;
    return typeof d === 'object' ? d.map(latin1ToBytes) : [rdataBytes(d)];
  }

  rdataAt(i: number): Uint8Array {
    const d = this.data;
    return typeof d === 'object' ? latin1ToBytes(d[i]) : rdataBytes(d);
  }

  /** The TTL to serve for record i. */
  ttlAt(i: number): number {
    return this.ttls === undefined ? this.ttl : this.ttls[i];
  }
}

/** The writable view of an RRset for the builder. */
export interface GrowingRRset {
  data: string | string[] | number;
  ttls: number[] | undefined;
  readonly ttl: number;
}

/** A 4-octet rdata (latin1) as the int32 RRset keeps for a set of one A record. */
export function packRdata4(data: string): number {
  return (data.charCodeAt(0) << 24) | (data.charCodeAt(1) << 16) | (data.charCodeAt(2) << 8) | data.charCodeAt(3);
}

/** The latin1 rdata of a stored record: itself, or the 4 octets of a packed int32. */
export function rdataText(d: string | number): string {
  return typeof d === 'string' ? d : String.fromCharCode((d >>> 24) & 0xff, (d >>> 16) & 0xff, (d >>> 8) & 0xff, d & 0xff);
}

function rdataBytes(d: string | number): Uint8Array {
  if (typeof d === 'string') return latin1ToBytes(d);
  return Uint8Array.of((d >>> 24) & 0xff, (d >>> 16) & 0xff, (d >>> 8) & 0xff, d & 0xff);
}
