// A zone's NSEC3 chain, found and hashed once per snapshot: the chain in hash order and each name's cover.
import { fromBase32Hex, Name, TYPE } from '../wire/index.js';
import type { RRset, ZoneContents, ZoneNode } from '../zone/index.js';
import { NSEC3_SHA1, nsec3Hash } from './nsec3-hash.js';
import { nsec3HasSoa, nsec3Params, type Nsec3Params, sameParams } from './records.js';

// Per-node flags (NSD's domain->nsec3 data): which precomputed covers a node has.
const HASHED = 1; // nsec3_condition_hash: an authoritative name (cover, exact, wildcard cover)
const DS = 2; // nsec3_condition_dshash: a delegation or a DS owner below the apex (ds_parent cover)
const EXACT = 4; // an NSEC3 of the chain has exactly the node's hash

/** Hashes of query names kept per chain; cleared when full (the answer cache above makes misses rare). */
const QNAME_CACHE = 4096;

/** One found NSEC3: the RRset to put in the answer. */
export interface Nsec3Hit {
  readonly rrset: RRset;
  readonly exact: boolean;
}

/**
 * NSD 4.6's NSEC3 precompile (nsec3.c nsec3_precompile_newparam): the chain is every NSEC3 RRset
 * whose owner is <32-char hash>.<apex> and which uses the zone's parameters; every authoritative
 * name gets the NSEC3 matching or covering its hash; delegations and DS owners get the one for their
 * DS proof. Queries then only hash the name they prove absent (and `*.name` once per closest encloser).
 */
export class Nsec3Chain {
  readonly params: Nsec3Params;
  private readonly hashes: string[] = [];
  private readonly sets: RRset[] = [];
  private readonly flags: Uint8Array;
  private readonly cover: Int32Array;
  private readonly wcCover: Int32Array;
  private readonly qnameHashes = new Map<string, string>();

  private constructor(zone: ZoneContents, params: Nsec3Params) {
    this.params = params;
    this.flags = new Uint8Array(zone.nodeCount);
    this.cover = new Int32Array(zone.nodeCount).fill(-1);
    this.wcCover = new Int32Array(zone.nodeCount).fill(-1);
    this.collect(zone);
    this.precompile(zone);
  }

  /**
   * The chain of a zone, or undefined when the zone does not use NSEC3 as NSD sees it: an NSEC3PARAM
   * at the apex with SHA-1 and flags 0 (RFC 5155 4.1.2: others are ignored), and an NSEC3 with the
   * SOA bit at hash(apex) (NSD check_apex_soa).
   */
  static of(zone: ZoneContents): Nsec3Chain | undefined {
    const paramSet = zone.apex.get(TYPE.NSEC3PARAM);
    if (paramSet === undefined) return undefined;
    let params: Nsec3Params | undefined;
    for (const rd of paramSet.rdatas) {
      const p = nsec3Params(rd);
      if (p !== undefined && p.algorithm === NSEC3_SHA1 && p.flags === 0) {
        params = p;
        break;
      }
    }
    if (params === undefined) return undefined;
    const apexHash = nsec3Hash(zone.origin.key, params.salt, params.iterations);
    const owner = zone.findNode(hashedName(apexHash, zone.origin));
    const set = owner?.get(TYPE.NSEC3);
    if (set === undefined || !set.rdatas.some(nsec3HasSoa)) return undefined;
    const chain = new Nsec3Chain(zone, params);
    return chain.size > 0 ? chain : undefined;
  }

  /** The number of NSEC3 RRsets in the chain. */
  get size(): number {
    return this.sets.length;
  }

  /** The chain in hash order: each NSEC3 RRset with the hash its owner name starts with. */
  entries(): { readonly hash: string; readonly rrset: RRset }[] {
    return this.hashes.map((hash, i) => ({ hash, rrset: this.sets[i] }));
  }

  /** The NSEC3 rdata uses the zone's hash parameters (RFC 5155 7.2: only those make up the chain). */
  usesParams(rdata: Uint8Array): boolean {
    return usesParams(rdata, this.params);
  }

  /** The chain's NSEC3 with the largest hash <= `hash`, wrapping to the last (NSD nsec3_find_cover). */
  find(hash: string): Nsec3Hit {
    const i = this.indexOf(hash);
    return { rrset: this.sets[i], exact: this.hashes[i] === hash };
  }

  /** The hash of a query name, remembered for the next query. */
  hashOf(name: Name): string {
    let h = this.qnameHashes.get(name.key);
    if (h === undefined) {
      if (this.qnameHashes.size >= QNAME_CACHE) this.qnameHashes.clear();
      h = nsec3Hash(name.key, this.params.salt, this.params.iterations);
      this.qnameHashes.set(name.key, h);
    }
    return h;
  }

  /** NSD's domain->nsec3 != NULL: the node was precompiled at all. */
  has(node: ZoneNode): boolean {
    return this.flags[node.index] !== 0;
  }

  /** nsec3_is_exact: an authoritative name whose hash has its own NSEC3. */
  isExact(node: ZoneNode): boolean {
    return (this.flags[node.index] & (HASHED | EXACT)) === (HASHED | EXACT);
  }

  /** nsec3_cover: the NSEC3 matching or covering an authoritative name's hash. */
  coverOf(node: ZoneNode): RRset | undefined {
    return (this.flags[node.index] & HASHED) !== 0 ? this.sets[this.cover[node.index]] : undefined;
  }

  /**
   * nsec3_wcard_child_cover: the NSEC3 matching or covering hash(*.name), for an authoritative name.
   * NSD hashes `*.name` of every name at load; here it is hashed when a proof first needs it, which
   * halves the load-time hashing, and then kept.
   */
  wildcardCoverOf(node: ZoneNode): RRset | undefined {
    const n = node.index;
    if ((this.flags[n] & HASHED) === 0) return undefined;
    let i = this.wcCover[n];
    if (i < 0) {
      i = this.indexOf(nsec3Hash('\x01*' + node.key, this.params.salt, this.params.iterations));
      this.wcCover[n] = i;
    }
    return this.sets[i];
  }

  /** nsec3_ds_parent_is_exact: a delegation or DS owner with its own NSEC3. */
  isDsExact(node: ZoneNode): boolean {
    return (this.flags[node.index] & (DS | EXACT)) === (DS | EXACT);
  }

  /** nsec3_ds_parent_cover: the NSEC3 matching or covering a delegation's (or DS owner's) hash. */
  dsCoverOf(node: ZoneNode): RRset | undefined {
    return (this.flags[node.index] & DS) !== 0 ? this.sets[this.cover[node.index]] : undefined;
  }

  private indexOf(hash: string): number {
    const h = this.hashes;
    let lo = 0;
    let hi = h.length; // first index whose hash is > hash
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (h[mid] <= hash) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? h.length - 1 : lo - 1;
  }

  /** The chain: NSEC3 RRsets owned by a hash label right below the apex with an RR using the zone's parameters. */
  private collect(zone: ZoneContents): void {
    const found: { hash: string; rrset: RRset }[] = [];
    for (const node of zone.nodes()) {
      const set = node.get(TYPE.NSEC3);
      if (set === undefined || node.parent !== zone.apex) continue;
      const label = node.key.substring(1, 1 + node.key.charCodeAt(0));
      if (label.length !== 32 || fromBase32Hex(label) === undefined) continue;
      if (set.rdatas.some((rd) => usesParams(rd, this.params))) found.push({ hash: label, rrset: set });
    }
    // Lower-case base32hex sorts as the hash octets do (RFC 4648 7 keeps the order).
    found.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    for (const f of found) {
      this.hashes.push(f.hash);
      this.sets.push(f.rrset);
    }
  }

  /** Hashes every name NSD precompiles (nsec3_condition_hash / _dshash) and records its covers. */
  private precompile(zone: ZoneContents): void {
    const { salt, iterations } = this.params;
    for (const node of zone.nodes()) {
      if (onlyNsec3(node)) continue;
      // A name at or below a zone cut is glue to NSD (domain_is_glue), not an authoritative name.
      const hashed = !node.isDelegation && !node.isOccluded;
      const ds = !node.isApex && (node.has(TYPE.DS) || node.has(TYPE.NS));
      if (!hashed && !ds) continue;
      const hash = nsec3Hash(node.key, salt, iterations);
      const i = this.indexOf(hash);
      const n = node.index;
      this.cover[n] = i;
      this.flags[n] = (hashed ? HASHED : 0) | (ds ? DS : 0) | (this.hashes[i] === hash ? EXACT : 0);
    }
  }
}

/** `<hash>.<origin>`, the owner of the NSEC3 for a hash (RFC 5155 3). */
function hashedName(hash: string, origin: Name): Name {
  const wire = new Uint8Array(1 + hash.length + origin.wire.length);
  wire[0] = hash.length;
  for (let i = 0; i < hash.length; i++) wire[1 + i] = hash.charCodeAt(i);
  wire.set(origin.wire, 1 + hash.length);
  return new Name(wire);
}

function usesParams(rdata: Uint8Array, params: Nsec3Params): boolean {
  const p = nsec3Params(rdata);
  return p !== undefined && sameParams(p, params);
}

/** A node with only NSEC3 (and RRSIG) records: not a name of the zone (RFC 5155 7.2.8, NSD domain_has_only_NSEC3). */
export function onlyNsec3(node: ZoneNode): boolean {
  let nsec3 = false;
  for (const type of node.keys()) {
    if (type === TYPE.NSEC3) nsec3 = true;
    else if (type !== TYPE.RRSIG) return false;
  }
  return nsec3;
}
