// The DNSSEC records of each answer case, NSEC or NSEC3 as the zone uses, gated as NSD 4.6 gates them (query.c).
import { type Name, TYPE } from '../wire/index.js';
import type { RRset, ZoneContents, ZoneNode } from '../zone/index.js';
import { nsecNodata, nsecNxdomain, nsecReferral, nsecWildcard } from './nsec-denial.js';
import { nsec3Nodata, nsec3Nxdomain, nsec3Referral, nsec3Wildcard } from './nsec3-denial.js';
import { zoneDnssec } from './zone-dnssec.js';

/** Denial RRsets to add to the authority section, in order; `servfail` on an NSEC3 hash collision (NSD). */
export interface Denial {
  readonly rrsets: readonly RRset[];
  readonly servfail: boolean;
}

const NONE: Denial = { rrsets: [], servfail: false };

// NSD uses NSEC3 whenever the zone has a usable NSEC3 chain (nsec3_param), and NSEC only in a secure
// zone without one (zone_is_secure); callers check the query's DO bit first.

/** NXDOMAIN: the name and the wildcard at its closest encloser do not exist (RFC 4035 3.1.3.2, RFC 5155 7.2.2). */
export function denyName(zone: ZoneContents, ce: ZoneNode, name: Name): Denial {
  const view = zoneDnssec(zone);
  if (view.nsec3 !== undefined) {
    const p = nsec3Nxdomain(view.nsec3, ce, name);
    return { rrsets: p.rrsets, servfail: p.collision };
  }
  return view.secure ? { rrsets: nsecNxdomain(zone, ce, name), servfail: false } : NONE;
}

/**
 * NODATA: the name (`node`, the wildcard for a wildcard NODATA) has no RRset of the type (RFC 4035
 * 3.1.3.1, 3.1.3.4; RFC 5155 7.2.3-7.2.5). `node` is undefined for a name that exists only in
 * another served zone: NSEC proves it with the covering NSEC; no NSEC3 is added (see docs/dnssec.md).
 */
export function denyType(zone: ZoneContents, node: ZoneNode | undefined, name: Name | undefined, qtype: number): readonly RRset[] {
  const view = zoneDnssec(zone);
  if (view.nsec3 !== undefined) return node === undefined ? [] : nsec3Nodata(view.nsec3, node, qtype === TYPE.DS);
  return view.secure ? nsecNodata(zone, node, name) : [];
}

/**
 * True when the NODATA proof goes before the SOA: NSD adds the NSEC3s of an empty non-terminal
 * while locating the name (nsec3_answer_authoritative) and the SOA after; NSEC proofs come after it.
 */
export function denialFirst(zone: ZoneContents, node: ZoneNode | undefined): boolean {
  return node !== undefined && node.size === 0 && zoneDnssec(zone).nsec3 !== undefined;
}

/** A wildcard answer: the name asked for does not exist (RFC 4035 3.1.3.3, RFC 5155 7.2.6). */
export function denyWildcardName(zone: ZoneContents, ce: ZoneNode, name: Name): Denial {
  const view = zoneDnssec(zone);
  if (view.nsec3 !== undefined) {
    const p = nsec3Wildcard(view.nsec3, ce, name);
    return { rrsets: p.rrsets, servfail: p.collision };
  }
  return view.secure ? { rrsets: nsecWildcard(zone, name), servfail: false } : NONE;
}

/**
 * A referral from a secure zone (RFC 4035 3.1.4): the DS RRset of the cut, or the proof that there
 * is none, NSEC3 (RFC 5155 7.2.7, opt-out included) or NSEC (NSD answer_delegation).
 */
export function delegationRecords(zone: ZoneContents, cut: ZoneNode): readonly RRset[] {
  const view = zoneDnssec(zone);
  if (!view.secure) return [];
  const ds = cut.get(TYPE.DS);
  if (ds !== undefined) return [ds];
  return view.nsec3 !== undefined ? nsec3Referral(view.nsec3, cut) : nsecReferral(cut);
}

/** NSD's zone_is_secure (see ZoneDnssec.secure). */
export function isSecure(zone: ZoneContents): boolean {
  return zoneDnssec(zone).secure;
}
