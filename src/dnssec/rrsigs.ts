// RRSIG attachment (RFC 4035 3.1.1): the RRSIGs of an RRset, from its owner's RRSIG RRset, as NSD adds them.
import { type Name, TYPE } from '../wire/index.js';
import type { RRset, ZoneContents } from '../zone/index.js';
import { rrsigCovered } from './records.js';

/** The RRSIG RRset at the owner of each RRset of a secure zone (RRsets belong to one snapshot). */
const rrsigSets = new WeakMap<RRset, RRset>();

/** Links every RRset of a secure zone to its owner's RRSIG RRset (once per snapshot, zoneDnssec). */
export function linkRrsigs(zone: ZoneContents): void {
  for (const node of zone.nodes()) {
    const sigs = node.get(TYPE.RRSIG);
    if (sigs === undefined) continue;
    for (const rrset of node.values()) if (rrset !== sigs) rrsigSets.set(rrset, sigs);
  }
}

/** The records of an RRSIG RRset that cover one type: their rdatas and TTLs. */
export interface CoveringSigs {
  readonly rdatas: readonly Uint8Array[];
  readonly ttls: readonly number[];
}

const covering = new WeakMap<RRset, CoveringSigs | null>();

/**
 * The RRSIGs over a zone RRset, from its owner's RRSIG RRset (RFC 4035 3.1.1), when its zone is
 * secure and its view has been built; undefined otherwise. Worked out once per RRset.
 */
export function rrsigsOver(rrset: RRset): CoveringSigs | undefined {
  let found = covering.get(rrset);
  if (found === undefined) {
    // Not linked (yet): no answer is cached, so a view built later still counts.
    const sigs = rrsigSets.get(rrset);
    if (sigs === undefined) return undefined;
    found = null;
    const rdatas: Uint8Array[] = [];
    const ttls: number[] = [];
    for (let i = 0; i < sigs.size; i++) {
      const rd = sigs.rdataAt(i);
      if (rrsigCovered(rd) !== rrset.type) continue;
      rdatas.push(rd);
      ttls.push(sigs.ttlAt(i));
    }
    if (rdatas.length > 0) found = { rdatas, ttls };
    covering.set(rrset, found);
  }
  return found ?? undefined;
}

/** An RRSIG RRset as it goes into an answer; the shape of query's PlannedRRset. */
export interface RrsigRRset {
  readonly owner: Name;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly rdatas: readonly Uint8Array[];
  readonly ttls?: readonly number[];
}

/**
 * The RRSIGs to send after `rrset` (owned by `owner`: the name asked for when it came from a
 * wildcard, RFC 4035 3.1.3.3), from the zone RRset `source`. TTLs are the RRSIGs' own, except over
 * an SOA, whose TTL they take: the negative-answer SOA's min(TTL, MINIMUM) too (NSD
 * packet_encode_rrset; checked with nsd 4.6.1).
 */
export function rrsigsFor(source: RRset, owner: Name, rrset: { readonly type: number; readonly class: number; readonly ttl: number }): RrsigRRset | undefined {
  const sigs = rrsigsOver(source);
  if (sigs === undefined) return undefined;
  if (rrset.type === TYPE.SOA) return { owner, type: TYPE.RRSIG, class: rrset.class, ttl: rrset.ttl, rdatas: sigs.rdatas };
  const ttl = sigs.ttls[0];
  const same = sigs.ttls.every((t) => t === ttl);
  return { owner, type: TYPE.RRSIG, class: rrset.class, ttl, rdatas: sigs.rdatas, ttls: same ? undefined : sigs.ttls };
}
