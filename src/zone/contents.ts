// ZoneContents: an immutable snapshot of one zone, with exact, closest-encloser and predecessor lookups.
import { isSubdomain, nameToText, type Name, type ResourceRecord } from '../wire/index.js';
import { compareKeys } from './canonical.js';
import { ZoneError } from './errors.js';
import type { ZoneNode } from './node.js';
import type { NodeTable } from './node-table.js';
import type { RRset } from './rrset.js';
import { T } from './types.js';

/** What a name finds in a zone (RFC 1034 4.3.2 step 3 and RFC 6672 3.2). */
export interface ZoneLookup {
  /** The node of exactly this name (empty non-terminals included). */
  readonly node?: ZoneNode;
  /** The deepest existing node at or above the name (the name's own node when it exists). */
  readonly closestEncloser: ZoneNode;
  /** The highest delegation node at or above the name, below the apex: the answer is a referral. */
  readonly cut?: ZoneNode;
  /** The highest DNAME owner strictly above the name: the answer is a DNAME substitution. */
  readonly dname?: ZoneNode;
}

/** An immutable zone snapshot; built only by buildZone (zone/builder.ts) through the adjust pass. */
export class ZoneContents {
  readonly origin: Name;
  readonly apex: ZoneNode;
  readonly soa: RRset;
  readonly serial: number;
  /** Every node, empty non-terminals included. */
  readonly nodeCount: number;
  readonly recordCount: number;
  private readonly byKey: NodeTable;
  private readonly sorted: readonly ZoneNode[];

  /** Internal: use buildZone. `sorted` is every node in canonical order, apex first. */
  constructor(origin: Name, byKey: NodeTable, sorted: readonly ZoneNode[], recordCount: number) {
    const apex = byKey.get(origin.key);
    const soa = apex?.get(T.SOA);
    if (!apex || !soa || sorted[0] !== apex) throw new ZoneError('NO_SOA', `zone ${nameToText(origin)} has no SOA at its apex`);
    this.origin = origin;
    this.apex = apex;
    this.soa = soa;
    this.serial = serialOf(soa.rdataAt(0));
    this.byKey = byKey;
    this.sorted = sorted;
    this.nodeCount = sorted.length;
    this.recordCount = recordCount;
  }

  /** The node of exactly this name, compared ignoring case. */
  findNode(name: Name): ZoneNode | undefined {
    return this.byKey.get(name.key);
  }

  /** Exact node, closest encloser, cut and DNAME for a name at or below the origin. */
  lookup(name: Name): ZoneLookup {
    if (!isSubdomain(name, this.origin)) {
      throw new ZoneError('NOT_IN_ZONE', `${nameToText(name)} is not in zone ${nameToText(this.origin)}`);
    }
    const key = name.key;
    // Every ancestor up to the apex exists (the adjust pass adds empty non-terminals), so the
    // deepest one found, trying the name and then each ancestor, is the closest encloser (RFC 5155
    // 7.2.1). The table hashes every suffix in one pass, without slicing the key.
    const ce = this.byKey.closest(key, this.origin.key.length) ?? this.apex;
    const node = ce.key.length === key.length ? ce : undefined;
    if (!ce.isOccluded) {
      // Nothing above ce is a cut or a DNAME, so only ce itself can be one.
      const cut = ce.isDelegation ? ce : undefined;
      const dname = node === undefined && ce.has(T.DNAME) ? ce : undefined;
      return { node, closestEncloser: ce, cut, dname };
    }
    return walkUp(node, ce);
  }

  /** Every node (empty non-terminals included) in RFC 4034 6.1 canonical order, apex first. */
  nodes(): Iterable<ZoneNode> {
    return this.sorted;
  }

  /** The node at a canonical position (ZoneNode.index), for walking NSEC chains. */
  nodeAt(index: number): ZoneNode | undefined {
    return this.sorted[index];
  }

  /** Every record: the SOA first, then nodes in canonical order, RRsets in load order, as NSD prints them. */
  *records(): Iterable<ResourceRecord> {
    yield* rrsetRecords(this.soa, this.soa.owner);
    for (const node of this.sorted) {
      if (node.size === 0) continue;
      const name = node.name; // one Name per node, shared by its records
      for (const rrset of node.values()) {
        if (rrset !== this.soa) yield* rrsetRecords(rrset, rrset.ownedBy(node) ? name : rrset.owner);
      }
    }
  }

  /**
   * The last node that sorts strictly before `name` in canonical order and passes `accept` (default:
   * any node), for NSEC predecessor lookups (RFC 4035 3.1.3.2). Undefined when there is none.
   */
  previousNode(name: Name, accept?: (node: ZoneNode) => boolean): ZoneNode | undefined {
    const key = name.key;
    let lo = 0;
    let hi = this.sorted.length; // first index whose name is >= name
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.sorted[mid].key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const n = this.sorted[i];
      if (!accept || accept(n)) return n;
    }
    return undefined;
  }
}

function walkUp(node: ZoneNode | undefined, ce: ZoneNode): ZoneLookup {
  let cut: ZoneNode | undefined;
  let dname: ZoneNode | undefined;
  for (let n: ZoneNode | undefined = ce; n !== undefined; n = n.parent) {
    if (n.isDelegation) cut = n;
    if (n !== node && n.has(T.DNAME)) dname = n;
  }
  return { node, closestEncloser: ce, cut, dname };
}

function* rrsetRecords(rrset: RRset, owner: Name): Iterable<ResourceRecord> {
  for (let i = 0; i < rrset.size; i++) {
    yield { owner, type: rrset.type, class: rrset.class, ttl: rrset.ttlAt(i), rdata: rrset.rdataAt(i) };
  }
}

/** The SERIAL field: after MNAME and RNAME (RFC 1035 3.3.13). */
function serialOf(rdata: Uint8Array): number {
  let p = 0;
  for (let names = 0; names < 2; names++) {
    while (p < rdata.length && rdata[p] !== 0) p += rdata[p] + 1;
    p++;
  }
  if (p + 4 > rdata.length) throw new ZoneError('BAD_SOA', 'SOA rdata too short for a serial');
  return ((rdata[p] << 24) | (rdata[p + 1] << 16) | (rdata[p + 2] << 8) | rdata[p + 3]) >>> 0;
}
